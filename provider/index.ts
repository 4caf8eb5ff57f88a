// The entry point the thin providers require() by package name at call time (see sdk/thin-provider.ts).
// Implementations load lazily so that a program using one resource type pays only for that one.
import type * as pulumi from "@pulumi/pulumi";

export { configure } from "./config";

export type ResourceTypeName =
  | "SalesforceConnector"
  | "GoogleConnector"
  | "GoogleCcaiConnector"
  | "ExperienceManagementConnector"
  | "CustomConnector"
  | "ContactCenterConnector"
  | "SalesforceCallCenterDefinition"
  | "DesktopLayout";

export function provider(type: ResourceTypeName): pulumi.dynamic.ResourceProvider {
  if (type === "DesktopLayout") return require("./desktop-layout/provider").desktopLayoutProvider;
  if (type === "SalesforceCallCenterDefinition") {
    return require("./salesforce/callcenter-provider").callCenterProvider;
  }
  return require("./kinds/registry").connectorProvider(type);
}

// The entry point every resource's serialized provider require()s by package name (see sdk/thin-provider.ts):
// forPlugin() for state written since 0.2, configure() and provider() for state written by 0.1.
// Implementations load lazily so that a program using one resource type pays only for that one.
import type * as pulumi from "@pulumi/pulumi";

import { configure } from "./config";

export { configure };

export type ResourceTypeName =
  | "SalesforceConnector"
  | "GoogleConnector"
  | "GoogleCcaiConnector"
  | "ExperienceManagementConnector"
  | "CustomConnector"
  | "ContactCenterConnector"
  | "SalesforceCallCenterDefinition"
  | "DesktopLayout"
  | "Flow";

export function provider(type: ResourceTypeName): pulumi.dynamic.ResourceProvider {
  if (type === "DesktopLayout") return require("./desktop-layout/provider").desktopLayoutProvider;
  if (type === "Flow") return require("./flow/lifecycle").flowProvider;
  if (type === "SalesforceCallCenterDefinition") {
    return require("./salesforce/callcenter-provider").callCenterProvider;
  }
  return require("./kinds/registry").connectorProvider(type);
}

const pluginProviders = new Map<ResourceTypeName, pulumi.dynamic.ResourceProvider>();

/** What a resource's `__provider` hands the plugin: the type's implementation, and configure. */
export function forPlugin(type: ResourceTypeName): pulumi.dynamic.ResourceProvider {
  let existing = pluginProviders.get(type);
  if (!existing) {
    existing = { ...provider(type), configure };
    pluginProviders.set(type, existing);
  }
  return existing;
}

// Every connector kind, and the provider for each. A new kind is one spec file listed here.
import type * as pulumi from "@pulumi/pulumi";
import { connectorLifecycle } from "../lifecycle";
import { contactCenter } from "./contact-center";
import { custom } from "./custom";
import { experienceManagement } from "./experience-management";
import { google } from "./google";
import { googleCcai } from "./google-ccai";
import { salesforce } from "./salesforce";
import type { ConnectorTypeName, KindSpec } from "./spec";

export const KINDS: readonly KindSpec[] = [
  salesforce,
  google,
  googleCcai,
  experienceManagement,
  custom,
  contactCenter,
];

export function kindSpec(typeName: string): KindSpec {
  const spec = KINDS.find((kind) => kind.typeName === typeName);
  if (!spec) {
    throw new Error(
      `${typeName} is not a connector resource: use one of ${KINDS.map((k) => k.typeName).join(", ")}.`,
    );
  }
  return spec;
}

const providers = new Map<string, pulumi.dynamic.ResourceProvider>();

export function connectorProvider(typeName: ConnectorTypeName): pulumi.dynamic.ResourceProvider {
  let existing = providers.get(typeName);
  if (!existing) {
    existing = connectorLifecycle(kindSpec(typeName));
    providers.set(typeName, existing);
  }
  return existing;
}

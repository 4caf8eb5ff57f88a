// What the reporter knows about each pulumi-wxcc resource type: how to recognise it in a preview, what to
// call it, which of its fields are credentials (changing one deactivates the connector, as the product
// requires: docs/connectors-api.md "Update") and which are secrets.

import type { ResourceTypeName } from "../../provider";
import { KINDS as CONNECTOR_KINDS } from "../../provider/kinds/all";
import { fieldsWithRole, type KindSpec } from "../../provider/kinds/spec";
import { CALL_CENTER_SECRET_PATHS } from "../../sdk/callcenter";

export type WxccTypeName = ResourceTypeName;

export interface WxccKind {
  type: WxccTypeName;
  /** The name a Control Hub admin knows the kind by. */
  label: string;
  isConnector: boolean;
  /** Input paths whose change needs the connector deactivated; a prefix covers everything below it. */
  credentialFields: readonly string[];
  /** Input paths that hold secrets (masked even if a preview shows them in plaintext). */
  secretFields: readonly string[];
}

// Short names for plan columns; the rules themselves come from each kind's spec (provider/kinds), the one
// source of truth the provider also runs on.
const SHORT_LABELS: Record<WxccTypeName, string> = {
  SalesforceConnector: "Salesforce",
  GoogleConnector: "Google TTS",
  GoogleCcaiConnector: "Google CCAI",
  ExperienceManagementConnector: "Experience Mgmt",
  CustomConnector: "Custom",
  ContactCenterConnector: "Contact Center HTTP",
  SalesforceCallCenterDefinition: "Salesforce call center",
  DesktopLayout: "Desktop layout",
  Flow: "Flow",
};

function connectorKind(spec: KindSpec): WxccKind {
  return {
    type: spec.typeName,
    label: SHORT_LABELS[spec.typeName],
    isConnector: true,
    credentialFields: fieldsWithRole(spec, "credential"),
    secretFields: spec.secretPaths,
  };
}

const KINDS: Record<WxccTypeName, WxccKind> = {
  ...(Object.fromEntries(CONNECTOR_KINDS.map((spec) => [spec.typeName, connectorKind(spec)])) as Record<
    Exclude<WxccTypeName, "SalesforceCallCenterDefinition" | "DesktopLayout" | "Flow">,
    WxccKind
  >),
  SalesforceCallCenterDefinition: {
    type: "SalesforceCallCenterDefinition",
    label: SHORT_LABELS.SalesforceCallCenterDefinition,
    isConnector: false,
    credentialFields: [],
    secretFields: CALL_CENTER_SECRET_PATHS,
  },
  DesktopLayout: {
    type: "DesktopLayout",
    label: SHORT_LABELS.DesktopLayout,
    isConnector: false,
    credentialFields: [],
    secretFields: [],
  },
  Flow: {
    type: "Flow",
    label: SHORT_LABELS.Flow,
    isConnector: false,
    credentialFields: [],
    secretFields: [],
  },
};

/** The order plans list resources in: connectors in Control Hub's order, then the call center. */
export function kindRank(kind: WxccKind | undefined): number {
  const index = kind ? Object.keys(KINDS).indexOf(kind.type) : -1;
  return index < 0 ? Object.keys(KINDS).length : index;
}

// The API's connector `type` values, in case a program registers connectors under the generic dynamic type.
const BY_API_TYPE: Record<string, WxccTypeName> = Object.fromEntries(
  CONNECTOR_KINDS.map((spec) => [spec.apiType, spec.typeName]),
);

/**
 * Recognises a pulumi-wxcc resource from its type token (`pulumi-nodejs:dynamic/wxcc:SalesforceConnector`)
 * or, for the generic `pulumi-nodejs:dynamic:Resource`, from the `kind` it records.
 */
export function wxccKindOf(typeToken: string | undefined, kindHint?: unknown): WxccKind | undefined {
  const match = /(?:^|[:/])wxcc:(\w+)$/.exec(typeToken ?? "");
  if (match && match[1]! in KINDS) return KINDS[match[1] as WxccTypeName];
  if (typeof kindHint === "string") {
    if (kindHint in KINDS) return KINDS[kindHint as WxccTypeName];
    const byApi = BY_API_TYPE[kindHint.toUpperCase()];
    if (byApi) return KINDS[byApi];
  }
  return undefined;
}

/** True when `path` is `field` or lies below it (`auth.password` is under `auth`). */
export function isUnder(path: string, field: string): boolean {
  return path === field || path.startsWith(`${field}.`) || path.startsWith(`${field}[`);
}

export function isCredentialPath(kind: WxccKind, path: string): boolean {
  return kind.credentialFields.some((field) => isUnder(path, field) || isUnder(field, path));
}

const SECRET_NAME =
  /(password|secret|privatekey|private_key|apikey|authkey|authorization|accesstoken|refreshtoken|token)$/i;

/** Secret by the kind's declaration or by a name no one uses for a public value. */
export function isSecretPath(kind: WxccKind | undefined, path: string): boolean {
  if (kind?.secretFields.some((field) => isUnder(path, field))) return true;
  const leaf =
    path
      .split(/[.[\]]/)
      .filter(Boolean)
      .pop() ?? path;
  return SECRET_NAME.test(leaf);
}

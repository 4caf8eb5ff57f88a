// What the reporter knows about each pulumi-wxcc resource type: how to recognise it in a preview, what to
// call it, which of its fields are credentials (changing one deactivates the connector, as the product
// requires: docs/connectors-api.md "Update") and which are secrets.

export type WxccTypeName =
  | "SalesforceConnector"
  | "GoogleConnector"
  | "GoogleCcaiConnector"
  | "ExperienceManagementConnector"
  | "CustomConnector"
  | "ContactCenterConnector"
  | "SalesforceCallCenterDefinition";

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

const KINDS: Record<WxccTypeName, WxccKind> = {
  SalesforceConnector: {
    type: "SalesforceConnector",
    label: "Salesforce",
    isConnector: true,
    credentialFields: ["clientId", "userEmail", "authorizationServerUrl", "privateKey"],
    secretFields: ["privateKey"],
  },
  GoogleConnector: {
    type: "GoogleConnector",
    label: "Google TTS",
    isConnector: true,
    credentialFields: ["authKey"],
    secretFields: ["authKey"],
  },
  GoogleCcaiConnector: {
    type: "GoogleCcaiConnector",
    label: "Google CCAI",
    isConnector: true,
    credentialFields: ["ccaiProject", "ciscoProjectName", "serviceAccount"],
    secretFields: ["googleAuthorization"],
  },
  ExperienceManagementConnector: {
    type: "ExperienceManagementConnector",
    label: "Experience Mgmt",
    isConnector: true,
    credentialFields: ["username", "apiKey"],
    secretFields: ["apiKey"],
  },
  CustomConnector: {
    type: "CustomConnector",
    label: "Custom",
    isConnector: true,
    credentialFields: ["auth"],
    secretFields: ["auth.password", "auth.clientSecret"],
  },
  ContactCenterConnector: {
    type: "ContactCenterConnector",
    label: "Contact Center HTTP",
    isConnector: true,
    credentialFields: ["access"],
    secretFields: [],
  },
  SalesforceCallCenterDefinition: {
    type: "SalesforceCallCenterDefinition",
    label: "Salesforce call center",
    isConnector: false,
    credentialFields: [],
    secretFields: ["salesforce.privateKey"],
  },
};

/** The order plans list resources in: connectors in Control Hub's order, then the call center. */
export function kindRank(kind: WxccKind | undefined): number {
  const index = kind ? Object.keys(KINDS).indexOf(kind.type) : -1;
  return index < 0 ? Object.keys(KINDS).length : index;
}

// The API's connector `type` values, in case a program registers connectors under the generic dynamic type.
const BY_API_TYPE: Record<string, WxccTypeName> = {
  SALESFORCE: "SalesforceConnector",
  GOOGLE: "GoogleConnector",
  GOOGLE_CCAI: "GoogleCcaiConnector",
  WXM: "ExperienceManagementConnector",
  CUSTOM: "CustomConnector",
  WEBEX_CC: "ContactCenterConnector",
};

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

// Valid arguments for every connector kind, and the keys they need, generated once per process.
import { generateKeyPairSync } from "node:crypto";
import { KINDS } from "../../../provider/kinds/all";
import type { ConnectorTypeName } from "../../../provider/kinds/spec";

export interface RsaKeyPair {
  privateKeyPem: string;
  publicKeyPem: string;
}

const keys: RsaKeyPair[] = [];

/** The n-th RSA key pair of this process (generated on first use). */
export function rsaKey(n = 0): RsaKeyPair {
  while (keys.length <= n) {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    keys.push({
      privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
      publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    });
  }
  return keys[n];
}

export function serviceAccountKey(n = 0): string {
  return JSON.stringify({
    type: "service_account",
    project_id: "tts-project",
    private_key_id: `key-${n}`,
    private_key: rsaKey(n).privateKeyPem,
    client_email: "tts@tts-project.iam.gserviceaccount.com",
  });
}

/** Plain (engine-side) inputs for each kind, as the program would declare them. */
export function validArgs(type: ConnectorTypeName, name = `test-${type}`): Record<string, unknown> {
  switch (type) {
    case "SalesforceConnector":
      return {
        name,
        clientId: "3MVG9-consumer-key",
        userEmail: "integration@acme.example",
        privateKey: rsaKey(0).privateKeyPem,
      };
    case "GoogleConnector":
      return { name, authKey: serviceAccountKey(0) };
    case "GoogleCcaiConnector":
      return {
        name,
        ccaiProject: "acme-ccai",
        ciscoProjectName: "Not applicable",
        serviceAccount: "ccai@acme-ccai.iam.gserviceaccount.com",
        googleAuthorization: "google-authorization-code-0001",
      };
    case "ExperienceManagementConnector":
      return { name, username: "wxm-user", apiKey: "wxm-api-key-0001", description: "Survey feedback" };
    case "CustomConnector":
      return {
        name,
        resourceDomainUrl: "https://orders.example.com",
        auth: {
          type: "oauth2",
          grantType: "client-credentials",
          clientId: "orders-client",
          clientSecret: "orders-client-secret-0001",
          tokenUrl: "https://auth.example.com/oauth/token",
          scope: "orders.read",
        },
      };
    case "ContactCenterConnector":
      return { name, access: "read-only", authorize: true };
  }
}

export const CONNECTOR_TYPES: readonly ConnectorTypeName[] = KINDS.map((kind) => kind.typeName);

export interface BadInput {
  /** The property check must name. */
  property: string;
  /** The program's arguments with the bad value in place. */
  args: Record<string, unknown>;
}

function withValue(args: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(args);
  const parts = path.split(".");
  let node = copy;
  for (const part of parts.slice(0, -1)) node = node[part] as Record<string, unknown>;
  if (value === undefined) delete node[parts[parts.length - 1]];
  else node[parts[parts.length - 1]] = value;
  return copy;
}

/** One bad value for every field of a kind (and the common ones), each with the property check must name. */
export function badInputs(type: ConnectorTypeName): BadInput[] {
  const args = validArgs(type);
  const bad = (property: string, value: unknown, path = property): BadInput => ({
    property,
    args: withValue(args, path, value),
  });
  const common = [
    bad("name", undefined),
    bad("name", "   "),
    bad("name", 42),
    bad("orgId", ""),
    bad("region", "mars1"),
    bad("active", "yes"),
    bad("description", "x".repeat(256)),
    // Control characters (C0, DEL, C1) and leading or trailing white space in names.
    ...["\u0000", "\u001b[31m", "\u0007", "\n", "\u007f", "\u0085", "\u009b"].map((c) =>
      bad("name", `Sales${c}force`),
    ),
    bad("name", " Salesforce"),
    bad("name", "Salesforce\t"),
    { property: "colour", args: { ...args, colour: "blue" } },
  ];
  const specific: Record<ConnectorTypeName, () => BadInput[]> = {
    SalesforceConnector: () => [
      bad("clientId", ""),
      bad("userEmail", "not-an-email"),
      bad("authorizationServerUrl", "http://login.salesforce.com"),
      bad("authorizationServerUrl", "https://admin:hunter2-pw@login.salesforce.com"),
      bad("privateKey", "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----"),
      bad("privateKey", undefined),
    ],
    GoogleConnector: () => [
      bad("authKey", "{not json"),
      bad("authKey", JSON.stringify({ type: "user", project_id: "p" })),
      bad("authKey", undefined),
    ],
    GoogleCcaiConnector: () => [
      bad("ccaiProject", ""),
      bad("ciscoProjectName", undefined),
      bad("serviceAccount", "not-an-email"),
      bad("googleAuthorization", ""),
    ],
    ExperienceManagementConnector: () => [bad("username", ""), bad("apiKey", undefined)],
    CustomConnector: () => [
      bad("resourceDomainUrl", "http://orders.example.com"),
      bad("resourceDomainUrl", "https://svc:orders-pw-123@orders.example.com"),
      bad("auth.tokenUrl", "https://orders-client:orders-client-secret-0001@auth.example.com/oauth/token"),
      {
        property: "auth.validationUrl",
        args: {
          ...args,
          auth: {
            type: "basic",
            username: "svc",
            password: "pw-123456",
            validationUrl: "https://svc:pw-123456@v.example.com",
          },
        },
      },
      bad("auth", undefined),
      bad("auth.type", "digest"),
      bad("auth.grantType", "implicit"),
      bad("auth.clientId", ""),
      bad("auth.clientSecret", undefined),
      bad("auth.tokenUrl", "ftp://auth.example.com/token"),
      bad("auth.scope", ""),
      {
        property: "auth.password",
        args: { ...args, auth: { type: "basic", username: "svc", validationUrl: "https://v.example.com" } },
      },
      {
        property: "auth.validationUrl",
        args: {
          ...args,
          auth: { type: "basic", username: "svc", password: "pw-123456", validationUrl: "http://v" },
        },
      },
      {
        property: "auth.username",
        args: {
          ...args,
          auth: { ...(args.auth as object), grantType: "password", password: "pw-123456" },
        },
      },
    ],
    ContactCenterConnector: () => [
      bad("access", "admin"),
      bad("authorize", false),
      bad("authorize", undefined),
    ],
  };
  return [...common, ...specific[type]()];
}

// Valid arguments for every connector kind, and the keys they need, generated once per process.
import { generateKeyPairSync } from "node:crypto";
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

export const CONNECTOR_TYPES: readonly ConnectorTypeName[] = [
  "SalesforceConnector",
  "GoogleConnector",
  "GoogleCcaiConnector",
  "ExperienceManagementConnector",
  "CustomConnector",
  "ContactCenterConnector",
];

// The world the quickstart runs in, set up on an emulator the way an admin sets up a real one: a Contact
// Center org with an admin, and the remote parties its connectors are validated against (a Salesforce
// connected app whose key is generated here, an OAuth authorization server, a Basic-auth validation URL,
// Salesforce users for the agents). Used by the demo and by the example tests.
import * as crypto from "node:crypto";
import type { AdminCredentials, RunningEmulator } from "pulumi-wxcc/emulator";
import type { ConfigValue } from "pulumi-wxcc/testing";
import { DesktopLayoutControl } from "../../emulator/desktop-layout/control-client";
import { SalesforceControl } from "../../emulator/salesforce/control-client";

export interface RsaKeyPair {
  privateKeyPem: string;
  publicKeyPem: string;
}

export function generateRsaKey(): RsaKeyPair {
  const { privateKey, publicKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
  };
}

/** A Google service-account key file (JSON), with a freshly generated private key. */
export function googleServiceAccountKey(projectId: string, clientEmail: string): string {
  return JSON.stringify({
    type: "service_account",
    project_id: projectId,
    private_key_id: crypto.randomBytes(20).toString("hex"),
    private_key: generateRsaKey().privateKeyPem,
    client_email: clientEmail,
    client_id: String(crypto.randomInt(1e9, 1e10)),
    token_uri: "https://oauth2.googleapis.com/token",
  });
}

/** A random secret, as an identity provider would issue one. */
export function randomSecret(bytes = 18): string {
  return crypto.randomBytes(bytes).toString("base64url");
}

export interface OrgSetup {
  orgId: string;
  admin: AdminCredentials;
  /** The provider's config for this org (wxcc:*), pointing at the emulator. */
  providerConfig: Record<string, ConfigValue>;
}

/** A Contact Center org on the current platform with FLEX3 licences, and a full administrator. */
export async function createOrgWithAdmin(emulator: RunningEmulator, orgId: string): Promise<OrgSetup> {
  await emulator.control.createOrg({ orgId, platform: "2.0", licenses: ["FLEX3"] });
  // A stable client id (Webex's shape: "C" and 64 hex digits), so plans of the same org read the same.
  const clientId = `C${crypto.createHash("sha256").update(orgId).digest("hex")}`;
  const admin = await emulator.control.createAdmin(orgId, { role: "full-admin", clientId });
  return {
    orgId,
    admin,
    providerConfig: {
      "wxcc:orgId": orgId,
      "wxcc:region": "us1",
      "wxcc:baseUrl": emulator.url,
      "wxcc:identityUrl": emulator.url,
      "wxcc:clientId": admin.clientId,
      "wxcc:clientSecret": { secret: admin.clientSecret },
      "wxcc:refreshToken": { secret: admin.refreshToken },
    },
  };
}

export const SALESFORCE_CONNECTOR_APP = "3MVG9WxccConnectorDemoApp";
export const SALESFORCE_INTEGRATION_USER = "integration@acme-demo.example";
export const SALESFORCE_DEPLOY_APP = "3MVG9PulumiDeployDemoApp";
export const SALESFORCE_DEPLOY_USER = "release-bot@acme-demo.example";
export const ORDERS_TOKEN_URL = "https://auth.orders.acme-demo.example/oauth2/token";
export const LOYALTY_VALIDATION_URL = "https://loyalty.acme-demo.example/api/whoami";
/** Salesforce users who work in Webex Contact Center: the call center is assigned to them. */
export const AGENTS = ["ada.agent@acme-demo.example", "ben.agent@acme-demo.example"];
/** The teams that get the Salesforce desktop layout; fixed ids keep the documented sample stable. */
export const SALES_TEAMS = [
  { id: "5a1e5000-0000-4000-8000-000000000001", name: "Inside Sales" },
  { id: "5a1e5000-0000-4000-8000-000000000002", name: "Field Sales" },
];

export interface QuickstartWorld extends OrgSetup {
  /** The quickstart stack's whole config: provider settings and the program's own keys. */
  config: Record<string, ConfigValue>;
  /** Every secret the world handed out, to check that none leaks. */
  secrets: string[];
  /** The Salesforce admin uploads a new certificate to the connector's connected app; returns the new key. */
  rotateSalesforceKey(): Promise<string>;
}

/** Sets up everything the quickstart program needs in `orgId`. */
export async function createQuickstartWorld(
  emulator: RunningEmulator,
  orgId: string,
): Promise<QuickstartWorld> {
  const org = await createOrgWithAdmin(emulator, orgId);
  const control = emulator.control;
  const connectorKey = generateRsaKey();
  const deployKey = generateRsaKey();
  const ordersSecret = randomSecret();
  const loyaltyPassword = randomSecret();
  const wxmApiKey = randomSecret(24);
  const googleAuthorization = `4/0A${randomSecret(30)}`;
  const authKey = googleServiceAccountKey("acme-tts", "tts@acme-tts.iam.gserviceaccount.com");

  await control.registerConnectedApp({
    consumerKey: SALESFORCE_CONNECTOR_APP,
    username: SALESFORCE_INTEGRATION_USER,
    publicKey: connectorKey.publicKeyPem,
  });
  await control.registerConnectedApp({
    consumerKey: SALESFORCE_DEPLOY_APP,
    username: SALESFORCE_DEPLOY_USER,
    publicKey: deployKey.publicKeyPem,
  });
  await control.registerOAuthClient({
    tokenUrl: ORDERS_TOKEN_URL,
    clientId: "webex-orders",
    clientSecret: ordersSecret,
  });
  await control.registerBasicAuth({
    validationUrl: LOYALTY_VALIDATION_URL,
    username: "svc-webex",
    password: loyaltyPassword,
  });
  const salesforce = new SalesforceControl(emulator.url);
  for (const agent of AGENTS) await salesforce.createUser(agent);
  const teams = new DesktopLayoutControl(emulator.url);
  for (const team of SALES_TEAMS) await teams.addTeam(org.orgId, team);

  const config: Record<string, ConfigValue> = {
    ...org.providerConfig,
    salesforceClientId: SALESFORCE_CONNECTOR_APP,
    salesforceUser: SALESFORCE_INTEGRATION_USER,
    salesforcePrivateKey: { secret: connectorKey.privateKeyPem },
    googleAuthKey: { secret: authKey },
    ccaiProject: "acme-ccai",
    ccaiServiceAccount: "agent-answers@acme-ccai.iam.gserviceaccount.com",
    googleAuthorization: { secret: googleAuthorization },
    wxmUsername: "wxm-admin@acme-demo.example",
    wxmApiKey: { secret: wxmApiKey },
    ordersApiUrl: "https://orders.acme-demo.example",
    ordersTokenUrl: ORDERS_TOKEN_URL,
    ordersClientId: "webex-orders",
    ordersClientSecret: { secret: ordersSecret },
    loyaltyApiUrl: "https://loyalty.acme-demo.example",
    loyaltyUsername: "svc-webex",
    loyaltyPassword: { secret: loyaltyPassword },
    loyaltyValidationUrl: LOYALTY_VALIDATION_URL,
    // Token requests go to the emulated Salesforce; the JWT names production Salesforce as its audience.
    salesforceLoginUrl: `${emulator.url}/salesforce`,
    salesforceAudience: "https://login.salesforce.com",
    deployClientId: SALESFORCE_DEPLOY_APP,
    deployUser: SALESFORCE_DEPLOY_USER,
    deployPrivateKey: { secret: deployKey.privateKeyPem },
    agents: JSON.stringify(AGENTS),
    outdialAni: "+14085550100",
    salesTeamIds: JSON.stringify(SALES_TEAMS.map((team) => team.id)),
  };
  const secrets = [
    org.admin.clientSecret,
    org.admin.refreshToken,
    org.admin.accessToken,
    connectorKey.privateKeyPem,
    deployKey.privateKeyPem,
    ordersSecret,
    loyaltyPassword,
    wxmApiKey,
    googleAuthorization,
    authKey,
  ];
  return {
    ...org,
    config,
    secrets,
    async rotateSalesforceKey() {
      const next = generateRsaKey();
      await control.registerConnectedApp({
        consumerKey: SALESFORCE_CONNECTOR_APP,
        username: SALESFORCE_INTEGRATION_USER,
        publicKey: next.publicKeyPem,
      });
      secrets.push(next.privateKeyPem);
      return next.privateKeyPem;
    },
  };
}

// The world the rollout lands in, on one emulator in its own process (127.0.0.1, injected latency, the Webex
// rate limit): M
// customer orgs, each with its own administrator integration (refresh-token credentials, so every org's
// provider makes real token requests and has its own quota), and the remote parties the connectors are
// validated against on save (a Salesforce connected app per org, one OAuth authorization server for the
// orders API that every org's Custom connector uses).
import * as crypto from "node:crypto";
import type { ConfigValue } from "../testing";
import { type EmulatorProcess, spawnEmulator } from "./emulator-process";

export interface BenchOrg {
  orgId: string;
  /** The org's administrator integration: its OAuth client is what the rate limit counts against. */
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  salesforceApp: string;
  salesforceUser: string;
}

/** The credentials every org's connectors are given; `ordersClientSecret` is the one the rotation changes. */
export interface ConnectorSecrets {
  salesforcePrivateKey: string;
  googleAuthKey: string;
  googleAuthorization: string;
  wxmApiKey: string;
  ordersClientSecret: string;
}

export interface BenchWorld {
  emulator: EmulatorProcess;
  orgs: BenchOrg[];
  secrets: ConnectorSecrets;
  /** The stack's config: wxcc:orgs holds each org's credentials (one plugin; each org has its own OAuth client, so its own limiter). */
  config: Record<string, ConfigValue>;
  /** As many orgs again, the same in every way, for the floor provider (bench/floor-provider.ts). */
  floorOrgs: BenchOrg[];
  /** The floor stack's config, with the floor orgs' credentials. */
  floorConfig: Record<string, ConfigValue>;
  /** The orders API's authorization server now accepts only `secret` (done before rolling it out). */
  trustOrdersSecret(secret: string): Promise<void>;
  /** Every secret handed out, to check none reaches the results. */
  allSecrets(): string[];
}

export const ORDERS = {
  apiUrl: "https://orders.partner.example",
  tokenUrl: "https://auth.orders.partner.example/oauth2/token",
  clientId: "webex-orders",
};

export function randomSecret(bytes = 18): string {
  return crypto.randomBytes(bytes).toString("base64url");
}

function rsaKeyPair(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
  };
}

export function orgIdOf(index: number, prefix = "org"): string {
  return `${prefix}-${String(index + 1).padStart(3, "0")}`;
}

export async function createWorld(options: {
  orgs: number;
  latencyMs: number;
  rateLimit: number;
}): Promise<BenchWorld> {
  const emulator = await spawnEmulator(options);
  try {
    const control = emulator.control;
    const salesforceKey = rsaKeyPair();
    const googleKey = rsaKeyPair();
    const secrets: ConnectorSecrets = {
      salesforcePrivateKey: salesforceKey.privateKeyPem,
      googleAuthKey: JSON.stringify({
        type: "service_account",
        project_id: "partner-tts",
        private_key_id: crypto.randomBytes(20).toString("hex"),
        private_key: googleKey.privateKeyPem,
        client_email: "tts@partner-tts.iam.gserviceaccount.com",
      }),
      googleAuthorization: `4/0A${randomSecret(30)}`,
      wxmApiKey: randomSecret(24),
      ordersClientSecret: randomSecret(),
    };
    const handedOut = [...Object.values(secrets)];
    const createOrgs = async (prefix: string): Promise<BenchOrg[]> => {
      const orgs: BenchOrg[] = [];
      for (let i = 0; i < options.orgs; i++) {
        const orgId = orgIdOf(i, prefix);
        await control.createOrg({ orgId, platform: "2.0", licenses: ["FLEX3"] });
        const admin = await control.createAdmin(orgId, { role: "full-admin" });
        const org: BenchOrg = {
          orgId,
          clientId: admin.clientId,
          clientSecret: admin.clientSecret,
          refreshToken: admin.refreshToken,
          salesforceApp: `3MVG9Bench${orgId.replace(/-/g, "")}`,
          salesforceUser: `integration@${orgId}.example`,
        };
        await control.registerConnectedApp({
          consumerKey: org.salesforceApp,
          username: org.salesforceUser,
          publicKey: salesforceKey.publicKeyPem,
        });
        handedOut.push(admin.clientSecret, admin.refreshToken, admin.accessToken);
        orgs.push(org);
      }
      return orgs;
    };
    const orgs = await createOrgs("org");
    const floorOrgs = await createOrgs("floor");
    const trustOrdersSecret = async (secret: string) => {
      handedOut.push(secret);
      await control.registerOAuthClient({ ...ORDERS, clientSecret: secret });
    };
    await trustOrdersSecret(secrets.ordersClientSecret);
    const orgsConfig = (list: BenchOrg[]) =>
      JSON.stringify(
        Object.fromEntries(
          list.map((org) => [
            org.orgId,
            { clientId: org.clientId, clientSecret: org.clientSecret, refreshToken: org.refreshToken },
          ]),
        ),
      );
    return {
      emulator,
      orgs,
      secrets,
      config: {
        "wxcc:baseUrl": emulator.url,
        "wxcc:identityUrl": emulator.url,
        "wxcc:orgs": { secret: orgsConfig(orgs) },
        // The provider paces to the limit the emulator enforces, as an operator sets it for their clients.
        "wxcc:rateLimitPerMinute": String(options.rateLimit),
      },
      floorOrgs,
      floorConfig: {
        "wxcc:baseUrl": emulator.url,
        "wxcc:identityUrl": emulator.url,
        "wxcc:orgs": { secret: orgsConfig(floorOrgs) },
      },
      trustOrdersSecret,
      allSecrets: () => [...handedOut],
    };
  } catch (error) {
    await emulator.close();
    throw error;
  }
}

// One emulator for a test file: an org with a full admin and a read-only admin, and the remote sides the
// connectors are validated against (a Salesforce connected app with the test key, an OAuth 2.0 client).
import * as path from "node:path";
import { type EmulatorControl, type RunningEmulator, startEmulator } from "../../../emulator";
import type { ConfigValue } from "../../../testing";
import { rsaKey } from "./fixtures";

export const PROJECT_DIR = path.resolve(__dirname, "../../../..");
export const ORG_ID = "org-acme";
export const ADMIN_TOKEN = "wxcc-full-admin-token-0001";
export const READ_ONLY_TOKEN = "wxcc-read-only-token-0001";
export const SALESFORCE_APP = { consumerKey: "3MVG9-consumer-key", username: "integration@acme.example" };
export const ORDERS_CLIENT = { tokenUrl: "https://auth.example.com/oauth/token", clientId: "orders-client" };

export interface World {
  emulator: RunningEmulator;
  control: EmulatorControl;
  config(token?: string): Record<string, ConfigValue>;
}

/** `clock`: the emulator's clock, for tests that need the server's time apart from the client's. */
export async function startWorld(options: { clock?: () => number } = {}): Promise<World> {
  const emulator = await startEmulator({ port: 0, ...(options.clock ? { clock: options.clock } : {}) });
  const control = emulator.control;
  await control.createOrg({ orgId: ORG_ID });
  await control.createAdmin(ORG_ID, { role: "full-admin", accessToken: ADMIN_TOKEN });
  await control.createAdmin(ORG_ID, { role: "external-read-only", accessToken: READ_ONLY_TOKEN });
  await trustSalesforceKey(control, 0);
  await trustOrdersSecret(control, "orders-client-secret-0001");
  return {
    emulator,
    control,
    config: (token = ADMIN_TOKEN) => ({
      "wxcc:orgId": ORG_ID,
      "wxcc:baseUrl": emulator.url,
      "wxcc:identityUrl": emulator.url,
      "wxcc:accessToken": { secret: token },
    }),
  };
}

/** Puts the n-th test key's public key on the connected app (as uploading its certificate would). */
export function trustSalesforceKey(control: EmulatorControl, n: number) {
  return control.registerConnectedApp({ ...SALESFORCE_APP, publicKey: rsaKey(n).publicKeyPem });
}

/** Makes the authorization server accept this client secret (and no other) for the orders client. */
export function trustOrdersSecret(control: EmulatorControl, clientSecret: string) {
  return control.registerOAuthClient({ ...ORDERS_CLIENT, clientSecret });
}

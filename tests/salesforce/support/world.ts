import { type RunningEmulator, startEmulator } from "pulumi-wxcc/emulator";
import { SalesforceControl } from "../../../emulator/salesforce/control-client";
import type { JwtCredentials } from "../../../provider/salesforce/jwt-bearer";
import { rsaKeys } from "./fixtures";

export const CONSUMER_KEY = "3MVG9EmulatedConsumerKey";
export const INTEGRATION_USER = "integration@acme.com";

export interface SalesforceWorld {
  emulator: RunningEmulator;
  sf: SalesforceControl;
  /** <emulator>/salesforce: the login URL, the audience the app accepts, and the instance URL. */
  loginUrl: string;
  creds: JwtCredentials;
  close(): Promise<void>;
}

/** An emulator with a connected app whose certificate pairs with rsaKeys(). */
export async function salesforceWorld(options: { clock?: () => number } = {}): Promise<SalesforceWorld> {
  const emulator = await startEmulator(options.clock ? { clock: options.clock } : {});
  const loginUrl = `${emulator.url}/salesforce`;
  await emulator.control.registerConnectedApp({
    consumerKey: CONSUMER_KEY,
    username: INTEGRATION_USER,
    publicKey: rsaKeys().publicKeyPem,
    audiences: [loginUrl],
  });
  const sf = new SalesforceControl(emulator.url);
  // Deploys finish on their first status poll unless a test wants to see them in progress.
  await sf.settings({ deployPolls: 1 });
  return {
    emulator,
    sf,
    loginUrl,
    creds: {
      loginUrl,
      audience: loginUrl,
      clientId: CONSUMER_KEY,
      username: INTEGRATION_USER,
      privateKey: rsaKeys().privateKeyPem,
    },
    close: () => emulator.close(),
  };
}

/** Resource inputs for the call-center definition against this world. */
export function definitionArgs(
  world: SalesforceWorld,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    salesforce: {
      loginUrl: world.loginUrl,
      clientId: CONSUMER_KEY,
      username: INTEGRATION_USER,
      privateKey: rsaKeys().privateKeyPem,
    },
    ...extra,
  };
}

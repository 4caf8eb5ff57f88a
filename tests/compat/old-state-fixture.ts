// The state earlier versions wrote, kept as fixtures so every later version proves it still reads them
// (refresh, update, destroy). Each of tests/fixtures/state-0.1.0/ and tests/fixtures/state-schema-1/ holds:
// - pulumi-state.json: the harness's checkpoint after `up` of one connector of each kind. state-0.1.0 was
//   written by the code of commit 9c5f99a (its serialized provider is the one every stack deployed before
//   issue #15 carries); state-schema-1 by commit 8be9a06, the last whose outputs hold the secrets themselves
//   (schemaVersion 1) rather than their digests;
// - emulator-state.json: the emulator's world at that moment (only hashes of secrets), so the connectors the
//   state points at exist when the test starts the emulator from it.
// `node dist/tests/compat/old-state-fixture.js <dir>` wrote them; it is kept to show how, not to be re-run
// (run by a later version it would write that version's state, not the old one).
import * as fs from "node:fs";
import * as path from "node:path";
import { startEmulator } from "../../emulator";
import type { ConnectorTypeName } from "../../provider/kinds/spec";
import { CONNECTOR_CLASSES, type ConnectorResource } from "../../sdk/connectors";
import { type ConfigValue, Stack } from "../../testing";
import { ORDERS_CLIENT, PROJECT_DIR, SALESFORCE_APP } from "../provider/support/emulator-world";
import { CONNECTOR_TYPES, rsaKey, validArgs } from "../provider/support/fixtures";

export const OLD_STATE_DIR = path.join(PROJECT_DIR, "tests/fixtures/state-0.1.0");

/** Each fixture, and a piece of its state text that only that version wrote. */
export const OLD_STATES = [
  {
    writtenBy: "0.1.0",
    dir: OLD_STATE_DIR,
    // The closure-serialized provider object, before the one-line text of issue #15.
    marker: 'require(\\"pulumi-wxcc/provider\\").provider(type).read(id, props)',
  },
  {
    writtenBy: "schema 1 (secrets in the outputs)",
    dir: path.join(PROJECT_DIR, "tests/fixtures/state-schema-1"),
    marker: '"schemaVersion": 1',
  },
];
/** A test passphrase: the fixture's secrets are throwaway values trusted only by its emulator state. */
export const OLD_STATE_PASSPHRASE = "old-state-fixture-passphrase";
export const OLD_STATE_ORG = "org-old-state";
export const OLD_STATE_TOKEN = "old-state-admin-token-0001";
export const OLD_STATE_PROJECT = "wxcc-old-state";
export const OLD_STATE_STACK = "compat";
/** The emulator URL recorded in the fixture's provider config, replaced by the live one when it is used. */
export const OLD_STATE_URL_PATTERN = /http:\/\/127\.0\.0\.1:\d+/g;

const CLASSES = CONNECTOR_CLASSES as unknown as Record<
  ConnectorTypeName,
  new (name: string, args: object) => ConnectorResource
>;

export function oldStateConfig(url: string): Record<string, ConfigValue> {
  return {
    "wxcc:orgId": OLD_STATE_ORG,
    "wxcc:baseUrl": url,
    "wxcc:identityUrl": url,
    "wxcc:accessToken": { secret: OLD_STATE_TOKEN },
  };
}

/** One connector of each kind, with the arguments `args` gives each type. */
export function oneOfEachKind(args: (type: ConnectorTypeName) => Record<string, unknown>): () => void {
  return () => {
    for (const type of CONNECTOR_TYPES) new CLASSES[type](`old-${type}`, args(type));
  };
}

async function writeFixture(dir: string): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  const emulatorState = path.join(dir, "emulator-state.json");
  const stackState = path.join(dir, "pulumi-state.json");
  fs.rmSync(emulatorState, { force: true });
  fs.rmSync(stackState, { force: true });
  const emulator = await startEmulator({ stateFile: emulatorState });
  try {
    await emulator.control.createOrg({ orgId: OLD_STATE_ORG });
    await emulator.control.createAdmin(OLD_STATE_ORG, { role: "full-admin", accessToken: OLD_STATE_TOKEN });
    await emulator.control.registerConnectedApp({ ...SALESFORCE_APP, publicKey: rsaKey(0).publicKeyPem });
    await emulator.control.registerOAuthClient({
      ...ORDERS_CLIENT,
      clientSecret: "orders-client-secret-0001",
    });
    const stack = new Stack({
      projectDir: PROJECT_DIR,
      project: OLD_STATE_PROJECT,
      stack: OLD_STATE_STACK,
      config: oldStateConfig(emulator.url),
      stateFile: stackState,
      passphrase: OLD_STATE_PASSPHRASE,
    });
    const result = await stack.up(oneOfEachKind((type) => validArgs(type, `old-${type}`)));
    if (!result.ok) throw new Error(`the fixture's up failed: ${result.error}`);
  } finally {
    await emulator.close();
  }
}

if (require.main === module) {
  writeFixture(path.resolve(process.argv[2] ?? OLD_STATE_DIR)).then(
    () => process.stdout.write("written\n"),
    (error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exitCode = 1;
    },
  );
}

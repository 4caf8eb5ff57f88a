// What `npm run demo -- --keep-emulator` prints so the kept emulator can be used from a Pulumi project: the
// exact `pulumi config set` lines for the demo org, and the control-API calls that add orgs and admins.
// Secrets never appear in the terminal: each is written to a file only the user can read, and the line
// reads it from there (`pulumi config set --secret` takes the value from standard input).
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { ConfigValue } from "pulumi-wxcc/testing";

export interface ReuseInstructions {
  lines: string[];
  /** Holds the secret files; remove it when the emulator stops. */
  secretsDir: string;
}

function shellQuote(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

export function reuseInstructions(
  emulatorUrl: string,
  orgId: string,
  providerConfig: Record<string, ConfigValue>,
): ReuseInstructions {
  const secretsDir = fs.mkdtempSync(path.join(os.tmpdir(), "wxcc-demo-secrets-"));
  fs.chmodSync(secretsDir, 0o700);
  const lines = [
    `# the demo org ${orgId}, in your Pulumi project (secrets are read from files, never shown):`,
  ];
  for (const [key, value] of Object.entries(providerConfig)) {
    if (typeof value === "string") {
      lines.push(`pulumi config set ${key} ${shellQuote(value)}`);
      continue;
    }
    const file = path.join(secretsDir, key.replace(/[^\w.-]/g, "_"));
    fs.writeFileSync(file, value.secret, { mode: 0o600 });
    lines.push(`pulumi config set --secret ${key} < ${shellQuote(file)}`);
  }
  const json = "-H 'content-type: application/json'";
  lines.push(
    "# more orgs and administrators (the answer holds the new admin's credentials):",
    `curl -s ${emulatorUrl}/_emulator/orgs`,
    `curl -s -X POST ${emulatorUrl}/_emulator/orgs ${json} -d '{"orgId":"my-org"}'`,
    `curl -s -X POST ${emulatorUrl}/_emulator/orgs/my-org/admins ${json} -d '{"role":"full-admin"}'`,
    `# roles, the other control calls and their clients: docs/emulator.md`,
  );
  return { lines, secretsDir };
}

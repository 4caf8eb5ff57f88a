// One emulator for a desktop-layout test file: an org with a full admin and a read-only admin, and the
// teams a test assigns its layouts to.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DesktopLayoutControl, type RunningEmulator, startEmulator } from "../../emulator";
import type { LoggedRequest } from "../../emulator";
import { type ConfigValue, Stack } from "../../testing";

export const PROJECT_DIR = path.resolve(__dirname, "../../..");
export const ORG_ID = "6f1f8d2e-8a4c-4f5e-9d7b-2b1c3a4d5e6f";
export const ADMIN_TOKEN = "wxcc-layout-admin-token-0001";
export const READ_ONLY_TOKEN = "wxcc-layout-read-only-token-0001";

export interface LayoutWorld {
  emulator: RunningEmulator;
  layouts: DesktopLayoutControl;
  stateDir: string;
  config(token?: string): Record<string, ConfigValue>;
  stack(name: string, token?: string): Stack;
  close(): Promise<void>;
}

export async function startLayoutWorld(): Promise<LayoutWorld> {
  const emulator = await startEmulator({ port: 0 });
  await emulator.control.createOrg({ orgId: ORG_ID });
  await emulator.control.createAdmin(ORG_ID, { role: "full-admin", accessToken: ADMIN_TOKEN });
  await emulator.control.createAdmin(ORG_ID, { role: "external-read-only", accessToken: READ_ONLY_TOKEN });
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "wxcc-layout-"));
  const config = (token = ADMIN_TOKEN): Record<string, ConfigValue> => ({
    "wxcc:orgId": ORG_ID,
    "wxcc:baseUrl": emulator.url,
    "wxcc:identityUrl": emulator.url,
    "wxcc:accessToken": { secret: token },
  });
  return {
    emulator,
    layouts: new DesktopLayoutControl(emulator.url),
    stateDir,
    config,
    stack: (name, token) =>
      new Stack({
        projectDir: PROJECT_DIR,
        project: "wxcc-desktop-layout",
        stack: name,
        config: config(token),
        stateFile: path.join(stateDir, `${name}.json`),
        passphrase: "layout-test",
      }),
    async close() {
      await emulator.close();
      fs.rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

/** The requests that went to the desktop-layout and team endpoints. */
export function layoutCalls(requests: LoggedRequest[]): string[] {
  return requests
    .filter((r) => /\/(desktop-layout|team)(\/|$)/.test(r.path))
    .map((r) => `${r.method} ${r.path.replace(/^\/organization\/[^/]+/, "")}`);
}

/** The same JSON with every object's keys in reverse order, pretty-printed: equal in meaning, not in text. */
export function reformatted(document: unknown): string {
  const reorder = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(reorder);
    if (value !== null && typeof value === "object") {
      return Object.fromEntries(
        Object.entries(value)
          .reverse()
          .map(([k, v]) => [k, reorder(v)]),
      );
    }
    return value;
  };
  return JSON.stringify(reorder(document), null, 4);
}

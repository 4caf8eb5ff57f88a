// pulumi-wxcc/emulator: a local Webex Contact Center (connectors API, identity service, control API) with
// the emulated Salesforce under /salesforce, on 127.0.0.1.
import type { AddressInfo } from "node:net";
import { connectorsRoute } from "./connectors/route";
import { desktopLayoutControl, desktopLayoutRoute } from "./desktop-layout";
import { controlRoute } from "./control/route";
import { applySeed, type EmulatorSeed, readSeed } from "./control/seed";
import { EmulatorControl } from "./control-client";
import { SalesforceControl } from "./salesforce/control-client";
import { loadState } from "./core/persistence";
import { EmulatorRuntime } from "./core/runtime";
import { createEmulatorServer } from "./core/server";
import { emptyState } from "./core/state";
import { flowControlRoute } from "./flow/control";
import { flowRoute } from "./flow/route";
import { TrafficControls } from "./core/traffic";
import { webexTokenRoute } from "./identity/webex-tokens";
import { salesforceRoute } from "./salesforce";

export type { EmulatorSeed, SeedAdmin, SeedOrg } from "./control/seed";
export * from "./control-client";
export { DesktopLayoutControl, type DesktopLayoutView, type TeamView } from "./desktop-layout";
export {
  SalesforceControl,
  type SalesforceCallCenterView,
  type SalesforceDeployView,
  type SalesforceUserView,
} from "./salesforce/control-client";
export * from "./flow/control-client";
export { EmulatorHttpError } from "./core/errors";
export type * from "./types";

export interface EmulatorOptions {
  /** 0 (the default) picks a free port. The server always binds 127.0.0.1. */
  port?: number;
  /** The initial world: an object or the path of a JSON file (see docs/emulator.md § Seed). */
  seed?: EmulatorSeed | string;
  /** JSON persistence: loaded at start, written atomically after each change. Holds only secret hashes. */
  stateFile?: string;
  /** Latency added to every product request. */
  latencyMs?: number;
  /** Requests per minute per OAuth client (default 300). */
  rateLimitPerMinute?: number;
  /** Lifetime of issued access tokens (default 3600). */
  tokenTtlSeconds?: number;
  /** The emulator's clock, for token expiry and the rate-limit window (default Date.now). */
  clock?: (() => number) | { now(): number };
  /** How many requests the request log keeps, the latest ones (default 10000). */
  requestLogSize?: number;
}

export interface RunningEmulator {
  /** The base URL, e.g. http://127.0.0.1:41234: both the regional API base and the identity service. */
  url: string;
  control: EmulatorControl;
  /** The emulated Salesforce's control API (docs/emulator-salesforce.md). */
  salesforce: SalesforceControl;
  close(): Promise<void>;
}

function positive(name: string, value: number | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < min) throw new Error(`${name} must be a number of at least ${min}.`);
  return value;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const clock = options.clock;
  const now = clock === undefined ? Date.now : typeof clock === "function" ? clock : () => clock.now();
  const rt = new EmulatorRuntime({
    now,
    state: options.stateFile ? loadState(options.stateFile) : emptyState(),
    stateFile: options.stateFile,
    tokenTtlSeconds: positive("tokenTtlSeconds", options.tokenTtlSeconds, 3600, 1),
  });
  if (options.seed !== undefined) applySeed(rt, readSeed(options.seed));
  rt.changed();
  rt.flush();
  const traffic = new TrafficControls(
    positive("latencyMs", options.latencyMs, 0, 0),
    positive("rateLimitPerMinute", options.rateLimitPerMinute, 300, 1),
    now,
    options.requestLogSize,
  );
  const server = createEmulatorServer({
    rt,
    traffic,
    control: [controlRoute(rt, traffic), desktopLayoutControl(rt), salesforceRoute, flowControlRoute(rt)],
    routes: [
      webexTokenRoute(rt),
      connectorsRoute(rt),
      desktopLayoutRoute(rt),
      salesforceRoute,
      flowRoute(rt),
    ],
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let closing: Promise<void> | undefined;
  return {
    url,
    control: new EmulatorControl(url),
    salesforce: new SalesforceControl(url),
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => {
          rt.flush();
          resolve();
        });
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

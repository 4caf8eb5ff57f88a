// What the lifecycle needs from the outside world, injectable so unit tests run it against an in-memory
// connectors API and a fixed clock.
import { loadSettings, type ProviderSettings } from "../config";
import type { ClientOptions, ConnectorsApi, OrgTarget } from "../webex/types";

export interface LifecycleDeps {
  /** The configuration as of now (stack config + environment, read at every call). */
  settings(): ProviderSettings;
  connectorsApi(target: OrgTarget, options: ClientOptions): ConnectorsApi;
  now(): Date;
  /** Tells the operator something that does not fail the operation (the CLI shows the plugin's stderr). */
  warn?(message: string): void;
}

export const productionDeps: LifecycleDeps = {
  settings: () => loadSettings(),
  connectorsApi(target, options) {
    // Loaded on first use: check and diff of unchanged resources never need the HTTP client. Clients are
    // cheap; tokens and rate limits are shared process-wide inside the client module.
    const { createWebexClient } = require("../webex") as typeof import("../webex");
    return createWebexClient(options).connectors(target);
  },
  now: () => new Date(),
  warn: (message) => process.stderr.write(`warning: ${message}\n`),
};

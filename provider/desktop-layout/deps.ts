// What the desktop-layout lifecycle needs from outside: the settings, and the API for an org, built on the
// one Webex client (auth, regions, pacing, retries, redaction). Injectable for unit tests.
import { configSecrets, loadSettings, orgTarget, type ProviderSettings } from "../config";
import type { Region } from "../webex/types";
import { DesktopLayoutsApi } from "./api";

export interface LayoutDeps {
  settings(): ProviderSettings;
  api(orgId: string, region: Region, settings: ProviderSettings): DesktopLayoutsApi;
}

export const productionLayoutDeps: LayoutDeps = {
  settings: () => loadSettings(),
  api(orgId, region, settings) {
    // Loaded on first use: check and diff never need the HTTP client.
    const { createWebexClient } = require("../webex") as typeof import("../webex");
    const client = createWebexClient({
      baseUrl: settings.baseUrl,
      identityUrl: settings.identityUrl,
      ...(settings.rateLimitPerMinute === undefined
        ? {}
        : { rateLimitPerMinute: settings.rateLimitPerMinute }),
      sharedSecrets: configSecrets(settings),
    });
    return new DesktopLayoutsApi(client.orgCaller(orgTarget(settings, orgId, region)));
  },
};

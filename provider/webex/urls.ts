// Where requests go: the regional API hosts, the identity service, and the rule that plain http is only
// ever used for a loopback address (the emulator), so no token crosses a network unencrypted.
import { type SettingName, settingName } from "../settings";
import { isLoopbackHost, urlProblem } from "../url-rule";
import { ConfigurationError } from "./errors";
import { REGIONS, type Region } from "./types";

export { isLoopbackHost };

export const DEFAULT_IDENTITY_URL = "https://webexapis.com";

export function regionBaseUrl(region: Region): string {
  if (!(REGIONS as readonly string[]).includes(region)) {
    throw new ConfigurationError(
      `Unknown Webex Contact Center region ${JSON.stringify(region)} in ${settingName("region")}: ` +
        `use one of ${REGIONS.join(", ")}.`,
    );
  }
  return `https://api.wxcc-${region}.cisco.com`;
}

/** Validates a base URL override (the one URL rule, loopback http allowed) and returns it without a trailing slash. */
export function checkedBaseUrl(url: string, key: SettingName): string {
  const problem = urlProblem(url, { loopbackHttp: true, base: true });
  if (problem) throw new ConfigurationError(`${settingName(key)} ${problem}.`);
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, "")}`;
}

export function resolveApiBaseUrl(region: Region, override: string | undefined): string {
  const regional = regionBaseUrl(region); // validates the region even when an override is in use
  return override !== undefined ? checkedBaseUrl(override, "baseUrl") : regional;
}

export function resolveIdentityUrl(override: string | undefined): string {
  return override !== undefined ? checkedBaseUrl(override, "identityUrl") : DEFAULT_IDENTITY_URL;
}

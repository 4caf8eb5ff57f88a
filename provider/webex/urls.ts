// Where requests go: the regional API hosts, the identity service, and the rule that plain http is only
// ever used for a loopback address (the emulator), so no token crosses a network unencrypted.
import { type SettingName, settingName } from "../settings";
import { ConfigurationError } from "./errors";
import { REGIONS, type Region } from "./types";

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

/** True for 127.0.0.0/8, ::1 and localhost. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  if (host === "::1" || host === "0:0:0:0:0:0:0:1") return true;
  const v4 = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (v4) return v4.slice(1).every((octet) => Number(octet) <= 255);
  // IPv4-mapped IPv6 (::ffff:127.0.0.1), which URL normalises to hex groups (::ffff:7f00:1).
  return /^::ffff:(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|7f[0-9a-f]{2}:[0-9a-f]{1,4})$/.test(host);
}

/** Validates a base URL override and returns it without a trailing slash. */
export function checkedBaseUrl(url: string, key: SettingName): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigurationError(
      `${settingName(key)} is not a valid URL (${JSON.stringify(url)}): give an absolute URL such as https://host.`,
    );
  }
  if (parsed.search || parsed.hash || parsed.username || parsed.password) {
    throw new ConfigurationError(
      `${settingName(key)} must be a plain base URL without credentials, query or fragment: give scheme, host and an optional path only.`,
    );
  }
  if (parsed.protocol === "http:") {
    if (!isLoopbackHost(parsed.hostname)) {
      throw new ConfigurationError(
        `${settingName(key)} is http://${parsed.host}: plain http is allowed only for loopback addresses ` +
          `(127.0.0.0/8, ::1, localhost, e.g. the local emulator). Use https:// for ${parsed.hostname}.`,
      );
    }
  } else if (parsed.protocol !== "https:") {
    throw new ConfigurationError(
      `${settingName(key)} uses ${parsed.protocol.replace(/:$/, "")}: only https:// (or http:// on a loopback address) is supported.`,
    );
  }
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, "")}`;
}

export function resolveApiBaseUrl(region: Region, override: string | undefined): string {
  const regional = regionBaseUrl(region); // validates the region even when an override is in use
  return override !== undefined ? checkedBaseUrl(override, "baseUrl") : regional;
}

export function resolveIdentityUrl(override: string | undefined): string {
  return override !== undefined ? checkedBaseUrl(override, "identityUrl") : DEFAULT_IDENTITY_URL;
}

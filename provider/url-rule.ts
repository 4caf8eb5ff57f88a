// The one rule for every URL the provider accepts (connector fields, the call center's login URL, and the
// wxcc:baseUrl / wxcc:identityUrl overrides): absolute, no user info, https (plain http only where a field
// allows a loopback address, i.e. the local emulator). User info is refused everywhere because URLs are kept
// in state and shown in previews in plain text: credentials belong in the secret fields.

export interface UrlRule {
  /** Plain http is accepted for a loopback host (127.0.0.0/8, ::1, localhost). */
  loopbackHttp: boolean;
  /** A base URL: no query string or fragment either (paths are appended to it). */
  base?: boolean;
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

export const USER_INFO_PROBLEM =
  "carries user info (user:password@host): credentials never go in a URL, which is stored and shown in plain " +
  "text; remove them from the URL and give them in the secret fields";

/**
 * What is wrong with `value` under the rule, as a phrase that follows the field's name ("… is not an absolute
 * URL"), or undefined when it is fine. The value itself is never quoted: it may hold a password.
 */
export function urlProblem(value: string, rule: UrlRule): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "is not an absolute URL (give one such as https://host)";
  }
  if (url.username !== "" || url.password !== "") return USER_INFO_PROBLEM;
  if (url.protocol === "http:" && rule.loopbackHttp) {
    if (!isLoopbackHost(url.hostname)) {
      return (
        `uses plain http to ${url.hostname}: plain http is allowed only for loopback addresses (127.0.0.0/8, ` +
        `::1, localhost, e.g. the local emulator); use https://`
      );
    }
  } else if (url.protocol !== "https:") {
    return rule.loopbackHttp
      ? "must start with https:// (or http:// on a loopback address such as the local emulator)"
      : "must start with https:// (the product allows only that prefix)";
  }
  if (rule.base && (url.search !== "" || url.hash !== "")) {
    return "must be a plain base URL without a query or fragment: give scheme, host and an optional path only";
  }
  return undefined;
}

// Access tokens per org, cached for the life of the process. The cache key includes a fingerprint of the
// credentials, so rotated credentials get a fresh entry instead of a stale token. Concurrent callers
// share one in-flight token request, and a token is renewed a margin before it expires.
import { createHash } from "node:crypto";
import { type Clock, realClock } from "./clock";
import { settingName } from "../settings";
import { ConfigurationError } from "./errors";
import type { OrgCredentials, OrgTarget } from "./types";

export type CredentialKind = "accessToken" | "refreshToken" | "serviceApp";

export interface TokenResponse {
  accessToken: string;
  expiresInSeconds: number | undefined;
  refreshToken: string | undefined;
}

/** Asks the identity service for a token; throws on failure (the caller owns retries and messages). */
export type TokenFetcher = (target: OrgTarget, refreshToken: string | undefined) => Promise<TokenResponse>;

interface CacheEntry {
  accessToken?: string;
  expiresAt: number;
  /** The latest refresh token: Webex may rotate it on use. */
  refreshToken?: string;
  inFlight?: Promise<string>;
}

const cache = new Map<string, CacheEntry>();

/** Assumed lifetime when the identity service does not say (it always does today). */
const DEFAULT_LIFETIME_S = 3600;
const MAX_RENEWAL_MARGIN_MS = 5 * 60_000;

export function credentialKind(credentials: OrgCredentials): CredentialKind {
  if ("accessToken" in credentials) return "accessToken";
  if ("refreshToken" in credentials) return "refreshToken";
  if ("serviceApp" in credentials) return "serviceApp";
  throw new ConfigurationError(
    `No Webex credentials: set ${settingName("accessToken")}, or ${settingName("refreshToken")} with ` +
      `${settingName("clientId")} and ${settingName("clientSecret")}, or ${settingName("serviceApp")}.`,
  );
}

/** Every secret the credentials hold, for scrubbing. */
export function credentialSecrets(credentials: OrgCredentials): string[] {
  if ("accessToken" in credentials) return [credentials.accessToken];
  if ("refreshToken" in credentials) return [credentials.clientSecret, credentials.refreshToken];
  if ("serviceApp" in credentials)
    return [credentials.serviceApp.clientSecret, credentials.serviceApp.integrationToken];
  return [];
}

function requireText(value: unknown, key: string, field: string): void {
  if (typeof value !== "string" || value.trim() === "") {
    throw new ConfigurationError(`${field} is missing or empty: set ${key}.`);
  }
}

/** Checks that the credentials are complete before any request is made. */
export function checkCredentials(credentials: OrgCredentials): void {
  switch (credentialKind(credentials)) {
    case "accessToken":
      requireText(
        (credentials as { accessToken: string }).accessToken,
        settingName("accessToken"),
        "accessToken",
      );
      return;
    case "refreshToken": {
      const c = credentials as { clientId: string; clientSecret: string; refreshToken: string };
      requireText(c.refreshToken, settingName("refreshToken"), "refreshToken");
      requireText(c.clientId, settingName("clientId"), "clientId");
      requireText(c.clientSecret, settingName("clientSecret"), "clientSecret");
      return;
    }
    case "serviceApp": {
      const app = (credentials as { serviceApp: Record<string, unknown> }).serviceApp ?? {};
      for (const field of ["applicationId", "clientId", "clientSecret", "integrationToken"]) {
        requireText(app[field], settingName("serviceApp"), `serviceApp.${field}`);
      }
    }
  }
}

/**
 * Whose rate limit the calls count against: Webex limits each OAuth client ID, so orgs reached through one
 * integration or service app share one quota. A bare access token does not say which client issued it, so
 * each token counts as its own client (hashed: the key must not hold the token).
 */
export function quotaOwner(credentials: OrgCredentials): string {
  if ("accessToken" in credentials) {
    return `token:${createHash("sha256").update(credentials.accessToken).digest("hex").slice(0, 24)}`;
  }
  if ("refreshToken" in credentials) return `client:${credentials.clientId}`;
  return `client:${credentials.serviceApp.clientId}`;
}

function fingerprint(identityUrl: string, target: OrgTarget): string {
  const material = JSON.stringify([identityUrl, target.orgId, target.credentials]);
  return createHash("sha256").update(material).digest("hex").slice(0, 24);
}

/** Hands out the access token for one org target, fetching and renewing it as needed. */
export class TokenSource {
  readonly kind: CredentialKind;
  private readonly key: string;

  constructor(
    private readonly target: OrgTarget,
    identityUrl: string,
    private readonly fetchToken: TokenFetcher,
    private readonly clock: Clock = realClock,
  ) {
    this.kind = credentialKind(target.credentials);
    this.key = `${target.orgId}|${fingerprint(identityUrl, target)}`;
  }

  /** Whether a refused token can be replaced by asking the identity service again. */
  get renewable(): boolean {
    return this.kind !== "accessToken";
  }

  async token(): Promise<string> {
    const credentials = this.target.credentials;
    if ("accessToken" in credentials) return credentials.accessToken;
    const entry = this.entry();
    if (entry.inFlight) return entry.inFlight;
    if (entry.accessToken && this.clock.now() < entry.expiresAt) return entry.accessToken;
    const pending = this.renew(entry);
    entry.inFlight = pending;
    try {
      return await pending;
    } finally {
      if (entry.inFlight === pending) entry.inFlight = undefined;
    }
  }

  /** Forgets a token the API refused; callers that already hold a newer one are not affected. */
  invalidate(refused: string): void {
    const entry = cache.get(this.key);
    if (entry && entry.accessToken === refused) {
      entry.accessToken = undefined;
      entry.expiresAt = 0;
    }
  }

  private entry(): CacheEntry {
    let entry = cache.get(this.key);
    if (!entry) {
      entry = { expiresAt: 0 };
      cache.set(this.key, entry);
    }
    return entry;
  }

  private async renew(entry: CacheEntry): Promise<string> {
    const issued = await this.fetchToken(this.target, entry.refreshToken);
    const lifetimeMs = (issued.expiresInSeconds ?? DEFAULT_LIFETIME_S) * 1000;
    const margin = Math.min(MAX_RENEWAL_MARGIN_MS, lifetimeMs / 10);
    entry.accessToken = issued.accessToken;
    entry.expiresAt = this.clock.now() + lifetimeMs - margin;
    if (issued.refreshToken) entry.refreshToken = issued.refreshToken;
    return issued.accessToken;
  }
}

/** Drops every cached token (e.g. after credentials were revoked); the next call fetches new ones. */
export function clearTokenCache(): void {
  cache.clear();
}

/** The error for a token the API refused when nothing can renew it. */
export function accessTokenRefused(orgId: string, trackingId: string | undefined): ConfigurationError {
  return new ConfigurationError(
    `Webex refused the access token for org ${orgId} (HTTP 401${trackingId ? `, trackingId ${trackingId}` : ""}): ` +
      `it is expired, revoked or for another org. If you already put a new token in the stack's ` +
      `configuration: \`pulumi refresh\` and \`pulumi destroy\` use the provider configuration stored by the ` +
      `last \`pulumi up\`, not the current one, so export the new token as WXCC_ACCESS_TOKEN for them (the ` +
      `WXCC_* environment variables override the stored configuration), or run \`pulumi up\` first to store ` +
      `it. Otherwise set a valid token in ${settingName("accessToken")} (or the org's entry in ` +
      `${settingName("orgs")}), or configure ${settingName("refreshToken")} with ${settingName("clientId")} and ` +
      `${settingName("clientSecret")} so the provider can renew tokens itself.`,
  );
}

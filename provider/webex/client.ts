// createWebexClient: validates the options once, then hands out a ConnectorsApi per org target. Tokens
// and pacing are shared process-wide (see tokens.ts and rate-limiter.ts), so separate clients for the
// same org still make one token request, and every org reached through one OAuth client stays under that
// client's one rate limit together.
import { Redactor } from "../redact";
import { retryPolicy } from "./backoff";
import { realClock } from "./clock";
import { OrgConnectors } from "./connectors";
import { ConfigurationError } from "./errors";
import { identityFetcher } from "./identity";
import { OrgCaller } from "./org-caller";
import { fileQuotaLedger } from "./quota-ledger";
import { DEFAULT_RATE_LIMIT_PER_MINUTE, sharedLimiter } from "./rate-limiter";
import type { Runtime } from "./runtime";
import { checkCredentials, credentialSecrets, quotaOwner, TokenSource } from "./tokens";
import type { ClientOptions, ConnectorsApi, OrgTarget } from "./types";
import { resolveApiBaseUrl, resolveIdentityUrl } from "./urls";

export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 500;

export interface WebexClient {
  connectors(target: OrgTarget): ConnectorsApi;
  /** The org's transport (pacing, tokens, retries, redaction), for API families beyond connectors. */
  orgCaller(target: OrgTarget): OrgCaller;
}

function positiveInteger(
  value: number | undefined,
  name: string,
  fallback: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new ConfigurationError(`${name} must be an integer from 1 to ${max}; got ${value}.`);
  }
  return value;
}

export function createWebexClient(options: ClientOptions = {}): WebexClient {
  const identityUrl = resolveIdentityUrl(options.identityUrl);
  const rateLimit = positiveInteger(
    options.rateLimitPerMinute,
    "rateLimitPerMinute",
    DEFAULT_RATE_LIMIT_PER_MINUTE,
  );
  const pageSize = positiveInteger(options.pageSize, "pageSize", DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  let policy: ReturnType<typeof retryPolicy>;
  try {
    policy = retryPolicy(options.retry);
  } catch (err) {
    throw new ConfigurationError((err as Error).message);
  }
  const runtime: Runtime = {
    policy,
    timeoutMs: positiveInteger(options.timeoutMs, "timeoutMs", DEFAULT_TIMEOUT_MS),
    clock: options.clock ?? realClock,
    random: Math.random,
    ...(options.onRequest ? { onRequest: options.onRequest } : {}),
    ...(options.onRetry ? { onRetry: options.onRetry } : {}),
  };
  const extraSecrets = options.secrets ?? [];
  const sharedSecrets = options.sharedSecrets ?? [];

  const client: WebexClient = {
    connectors(target: OrgTarget): ConnectorsApi {
      return new OrgConnectors(client.orgCaller(target), pageSize);
    },
    orgCaller(target: OrgTarget): OrgCaller {
      if (!target || typeof target.orgId !== "string" || target.orgId.trim() === "") {
        throw new ConfigurationError(
          "orgId is missing: set the Webex Contact Center org id (wxcc:orgId or WXCC_ORG_ID).",
        );
      }
      const baseUrl = resolveApiBaseUrl(target.region, options.baseUrl);
      checkCredentials(target.credentials);
      const redactor = new Redactor(extraSecrets, sharedSecrets, credentialSecrets(target.credentials));
      const tokens = new TokenSource(
        target,
        identityUrl,
        identityFetcher(identityUrl, runtime, redactor),
        runtime.clock,
      );
      const quotaKey = `${baseUrl}|${quotaOwner(target.credentials)}`;
      // The ledger's times are the machine's: a client on another clock (a simulation) paces alone.
      const ledger =
        options.shareQuotaAcrossProcesses !== false && !options.clock
          ? () => fileQuotaLedger(quotaKey)
          : undefined;
      const limiter = sharedLimiter(quotaKey, rateLimit, runtime.clock, ledger);
      return new OrgCaller(target.orgId, baseUrl, runtime, tokens, limiter, redactor);
    },
  };
  return client;
}

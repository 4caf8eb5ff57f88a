// Token requests to Webex's identity service: the refresh-token grant of an integration, and the
// Applications API that issues a service app's token for a target org.
import type { Redactor } from "../redact";
import { trackingIdOf } from "./api-errors";
import { RateLimitStorm } from "./backoff";
import { settingName } from "../settings";
import { ConfigurationError, WebexApiError } from "./errors";
import { exchange, retryDelay, type Runtime, waitToRetry } from "./runtime";
import type { TokenFetcher, TokenResponse } from "./tokens";
import { type HttpRequest, type HttpResponse, TransportError } from "./transport";
import type { OrgTarget } from "./types";

function tokenRequest(
  identityUrl: string,
  target: OrgTarget,
  refreshToken: string | undefined,
  timeoutMs: number,
): HttpRequest {
  const credentials = target.credentials;
  if ("serviceApp" in credentials) {
    const app = credentials.serviceApp;
    return {
      method: "POST",
      url: `${identityUrl}/v1/applications/${encodeURIComponent(app.applicationId)}/token`,
      headers: {
        authorization: `Bearer ${app.integrationToken}`,
        "content-type": "application/json",
        accept: "application/json",
      },
      body: JSON.stringify({
        clientId: app.clientId,
        clientSecret: app.clientSecret,
        targetOrgId: app.targetOrgId ?? target.orgId,
      }),
      timeoutMs,
    };
  }
  if ("refreshToken" in credentials) {
    return {
      method: "POST",
      url: `${identityUrl}/v1/access_token`,
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: new URLSearchParams({
        grant_type: "refresh_token",
        client_id: credentials.clientId,
        client_secret: credentials.clientSecret,
        refresh_token: refreshToken ?? credentials.refreshToken,
      }).toString(),
      timeoutMs,
    };
  }
  throw new Error("an access token is used as given and never requested");
}

function parseTokenResponse(res: HttpResponse): TokenResponse | undefined {
  const body = res.json as Record<string, unknown> | undefined;
  if (!body || typeof body.access_token !== "string" || body.access_token === "") return undefined;
  const expires = Number(body.expires_in);
  return {
    accessToken: body.access_token,
    expiresInSeconds: Number.isFinite(expires) && expires > 0 ? expires : undefined,
    refreshToken: typeof body.refresh_token === "string" ? body.refresh_token : undefined,
  };
}

/** The identity service's own words: OAuth error/error_description, Webex's message, or an ApiErrorResponse. */
function identityReason(res: HttpResponse): string {
  const body = res.json as Record<string, unknown> | undefined;
  if (body) {
    const parts: unknown[] = [body.error, body.error_description, body.message];
    const apiError = body.error as { reason?: unknown; message?: unknown } | undefined;
    if (apiError && typeof apiError === "object") {
      parts.push(apiError.reason);
      const items = Array.isArray(apiError.message) ? apiError.message : [];
      for (const item of items) parts.push((item as { description?: unknown } | null)?.description);
    }
    const words = parts.filter((part): part is string => typeof part === "string" && part !== "");
    if (words.length > 0) return words.join(": ");
  }
  return res.text.trim().replace(/\s+/g, " ").slice(0, 200) || "no details";
}

function whatToFix(target: OrgTarget): string {
  if ("serviceApp" in target.credentials) {
    return (
      `Check ${settingName("serviceApp")}: the application id, client id and secret, that the service app is ` +
      `authorized in org ${target.credentials.serviceApp.targetOrgId ?? target.orgId} (Control Hub → Apps → Service Apps), ` +
      `and that the integration token holds spark:applications_token and has not expired.`
    );
  }
  return (
    `Check ${settingName("refreshToken")}, ${settingName("clientId")} and ${settingName("clientSecret")}: ` +
    `the refresh token may be expired or revoked, or belong to another integration.`
  );
}

function describeGrant(target: OrgTarget): string {
  return "serviceApp" in target.credentials
    ? `a service-app token for org ${target.orgId}`
    : `an access token for org ${target.orgId} (refresh-token grant)`;
}

/** Fetches tokens with retries for 429, 5xx and connection errors; refusals become configuration errors. */
export function identityFetcher(identityUrl: string, runtime: Runtime, redactor: Redactor): TokenFetcher {
  return async (target, refreshToken) => {
    const req = tokenRequest(identityUrl, target, refreshToken, runtime.timeoutMs);
    const { policy } = runtime;
    const storm = new RateLimitStorm(policy);
    for (let attempt = 1; ; attempt++) {
      const info = { orgId: target.orgId, kind: "token" as const, attempt };
      // 429s have their own budget of time; the rest count against maxAttempts.
      const failures = attempt - storm.count;
      let res: HttpResponse;
      try {
        res = await exchange(runtime, info, req);
      } catch (err) {
        if (!(err instanceof TransportError)) throw err;
        if (failures >= policy.maxAttempts) {
          throw new WebexApiError(
            redactor.redact(
              `Requesting ${describeGrant(target)} from ${identityUrl} failed after ${attempt} attempts: ${err.message}`,
            ),
            { status: 0, orgId: target.orgId, reason: err.code ?? "CONNECTION_FAILED" },
          );
        }
        await waitToRetry(runtime, { ...info, ...req }, retryDelay(runtime, failures), "connection");
        continue;
      }
      if (res.status >= 200 && res.status < 300) {
        const token = parseTokenResponse(res);
        if (token) {
          redactor.add(token.accessToken, token.refreshToken);
          return token;
        }
        throw new WebexApiError(
          `Requesting ${describeGrant(target)} from ${identityUrl} returned HTTP ${res.status} without an access_token.`,
          { status: res.status, orgId: target.orgId, reason: "INVALID_TOKEN_RESPONSE" },
        );
      }
      const retryable = res.status === 429 || res.status >= 500;
      let gaveUp = `Gave up after ${attempt} attempts.`;
      if (res.status === 429) {
        const delay = retryDelay(runtime, storm.count + 1, res.headers["retry-after"]);
        if (storm.admit(delay)) {
          await waitToRetry(runtime, { ...info, ...req }, delay, "rate-limited");
          continue;
        }
        gaveUp = storm.exhausted();
      } else if (retryable && failures < policy.maxAttempts) {
        await waitToRetry(runtime, { ...info, ...req }, retryDelay(runtime, failures), "server-error");
        continue;
      }
      const trackingId = trackingIdOf(res);
      const message =
        `Webex identity service refused ${describeGrant(target)}: HTTP ${res.status}: ${identityReason(res)}` +
        `${trackingId ? ` (trackingId ${trackingId})` : ""}.`;
      if (retryable) {
        throw new WebexApiError(redactor.redact(`${message} ${gaveUp}`), {
          status: res.status,
          orgId: target.orgId,
          reason: "TOKEN_REQUEST_FAILED",
          trackingId,
        });
      }
      throw new ConfigurationError(redactor.redact(`${message} ${whatToFix(target)}`));
    }
  };
}

// Webex's identity service (https://webexapis.com): token issue, refresh, the service-app token API, and
// bearer-token authentication for every other route.

import { badRequest, EmulatorHttpError, methodNotAllowed, notFound } from "../core/errors";
import { bearerToken } from "../core/request";
import type { EmulatorRuntime } from "../core/runtime";
import { hashSecret, randomSecret, secretMatches } from "../core/secrets";
import type { Grant } from "../core/state";
import type { EmulatorRequest, EmulatorResponse, Route } from "../types";

export const APPLICATIONS_TOKEN_SCOPE = "spark:applications_token";
export const CONNECTOR_SCOPES = ["cjp:config", "cjp:config_read", "cjp:config_write"];
const REFRESH_TOKEN_TTL_SECONDS = 90 * 24 * 3600;

export interface TokenResponse {
  access_token: string;
  expires_in: number;
  refresh_token: string;
  refresh_token_expires_in: number;
  token_type: "Bearer";
}

export function addAccessToken(
  rt: EmulatorRuntime,
  token: string,
  grant: Grant,
  expiresAt: number | null,
): void {
  rt.state.accessTokens[hashSecret(token)] = { grant, expiresAt };
  rt.changed();
}

export function addRefreshToken(rt: EmulatorRuntime, token: string, grant: Grant): void {
  rt.state.refreshTokens[hashSecret(token)] = { grant };
  rt.changed();
}

/** Expired tokens are still recognised (401 TOKEN_EXPIRED rather than UNAUTHORIZED) for a day. */
const EXPIRED_TOKEN_MEMORY_MS = 24 * 3600 * 1000;

function forgetLongExpiredTokens(rt: EmulatorRuntime): void {
  const horizon = rt.now() - EXPIRED_TOKEN_MEMORY_MS;
  for (const [hash, record] of Object.entries(rt.state.accessTokens)) {
    if (record.expiresAt !== null && record.expiresAt < horizon) delete rt.state.accessTokens[hash];
  }
}

export function issueAccessToken(rt: EmulatorRuntime, grant: Grant): string {
  forgetLongExpiredTokens(rt);
  const token = randomSecret("wxcc_at");
  addAccessToken(rt, token, grant, rt.now() + rt.tokenTtlSeconds * 1000);
  return token;
}

export function issueTokens(rt: EmulatorRuntime, grant: Grant, refreshToken?: string): TokenResponse {
  const refresh = refreshToken ?? randomSecret("wxcc_rt");
  if (!refreshToken) addRefreshToken(rt, refresh, grant);
  return {
    access_token: issueAccessToken(rt, grant),
    expires_in: rt.tokenTtlSeconds,
    refresh_token: refresh,
    refresh_token_expires_in: REFRESH_TOKEN_TTL_SECONDS,
    token_type: "Bearer",
  };
}

/** The grant behind a token, expired or not (the rate limiter keys on its client). */
export function grantOf(rt: EmulatorRuntime, token: string): Grant | undefined {
  return rt.state.accessTokens[hashSecret(token)]?.grant;
}

/** The grant behind the request's bearer token; 401 when it is missing, unknown or expired. */
export function authenticate(rt: EmulatorRuntime, req: EmulatorRequest): Grant {
  const token = bearerToken(req);
  if (!token) {
    throw new EmulatorHttpError(
      401,
      "UNAUTHORIZED",
      "The request has no bearer token; send the header Authorization: Bearer <access token>.",
      "Authorization",
    );
  }
  const record = rt.state.accessTokens[hashSecret(token)];
  if (!record) {
    throw new EmulatorHttpError(
      401,
      "UNAUTHORIZED",
      "The access token is not valid; obtain a new one from the identity service.",
      "Authorization",
    );
  }
  if (record.expiresAt !== null && record.expiresAt <= rt.now()) {
    throw new EmulatorHttpError(
      401,
      "TOKEN_EXPIRED",
      `The access token expired at ${new Date(record.expiresAt).toISOString()}; refresh it with the refresh token.`,
      "Authorization",
    );
  }
  return record.grant;
}

export function requireString(value: unknown, field: string, hint: string): string {
  if (typeof value !== "string" || value === "") throw badRequest(field, `${field} is required: ${hint}.`);
  return value;
}

function checkClient(rt: EmulatorRuntime, clientId: string, clientSecret: string): void {
  const client = rt.state.webexClients[clientId];
  if (!client || !secretMatches(clientSecret, client.clientSecretHash)) {
    throw new EmulatorHttpError(
      401,
      "INVALID_CLIENT",
      `The client ${clientId} is unknown or its client secret is wrong; check client_id and client_secret.`,
      "client_id",
    );
  }
}

function refreshGrant(rt: EmulatorRuntime, req: EmulatorRequest): EmulatorResponse {
  const form = req.form();
  const grantType = form.get("grant_type");
  if (grantType !== "refresh_token") {
    throw badRequest(
      "grant_type",
      `grant_type must be refresh_token (got ${grantType === null ? "nothing" : JSON.stringify(grantType)}).`,
    );
  }
  const clientId = requireString(form.get("client_id"), "client_id", "the integration's client ID");
  const clientSecret = requireString(form.get("client_secret"), "client_secret", "the integration's secret");
  const refreshToken = requireString(form.get("refresh_token"), "refresh_token", "the refresh token");
  checkClient(rt, clientId, clientSecret);
  const record = rt.state.refreshTokens[hashSecret(refreshToken)];
  if (!record || record.grant.clientId !== clientId) {
    throw new EmulatorHttpError(
      400,
      "INVALID_GRANT",
      `The refresh token is not valid for client ${clientId}; authorize the integration again.`,
      "refresh_token",
    );
  }
  return { status: 200, body: issueTokens(rt, record.grant, refreshToken) };
}

/** targetOrgId is Webex's base64 org id (ciscospark://us/ORGANIZATION/<uuid>) or the bare org id. */
export function resolveTargetOrg(targetOrgId: string): string {
  const decoded = Buffer.from(targetOrgId, "base64").toString("utf8");
  const match = /^ciscospark:\/\/[^/]+\/ORGANIZATION\/(.+)$/.exec(decoded);
  return match ? match[1] : targetOrgId;
}

function serviceAppToken(rt: EmulatorRuntime, req: EmulatorRequest, applicationId: string): EmulatorResponse {
  const caller = authenticate(rt, req);
  if (!caller.scopes.includes(APPLICATIONS_TOKEN_SCOPE)) {
    throw new EmulatorHttpError(
      403,
      "SCOPE_REQUIRED",
      `Fetching a service app's token needs a token with the scope ${APPLICATIONS_TOKEN_SCOPE}; use the integration token of the token-manager integration.`,
      "Authorization",
    );
  }
  const app = rt.state.serviceApps[applicationId];
  if (!app) throw notFound(`No service app with the id ${applicationId}.`);
  const body = req.json<Record<string, unknown>>();
  const clientId = requireString(body?.clientId, "clientId", "the service app's client ID");
  const clientSecret = requireString(body?.clientSecret, "clientSecret", "the service app's client secret");
  const targetOrgId = requireString(body?.targetOrgId, "targetOrgId", "the org the app is authorized in");
  if (clientId !== app.clientId) {
    throw new EmulatorHttpError(
      401,
      "INVALID_CLIENT",
      `The client ${clientId} is not the client of service app ${applicationId}.`,
      "clientId",
    );
  }
  checkClient(rt, clientId, clientSecret);
  const orgId = resolveTargetOrg(targetOrgId);
  if (!app.orgIds.includes(orgId)) {
    throw new EmulatorHttpError(
      403,
      "NOT_AUTHORIZED_IN_ORG",
      `Service app ${applicationId} is not authorized in org ${orgId}; a full administrator of that org must authorize it in Control Hub.`,
      "targetOrgId",
    );
  }
  const grant: Grant = { clientId, orgIds: [orgId], role: app.role, scopes: [...CONNECTOR_SCOPES] };
  return { status: 200, body: issueTokens(rt, grant) };
}

export function webexTokenRoute(rt: EmulatorRuntime): Route {
  return async (req) => {
    if (req.path === "/v1/access_token") {
      if (req.method !== "POST") throw methodNotAllowed(req);
      return refreshGrant(rt, req);
    }
    const match = /^\/v1\/applications\/([^/]+)\/token$/.exec(req.path);
    if (match) {
      if (req.method !== "POST") throw methodNotAllowed(req);
      return serviceAppToken(rt, req, decodeURIComponent(match[1]));
    }
    return undefined;
  };
}

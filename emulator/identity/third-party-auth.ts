// The customers' own authorization servers and validation URLs that Custom connectors point at. They are
// registered through the control API and answered in-process: no traffic leaves the machine.
import { secretMatches } from "../core/secrets";
import type { BasicAuthValidatorRecord, OAuthServerClientRecord } from "../core/state";

export function sameUrl(a: string, b: string): boolean {
  try {
    return new URL(a).href === new URL(b).href;
  } catch {
    return a === b;
  }
}

export interface TokenRequest {
  tokenUrl: string;
  grantType: "CLIENT_CREDENTIALS" | "PASSWORD";
  clientId: string;
  clientSecret: string;
  username?: string;
  password?: string;
}

export type TokenOutcome =
  { ok: true } | { ok: false; status: number; error: string; errorDescription: string; field: string };

/** What the authorization server at tokenUrl answers to the token request. */
export function requestOAuthToken(
  clients: readonly OAuthServerClientRecord[],
  request: TokenRequest,
): TokenOutcome {
  const atUrl = clients.filter((client) => sameUrl(client.tokenUrl, request.tokenUrl));
  if (atUrl.length === 0) {
    return {
      ok: false,
      status: 404,
      error: "not_found",
      errorDescription: "no authorization server answers at this URL",
      field: "credentials.tokenUrl",
    };
  }
  const client = atUrl.find((candidate) => candidate.clientId === request.clientId);
  if (!client) {
    return {
      ok: false,
      status: 401,
      error: "invalid_client",
      errorDescription: "unknown client",
      field: "credentials.clientId",
    };
  }
  if (!secretMatches(request.clientSecret, client.clientSecretHash)) {
    return {
      ok: false,
      status: 401,
      error: "invalid_client",
      errorDescription: "client authentication failed",
      field: "credentials.clientSecret",
    };
  }
  if (request.grantType === "PASSWORD") {
    if (client.username === undefined || client.username !== request.username) {
      return {
        ok: false,
        status: 400,
        error: "invalid_grant",
        errorDescription: "unknown resource owner",
        field: "credentials.username",
      };
    }
    if (request.password === undefined || !secretMatches(request.password, client.passwordHash)) {
      return {
        ok: false,
        status: 400,
        error: "invalid_grant",
        errorDescription: "resource owner credentials are invalid",
        field: "credentials.password",
      };
    }
  }
  return { ok: true };
}

export type BasicOutcome = { ok: true } | { ok: false; status: number; field: string };

/** How the validation URL answers a request carrying the username and password. */
export function callValidationUrl(
  validators: readonly BasicAuthValidatorRecord[],
  validationUrl: string,
  username: string,
  password: string,
): BasicOutcome {
  const atUrl = validators.filter((validator) => sameUrl(validator.validationUrl, validationUrl));
  if (atUrl.length === 0) return { ok: false, status: 404, field: "credentials.validationUrl" };
  const user = atUrl.find((validator) => validator.username === username);
  if (!user) return { ok: false, status: 401, field: "credentials.username" };
  if (!secretMatches(password, user.passwordHash))
    return { ok: false, status: 401, field: "credentials.password" };
  return { ok: true };
}

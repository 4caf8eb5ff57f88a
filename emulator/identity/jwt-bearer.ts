// Salesforce's OAuth 2.0 JWT bearer flow, checked against the registered connected apps. The connector's
// validation on save and the emulated Salesforce token endpoint both call this, so the errors are the
// ones Salesforce itself returns (error / error_description).
import { createPublicKey } from "node:crypto";
import { compactVerify, decodeJwt, decodeProtectedHeader } from "jose";
import type { ConnectedApp, JwtBearerResult } from "../types";

export const DEFAULT_AUDIENCES = ["https://login.salesforce.com"];

function fail(error: string, error_description: string): JwtBearerResult {
  return { ok: false, error, error_description };
}

function audiencesOf(aud: unknown): string[] {
  if (typeof aud === "string") return [aud];
  if (Array.isArray(aud)) return aud.filter((a): a is string => typeof a === "string");
  return [];
}

function sameAudience(a: string, b: string): boolean {
  return a.replace(/\/+$/, "").toLowerCase() === b.replace(/\/+$/, "").toLowerCase();
}

export async function verifyJwtBearerAssertion(
  apps: readonly ConnectedApp[],
  assertion: string,
  now: number,
): Promise<JwtBearerResult> {
  let claims: ReturnType<typeof decodeJwt>;
  try {
    claims = decodeJwt(assertion);
    decodeProtectedHeader(assertion);
  } catch {
    return fail("invalid_grant", "invalid assertion");
  }
  const forClient = apps.filter((app) => app.consumerKey === claims.iss);
  if (forClient.length === 0) return fail("invalid_client_id", "client identifier invalid");
  const subject = typeof claims.sub === "string" ? claims.sub.toLowerCase() : undefined;
  const app = forClient.find((candidate) => candidate.username.toLowerCase() === subject);
  if (!app) return fail("invalid_grant", "user hasn't approved this consumer");
  const audience = audiencesOf(claims.aud).find((aud) =>
    app.audiences.some((accepted) => sameAudience(aud, accepted)),
  );
  if (!audience) return fail("invalid_grant", "audience is invalid");
  try {
    // Only the signature here: expiry is checked against the emulator's clock below.
    await compactVerify(assertion, createPublicKey(app.publicKeyPem), { algorithms: ["RS256"] });
  } catch {
    return fail("invalid_grant", "invalid assertion");
  }
  if (typeof claims.exp !== "number") return fail("invalid_grant", "invalid assertion");
  if (claims.exp * 1000 <= now) return fail("invalid_grant", "expired authorization code");
  return { ok: true, consumerKey: app.consumerKey, username: app.username, audience };
}

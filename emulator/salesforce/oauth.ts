// POST /salesforce/services/oauth2/token: the JWT bearer grant. The assertion is verified by the emulator
// core against the registered connected apps (the same check the Salesforce connector's validation on save
// uses), so the refusals carry Salesforce's own error texts.
import { randomBytes } from "node:crypto";
import type { EmulatorContext, EmulatorRequest, EmulatorResponse } from "../types";
import { instanceUrl, json } from "./http";
import { createUser, findUserByName, hashToken, salesforceState } from "./state";

export const JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

function oauthError(error: string, description: string): EmulatorResponse {
  return json(400, { error, error_description: description });
}

export async function tokenEndpoint(req: EmulatorRequest, ctx: EmulatorContext): Promise<EmulatorResponse> {
  if (req.method !== "POST")
    return json(405, { error: "invalid_request", error_description: "must use HTTP POST" });
  if (!(req.headers["content-type"] ?? "").includes("application/x-www-form-urlencoded")) {
    return oauthError("unsupported_grant_type", "grant type not supported");
  }
  const form = req.form();
  if (form.get("grant_type") !== JWT_BEARER)
    return oauthError("unsupported_grant_type", "grant type not supported");
  const assertion = form.get("assertion");
  if (!assertion) return oauthError("invalid_grant", "invalid assertion");
  const verdict = await ctx.verifyJwtBearerAssertion(assertion);
  if (!verdict.ok) return oauthError(verdict.error, verdict.error_description);

  const state = salesforceState(ctx);
  // The connected app's user is a user of the org; it exists from its first login on.
  const user = findUserByName(state, verdict.username) ?? createUser(state, verdict.username);
  const accessToken = `${state.orgId.slice(0, 15)}!${randomBytes(30).toString("base64url")}`;
  const now = ctx.now();
  state.sessions[hashToken(accessToken)] = {
    username: user.username,
    userId: user.id,
    consumerKey: verdict.consumerKey,
    issuedAt: now,
    expired: false,
  };
  ctx.changed();
  const base = instanceUrl(req);
  return json(200, {
    access_token: accessToken,
    scope: "api",
    instance_url: base,
    id: `${base}/id/${state.orgId}/${user.id}`,
    token_type: "Bearer",
    issued_at: String(now),
  });
}

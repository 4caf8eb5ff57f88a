// The OAuth refresh-token grant as an org's own tools send it: the floor provider and the live traffic both
// get their tokens this way, each from the identity service at `identityUrl`.
export interface RefreshTokenCredentials {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

/** The access token, or an error naming the status when the grant is refused. */
export async function refreshTokenGrant(identityUrl: string, who: RefreshTokenCredentials): Promise<string> {
  const response = await fetch(`${identityUrl}/v1/access_token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "refresh_token",
      client_id: who.clientId,
      client_secret: who.clientSecret,
      refresh_token: who.refreshToken,
    }).toString(),
  });
  const body = (await response.json()) as { access_token?: string };
  if (!response.ok || typeof body.access_token !== "string") {
    throw new Error(`the token request for client ${who.clientId} failed with HTTP ${response.status}`);
  }
  return body.access_token;
}

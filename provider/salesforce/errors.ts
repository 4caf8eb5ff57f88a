// Salesforce failures as errors an operator can act on: what failed, Salesforce's own code and text, and
// what to do about it. Every message passes through scrub() first, so a private key, a signed assertion or
// an access token never reaches the Pulumi CLI, state or logs.

export interface SalesforceErrorDetails {
  /** HTTP status, when the failure came from an HTTP answer. */
  status?: number;
  /** Salesforce's errorCode (REST), OAuth error (token endpoint) or fault code (SOAP). */
  code?: string;
  fields?: string[];
  hint?: string;
}

export class SalesforceError extends Error {
  override readonly name: string = "SalesforceError";
  constructor(
    message: string,
    readonly details: SalesforceErrorDetails = {},
  ) {
    super(message);
  }
}

/** The token endpoint refused the JWT bearer assertion. */
export class SalesforceAuthError extends SalesforceError {
  override readonly name = "SalesforceAuthError";
}

/** A Metadata API deploy finished without applying (component failures), or did not finish in time. */
export class SalesforceDeployError extends SalesforceError {
  override readonly name = "SalesforceDeployError";
}

const PEM_BLOCK = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g;
const JWT = /eyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]+/g;
const BEARER = /(\bBearer\s+)[A-Za-z0-9._~+/=!-]{16,}/g;
// Salesforce session ids look like 00D<org id>!<opaque>; the emulator issues the same shape.
const SESSION_ID = /\b00D[A-Za-z0-9]{12,15}![A-Za-z0-9._-]+/g;
const REDACTED = "[redacted]";

/** Removes known secrets and anything shaped like a private key, JWT, bearer token or session id. */
export function scrub(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret || secret.length < 8) continue;
    out = out.split(secret).join(REDACTED);
    // A PEM key can also leak line by line (e.g. quoted in a parser's error): drop each body line too.
    if (secret.includes("-----BEGIN")) {
      for (const line of secret.split(/\r?\n/)) {
        const body = line.trim();
        if (body.length >= 16 && !body.startsWith("-----")) out = out.split(body).join(REDACTED);
      }
    }
  }
  return out
    .replace(PEM_BLOCK, "[redacted private key]")
    .replace(JWT, "[redacted assertion]")
    .replace(BEARER, `$1${REDACTED}`)
    .replace(SESSION_ID, "[redacted session]");
}

/** Rethrows `e` with its message scrubbed, keeping its class and details. */
export function scrubError(e: unknown, secrets: readonly (string | undefined)[]): Error {
  if (e instanceof Error) {
    const clean = scrub(e.message, secrets);
    if (clean !== e.message) e.message = clean;
    if (e.stack) e.stack = scrub(e.stack, secrets);
    return e;
  }
  return new Error(scrub(String(e), secrets));
}

interface TokenContext {
  tokenUrl: string;
  clientId: string;
  username: string;
  audience: string;
}

/** Remediation for the token endpoint's documented refusals (research notes §1.4). */
export function tokenErrorHint(error: string, description: string, c: TokenContext): string {
  const d = description.toLowerCase();
  if (d.includes("audience")) {
    return `Salesforce does not accept the assertion's audience "${c.audience}". Set salesforce.audience to https://login.salesforce.com (production), https://test.salesforce.com (sandbox), or your org's My Domain URL (orgs using External Client Apps); salesforce.loginUrl can stay the host you post to.`;
  }
  if (d.includes("approved") || error === "OAUTH_APP_ACCESS_DENIED") {
    return `User ${c.username} is not pre-authorized for connected app ${c.clientId}. In Setup, set the app's OAuth policy "Permitted Users" to "Admin approved users are pre-authorized" and assign the user's profile or a permission set to the app; also check salesforce.username.`;
  }
  if (d.includes("expired")) {
    return "The assertion had already expired when Salesforce checked it (its exp is 3 minutes after signing). Check this machine's clock (NTP) and retry.";
  }
  if (d.includes("invalid assertion") || d.includes("signature")) {
    return "The assertion's signature did not verify: salesforce.privateKey does not belong to the certificate uploaded to the connected app. Upload the matching certificate or use the matching key.";
  }
  if (error === "invalid_client_id" || error === "invalid_client" || d.includes("client identifier")) {
    return `No connected app has the consumer key given in salesforce.clientId (${c.clientId}). Copy the consumer key from the app's settings; a new or changed app can take 2–10 minutes to propagate.`;
  }
  if (error === "app_not_found") {
    return "The External Client App is not installed in the org reached through this host. Use the org's My Domain URL for both salesforce.loginUrl and salesforce.audience.";
  }
  if (d.includes("user")) {
    return `Salesforce does not know the user ${c.username} (or it is inactive). Check salesforce.username: it is the Salesforce username, not necessarily the email address.`;
  }
  if (error === "unsupported_grant_type") {
    return `${c.tokenUrl} did not accept the JWT bearer grant; check that salesforce.loginUrl points at a Salesforce login host.`;
  }
  return "Check the connected app (digital signatures enabled, certificate uploaded, OAuth scopes api and refresh_token) and the salesforce.* inputs.";
}

/** Remediation for the REST API's error codes. */
export function restErrorHint(code: string | undefined, status: number): string | undefined {
  switch (code) {
    case "REQUEST_LIMIT_EXCEEDED":
      return "The org's API request limit is used up (see Setup > System Overview, or the Sforce-Limit-Info header). Wait for the rolling 24-hour window to free requests or ask Salesforce to raise the limit, then run pulumi up again.";
    case "INVALID_SESSION_ID":
      return "A freshly minted session was refused too. The session policy may forbid API use (high-assurance sessions or IP restrictions on the connected app): relax them for this integration user.";
    case "INSUFFICIENT_ACCESS":
    case "INSUFFICIENT_ACCESS_OR_READONLY":
    case "INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY":
      return 'Give the integration user "Modify Metadata Through Metadata API Functions" (or "Modify All Data"), "Manage Call Centers" and "Manage Users".';
    case "API_DISABLED_FOR_ORG":
    case "API_DISABLED_FOR_USER":
      return 'The API is not enabled for this org or user: the user\'s profile needs "API Enabled".';
    case "INVALID_CROSS_REFERENCE_KEY":
      return "A referenced record does not exist (for example a call center that was deleted meanwhile). Run pulumi refresh, then pulumi up.";
    default:
      if (status >= 500)
        return "Salesforce had an internal error; retry later. If it persists, check https://status.salesforce.com.";
      return undefined;
  }
}

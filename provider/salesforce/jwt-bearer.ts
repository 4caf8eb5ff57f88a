// OAuth 2.0 JWT bearer flow against Salesforce: sign an RS256 assertion (iss = consumer key, sub =
// username, aud = audience, exp = 3 minutes) and trade it at <loginUrl>/services/oauth2/token. The answer
// has no refresh token, so a new assertion is signed whenever a new session is needed. Sessions are cached
// per connected app, user and key for the life of the plugin process.
import { createHash, createPrivateKey, type KeyObject } from "node:crypto";
import { SignJWT } from "jose";
import { SalesforceAuthError, SalesforceError, scrub, tokenErrorHint } from "./errors";

export const JWT_BEARER_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";
const ASSERTION_LIFETIME_SECONDS = 180;

export interface JwtCredentials {
  loginUrl: string;
  audience: string;
  clientId: string;
  username: string;
  privateKey: string;
}

export interface SalesforceSession {
  accessToken: string;
  instanceUrl: string;
}

export class PrivateKeyError extends Error {
  override readonly name = "PrivateKeyError";
}

/**
 * Keys already loaded and accepted, by PEM text: check, diff, create and every token request load the same
 * key, and parsing an RSA key is the costliest step of each. A KeyObject cannot be changed, so sharing it is
 * safe; rejected keys are not kept, so their error is raised every time.
 */
const loadedKeys = new Map<string, KeyObject>();
const MAX_LOADED_KEYS = 32;

/** Loads a PEM private key (PKCS#1 or PKCS#8) and checks that Salesforce can use it: RSA, ≥ 2048 bits. */
export function loadPrivateKey(pem: string): KeyObject {
  const known = loadedKeys.get(pem);
  if (known) return known;
  const key = parsePrivateKey(pem);
  if (loadedKeys.size >= MAX_LOADED_KEYS) loadedKeys.delete(loadedKeys.keys().next().value!);
  loadedKeys.set(pem, key);
  return key;
}

function parsePrivateKey(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: "pem" });
  } catch (e) {
    const reason = /passphrase/i.test((e as Error).message)
      ? "it is encrypted; decrypt it first (openssl pkey -in key.pem -out plain.pem)"
      : 'it is not a PEM private key (expected a PKCS#8 "PRIVATE KEY" or PKCS#1 "RSA PRIVATE KEY" PEM block)';
    throw new PrivateKeyError(`cannot be read: ${reason}`);
  }
  if (key.asymmetricKeyType !== "rsa") {
    throw new PrivateKeyError(
      `is a ${key.asymmetricKeyType ?? "non-RSA"} key; Salesforce signs JWT bearer assertions with RS256 only, so use an RSA key (openssl genrsa 2048)`,
    );
  }
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < 2048) {
    throw new PrivateKeyError(`is a ${bits}-bit RSA key; use at least 2048 bits (openssl genrsa 2048)`);
  }
  return key;
}

export function tokenUrlOf(loginUrl: string): string {
  return `${loginUrl.replace(/\/+$/, "")}/services/oauth2/token`;
}

export async function signAssertion(creds: JwtCredentials, nowMs: number = Date.now()): Promise<string> {
  const now = Math.floor(nowMs / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: "RS256", typ: "JWT" })
    .setIssuer(creds.clientId)
    .setSubject(creds.username)
    .setAudience(creds.audience)
    .setExpirationTime(now + ASSERTION_LIFETIME_SECONDS)
    .sign(loadPrivateKey(creds.privateKey));
}

/** Trades a fresh assertion for a session. Refusals become SalesforceAuthError with a remediation hint. */
export async function requestSession(creds: JwtCredentials, nowMs?: number): Promise<SalesforceSession> {
  const tokenUrl = tokenUrlOf(creds.loginUrl);
  const assertion = await signAssertion(creds, nowMs);
  const secrets = [assertion, creds.privateKey];
  let res: Response;
  try {
    res = await fetch(tokenUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: new URLSearchParams({ grant_type: JWT_BEARER_GRANT, assertion }).toString(),
      signal: AbortSignal.timeout(60_000),
    });
  } catch (e) {
    const cause = (e as { cause?: { message?: string } }).cause?.message ?? (e as Error).message;
    throw new SalesforceError(
      scrub(`Could not reach the Salesforce token endpoint ${tokenUrl}: ${cause}`, secrets),
      {
        hint: "Check salesforce.loginUrl and the network path to Salesforce.",
      },
    );
  }
  const text = await res.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // Salesforce answers some failures (maintenance, a wrong host) with HTML; report the status instead.
  }
  if (!res.ok || typeof body.access_token !== "string") {
    const error = typeof body.error === "string" ? body.error : `HTTP ${res.status}`;
    const description =
      typeof body.error_description === "string" ? body.error_description : text.slice(0, 200);
    const hint = tokenErrorHint(error, description, {
      tokenUrl,
      clientId: creds.clientId,
      username: creds.username,
      audience: creds.audience,
    });
    throw new SalesforceAuthError(
      scrub(
        `Salesforce refused the JWT bearer login of ${creds.username} through connected app ${creds.clientId} at ${tokenUrl}: ${error}: ${description}. ${hint}`,
        secrets,
      ),
      { status: res.status, code: error, hint },
    );
  }
  const instanceUrl = typeof body.instance_url === "string" ? body.instance_url : creds.loginUrl;
  return {
    accessToken: body.access_token,
    instanceUrl: instanceUrl.replace(/\/+$/, ""),
  };
}

const sessions = new Map<string, { pending: Promise<SalesforceSession>; resolved?: SalesforceSession }>();

/**
 * A session belongs to the key that signed for it as well: another (rotated or wrong) key must get its own
 * login, so a key Salesforce refuses fails in this run instead of riding on a session an earlier key opened.
 * The key is kept only as a fingerprint (a SHA-256 of the PEM text), never as itself.
 */
function cacheKey(c: JwtCredentials): string {
  const fingerprint = createHash("sha256").update(c.privateKey).digest("base64url");
  return JSON.stringify([c.loginUrl, c.audience, c.clientId, c.username, fingerprint]);
}

/** The cached session of this connected app and user, minting one when there is none. */
export function cachedSession(creds: JwtCredentials): Promise<SalesforceSession> {
  const key = cacheKey(creds);
  const existing = sessions.get(key);
  if (existing) return existing.pending;
  const entry: { pending: Promise<SalesforceSession>; resolved?: SalesforceSession } = {
    pending: requestSession(creds),
  };
  sessions.set(key, entry);
  entry.pending.then(
    (session) => {
      entry.resolved = session;
    },
    // A failed login is not cached: the next call tries again.
    () => {
      if (sessions.get(key) === entry) sessions.delete(key);
    },
  );
  return entry.pending;
}

/** Drops the cached session if it is still `stale`; a newer one minted meanwhile by another caller stays. */
export function invalidateSession(creds: JwtCredentials, stale: SalesforceSession): void {
  const key = cacheKey(creds);
  const entry = sessions.get(key);
  if (entry?.resolved && entry.resolved.accessToken === stale.accessToken) sessions.delete(key);
}

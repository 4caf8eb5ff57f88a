// The one secret scrubber every module uses before text leaves the provider (errors, logs, diagnostics).
// It removes known secret values (in the encodings they travel in) and anything that looks like a secret
// even when nobody registered it: PEM blocks, bearer/basic authorizations and well-known secret fields.

export const REDACTED = "[REDACTED]";

/**
 * Known secrets shorter than this are not scrubbed by value: replacing every "abc" or "true" would mangle
 * messages without protecting anything worth protecting. Pattern scrubbing still applies to them.
 */
export const MIN_SECRET_LENGTH = 6;

/** Field names whose values are secret wherever they appear (request bodies, JSON or form text). */
export const SECRET_FIELD_NAMES: readonly string[] = [
  "privateKey",
  "private_key",
  // A Google key file names the key it holds: with it, anyone can tell which key leaked and ask for it.
  "private_key_id",
  "privateKeyId",
  "authKey",
  "googleAuthorization",
  "apiKey",
  "api_key",
  "password",
  "clientSecret",
  "client_secret",
  "accessToken",
  "access_token",
  "refreshToken",
  "refresh_token",
  "integrationToken",
  "id_token",
  "assertion",
  "authorization",
];

// A PEM block, also when it travels JSON-escaped (literal "\n") or was cut short before its END line.
const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----(?:[\s\S]*?-----END \1-----|(?:\\[nr]|[\sA-Za-z0-9+/=])*)/g;
// An authorization credential: long enough and containing a digit, so prose ("JWT bearer assertion",
// "Basic validation failed") is left alone.
const AUTHORIZATION = /\b(Bearer|Basic)(\s+|%20)(?=[A-Za-z0-9\-._~+/%]*\d)[A-Za-z0-9\-._~+/%]{12,}=*/gi;
const fieldAlternatives = SECRET_FIELD_NAMES.map((name) => name.replace(/_/g, "[_-]?")).join("|");
// "field": "value" in JSON, also when that JSON is itself quoted inside a string (\"field\": \"value\").
const JSON_FIELD = new RegExp(
  String.raw`(\\?"(?:${fieldAlternatives})\\?"\s*:\s*\\?")((?:\\\\|\\[^"\\]|[^"\\])*)`,
  "gi",
);
// field=value in forms and query strings.
const FORM_FIELD = new RegExp(String.raw`(\b(?:${fieldAlternatives})=)([^&\s"']+)`, "gi");

/** How a piece of a secret can be echoed: as it is, JSON-escaped, and URL-encoded (either hex case, or as a form). */
function encodingsOf(text: string): string[] {
  const uri = encodeURIComponent(text);
  return [
    text,
    JSON.stringify(text).slice(1, -1),
    uri,
    uri.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()),
    new URLSearchParams({ v: text }).toString().slice(2),
  ];
}

/**
 * The forms a secret takes on the wire and in messages: every encoding of the whole and of each of its lines.
 * Multi-line secrets (keys) are often quoted one line at a time, and a key inside JSON text (a Google key
 * file) has its lines joined by the two characters \n; long lines are safe to match alone.
 */
function variantsOf(secret: string): string[] {
  const variants = new Set<string>(encodingsOf(secret));
  for (const line of secret.split(/\r?\n|\\r\\n|\\n/)) {
    const trimmed = line.trim();
    if (trimmed.length >= 20 && !trimmed.startsWith("-----")) {
      for (const form of encodingsOf(trimmed)) variants.add(form);
    }
  }
  return [...variants].filter((v) => v.length >= MIN_SECRET_LENGTH);
}

/** The values of every secret-named field anywhere in a value (a request body, a parsed key file). */
function secretFieldValues(value: unknown): string[] {
  const found: string[] = [];
  const visit = (node: unknown, depth: number): void => {
    if (depth > 10 || node === null || typeof node !== "object") return;
    for (const [key, child] of Object.entries(node as Record<string, unknown>)) {
      if (typeof child === "string" && SECRET_FIELD_NAMES_LOWER.has(key.toLowerCase())) found.push(child);
      else visit(child, depth + 1);
    }
  };
  visit(value, 0);
  return found;
}

/** The secret-named fields inside a secret that is itself JSON text (a Google service-account key file). */
function nestedSecrets(secret: string): string[] {
  if (!/^\s*\{/.test(secret)) return [];
  try {
    return secretFieldValues(JSON.parse(secret));
  } catch {
    return [];
  }
}

const SECRET_FIELD_NAMES_LOWER = new Set(SECRET_FIELD_NAMES.map((n) => n.toLowerCase()));

function isRegistrable(secret: unknown): secret is string {
  return typeof secret === "string" && secret.length >= MIN_SECRET_LENGTH;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Replaces secret-looking patterns (PEM blocks, authorizations, secret fields) in text. */
export function redactPatterns(text: string): string {
  return text
    .replace(PEM_BLOCK, REDACTED)
    .replace(AUTHORIZATION, (_m, scheme: string, space: string) => `${scheme}${space}${REDACTED}`)
    .replace(JSON_FIELD, (_m, prefix: string) => `${prefix}${REDACTED}`)
    .replace(FORM_FIELD, (_m, prefix: string) => `${prefix}${REDACTED}`);
}

/**
 * Every form of one secret (its variants and those of the secret fields inside it), worked out once per
 * process: a plugin registers the same keys and config secrets on every call, and a partner's config holds
 * every org's credentials. Keyed by the secret itself, which the process holds anyway.
 */
const formsCache = new Map<string, readonly string[]>();
const FORMS_CACHE_LIMIT = 10_000;

function formsOf(secret: string): readonly string[] {
  const cached = formsCache.get(secret);
  if (cached) return cached;
  const forms = new Set(variantsOf(secret));
  for (const nested of nestedSecrets(secret)) {
    if (nested.length >= MIN_SECRET_LENGTH) for (const form of formsOf(nested)) forms.add(form);
  }
  const result = [...forms];
  if (formsCache.size >= FORMS_CACHE_LIMIT) formsCache.clear();
  formsCache.set(secret, result);
  return result;
}

/** Secrets as callers hold them: read again whenever a redactor builds its matcher, so not a one-shot iterator. */
export type SecretList = ReadonlyArray<string | undefined | null> | ReadonlySet<string>;

/**
 * Collects known secrets and scrubs them, and secret-looking patterns, from text. Registering is cheap (a
 * client registers its secrets on every call); the forms to look for are worked out on the first redact.
 */
export class Redactor {
  /**
   * The lists given at construction, held as they are and read only when a matcher is built (at the first
   * redaction, and again after `add`): a client makes a redactor on every call, with the configuration's
   * secrets (every org's, about a thousand for a partner) among its lists, and copying or filtering them per
   * call kept tens of kilobytes alive across each API round trip. Callers hand over lists they no longer
   * change; a secret added to one before the first redaction is known, which can only scrub more.
   */
  private readonly given: readonly SecretList[];
  /** Secrets registered one by one afterwards (tokens as they are issued, a request body's fields). */
  private readonly added = new Set<string>();
  /** Null when no registered secret is long enough to look for. */
  private matcher: RegExp | null | undefined;

  /** Knows the secrets of every list given (too short and non-string entries are ignored). */
  constructor(...lists: SecretList[]) {
    this.given = lists;
  }

  /** Registers secrets; empty, non-string and too-short values are ignored. */
  add(...secrets: Array<string | undefined | null>): this {
    for (const secret of secrets) {
      if (!isRegistrable(secret) || this.added.has(secret)) continue;
      this.added.add(secret);
      this.matcher = undefined;
    }
    return this;
  }

  /** Registers the values of every secret-named field found anywhere in a value (e.g. a request body). */
  addSecretFieldsOf(value: unknown): this {
    return this.add(...secretFieldValues(value));
  }

  /** A new redactor that knows these secrets and the extra ones. */
  with(...secrets: Array<string | undefined | null>): Redactor {
    return new Redactor(...this.given, [...this.added]).add(...secrets);
  }

  redact(text: string): string {
    if (this.matcher === undefined) this.matcher = this.buildMatcher();
    return redactPatterns(this.matcher ? text.replace(this.matcher, REDACTED) : text);
  }

  private buildMatcher(): RegExp | null {
    const forms = new Set<string>();
    for (const list of [...this.given, this.added]) {
      for (const secret of list)
        if (isRegistrable(secret)) for (const form of formsOf(secret)) forms.add(form);
    }
    if (forms.size === 0) return null;
    // Longest first, so a secret containing another is removed whole.
    const sorted = [...forms].sort((a, b) => b.length - a.length).map(escapeRegExp);
    return new RegExp(sorted.join("|"), "g");
  }

  /** Scrubs every string inside a JSON-like value (for diagnostics and snapshots). */
  redactValue<T>(value: T): T {
    if (typeof value === "string") return this.redact(value) as T;
    if (Array.isArray(value)) return value.map((item) => this.redactValue(item)) as T;
    if (value !== null && typeof value === "object") {
      const out: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(value)) out[key] = this.redactValue(child);
      return out as T;
    }
    return value;
  }

  /** Scrubs an error's message and stack in place and returns it. */
  redactError<E extends Error>(error: E): E {
    error.message = this.redact(error.message);
    if (error.stack) error.stack = this.redact(error.stack);
    return error;
  }
}

/** Scrubs known secrets and secret-looking patterns from text. */
export function redact(text: string, secrets: SecretList = []): string {
  return new Redactor(secrets).redact(text);
}

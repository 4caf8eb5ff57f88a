// Field checks shared by the connector kinds. Every failure names the field and says how to fix it, and
// none ever quotes a value (a value may be a secret).
import { createPrivateKey } from "node:crypto";
import { badRequest } from "../core/errors";

export type Fields = Record<string, unknown>;

export function isPlainObject(value: unknown): value is Fields {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function objectField(value: unknown, field: string): Fields {
  if (value === undefined) return {};
  if (!isPlainObject(value)) throw badRequest(field, `${field} must be a JSON object.`);
  return value;
}

export function onlyFields(obj: Fields, allowed: readonly string[], prefix: string, what: string): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) {
      const list = allowed.length === 0 ? "it has none" : `its fields are ${allowed.join(", ")}`;
      throw badRequest(
        fieldName(prefix, key),
        `${fieldName(prefix, key)} is not a field of ${what}; ${list}.`,
      );
    }
  }
}

/** The field's name as errors give it: `credentials.clientId`, or just `name` at the top level. */
export function fieldName(prefix: string, key: string): string {
  return prefix === "" ? key : `${prefix}.${key}`;
}

export function requiredString(obj: Fields, key: string, prefix: string, hint: string): string {
  const value = obj[key];
  const field = fieldName(prefix, key);
  if (value === undefined || value === null) throw badRequest(field, `${field} is required: ${hint}.`);
  if (typeof value !== "string" || value.trim() === "") {
    throw badRequest(field, `${field} must be a non-empty string: ${hint}.`);
  }
  return value;
}

export function optionalString(obj: Fields, key: string, prefix: string, hint: string): string | undefined {
  if (obj[key] === undefined || obj[key] === null) return undefined;
  return requiredString(obj, key, prefix, hint);
}

export function httpsUrl(obj: Fields, key: string, prefix: string, hint: string): string {
  const value = requiredString(obj, key, prefix, hint);
  const field = fieldName(prefix, key);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw badRequest(field, `${field} must be an absolute URL starting with https:// (${hint}).`);
  }
  if (url.protocol !== "https:") {
    throw badRequest(
      field,
      `${field} must start with https://: only the https:// prefix is allowed (${hint}).`,
    );
  }
  return value;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function email(obj: Fields, key: string, prefix: string, hint: string): string {
  const value = requiredString(obj, key, prefix, hint);
  if (!EMAIL.test(value)) {
    throw badRequest(fieldName(prefix, key), `${fieldName(prefix, key)} must be an email address (${hint}).`);
  }
  return value;
}

/** True when `pem` is an unencrypted PEM private key of the given type. */
function isPemPrivateKey(pem: string, type: "rsa"): boolean {
  if (!/-----BEGIN (RSA )?PRIVATE KEY-----/.test(pem)) return false;
  try {
    return createPrivateKey({ key: pem, format: "pem" }).asymmetricKeyType === type;
  } catch {
    return false;
  }
}

export function rsaPrivateKeyPem(obj: Fields, key: string, prefix: string, hint: string): string {
  const value = requiredString(obj, key, prefix, hint);
  if (!isPemPrivateKey(value, "rsa")) {
    throw badRequest(
      fieldName(prefix, key),
      `${fieldName(prefix, key)} must be an unencrypted PEM RSA private key (PKCS#8 "PRIVATE KEY" or PKCS#1 "RSA PRIVATE KEY" PEM block): ${hint}.`,
    );
  }
  return value;
}

/** A Google service-account key file, given as its JSON text (or the parsed object). */
export function googleServiceAccountKey(obj: Fields, key: string, prefix: string): string {
  const field = fieldName(prefix, key);
  const raw = obj[key];
  const fix = "use the JSON key file downloaded from Google Cloud (IAM → Service accounts → Keys)";
  if (raw === undefined || raw === null) throw badRequest(field, `${field} is required: ${fix}.`);
  let parsed: unknown = raw;
  if (typeof raw === "string") {
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw badRequest(field, `${field} must be a Google service-account key in JSON; ${fix}.`);
    }
  }
  if (!isPlainObject(parsed)) {
    throw badRequest(field, `${field} must be a Google service-account key (a JSON object); ${fix}.`);
  }
  if (parsed.type !== "service_account") {
    throw badRequest(field, `${field} must have "type": "service_account"; ${fix}.`);
  }
  for (const member of ["project_id", "client_email"]) {
    if (typeof parsed[member] !== "string" || parsed[member] === "") {
      throw badRequest(field, `${field} lacks "${member}"; ${fix}.`);
    }
  }
  if (!EMAIL.test(parsed.client_email as string)) {
    throw badRequest(field, `${field} has a "client_email" that is not an email address; ${fix}.`);
  }
  if (typeof parsed.private_key !== "string" || !isPemPrivateKey(parsed.private_key, "rsa")) {
    throw badRequest(field, `${field} must hold "private_key" as a PEM private key; ${fix}.`);
  }
  return typeof raw === "string" ? raw : JSON.stringify(raw);
}

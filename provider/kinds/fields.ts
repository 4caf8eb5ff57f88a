// zod field builders shared by the kind specs. Every message names the field, says what is wrong and how to
// fix it, and never quotes the value: the value may be a secret, and check failures reach the CLI verbatim.
import { createPrivateKey } from "node:crypto";
import { z } from "zod";
import { urlProblem } from "../url-rule";
import { REGIONS } from "../webex/types";

function typeError(field: string, expected: string, hint: string) {
  return (issue: { input?: unknown }) =>
    issue.input === undefined || issue.input === null
      ? `${field} is required: ${hint}.`
      : `${field} must be ${expected}: ${hint}.`;
}

/** A non-empty string. */
export function text(field: string, hint: string) {
  return z
    .string({ error: typeError(field, "a string", hint) })
    .refine((value) => value.trim().length > 0, { error: `${field} must not be empty: ${hint}.` });
}

/** A non-empty string of at most `max` characters. */
export function boundedText(field: string, max: number, hint: string) {
  return text(field, hint).refine((value) => value.length <= max, {
    error: `${field} is longer than ${max} characters: shorten it.`,
  });
}

// Control characters (C0, DEL, C1), line and paragraph separators, and lone surrogates: none can be shown,
// typed or compared reliably in Control Hub or a flow.
const UNPRINTABLE = /[\p{Cc}\u2028\u2029]|\p{Cs}/u;

/**
 * A name shown to people and referred to by flows: printable Unicode (no control characters), without
 * leading or trailing white space, at most `max` characters.
 */
export function printableName(field: string, max: number, hint: string) {
  return boundedText(field, max, hint).superRefine((value, ctx) => {
    const bad = UNPRINTABLE.exec(value);
    if (bad) {
      const code = bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
      ctx.addIssue({
        code: "custom",
        message: `${field} contains the control character U+${code} (at position ${bad.index + 1}): names must be printable text; remove it.`,
      });
    } else if (/^\s|\s$/u.test(value)) {
      ctx.addIssue({
        code: "custom",
        message: `${field} starts or ends with white space: remove the leading and trailing spaces (${hint}).`,
      });
    }
  });
}

/** An https:// URL under the one URL rule (provider/url-rule.ts): the product allows only that prefix. */
export function httpsUrl(field: string, hint: string) {
  return text(field, hint).superRefine((value, ctx) => {
    const problem = urlProblem(value, { loopbackHttp: false });
    if (problem) ctx.addIssue({ code: "custom", message: `${field} ${problem}: ${hint}.` });
  });
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function email(field: string, hint: string) {
  return text(field, hint).refine((value) => EMAIL.test(value), {
    error: `${field} must be an email address: ${hint}.`,
  });
}

/**
 * Keys already parsed in this process: check runs on every preview and up for every resource, and parsing
 * an RSA key is the dearest part of validating one; the same keys come back every time. The bound is above
 * a partner's working set (500 orgs, each with its own Salesforce, text-to-speech and CCAI keys, are 1,500),
 * since a stack that cycles through more keys than the bound would re-parse every one; at about 2 KB a key
 * it holds 20 MB at most.
 */
const parsedKeys = new Map<string, boolean>();
const PARSED_KEYS_LIMIT = 10_000;

export function isRsaPrivateKeyPem(pem: string): boolean {
  if (!/-----BEGIN (RSA )?PRIVATE KEY-----/.test(pem)) return false;
  const known = parsedKeys.get(pem);
  if (known !== undefined) return known;
  let rsa: boolean;
  try {
    rsa = createPrivateKey({ key: pem, format: "pem" }).asymmetricKeyType === "rsa";
  } catch {
    rsa = false;
  }
  if (parsedKeys.size >= PARSED_KEYS_LIMIT) parsedKeys.clear();
  parsedKeys.set(pem, rsa);
  return rsa;
}

export function rsaPrivateKeyPem(field: string, hint: string) {
  return text(field, hint).refine(isRsaPrivateKeyPem, {
    error: `${field} must be an unencrypted PEM RSA private key (PKCS#8 "PRIVATE KEY" or PKCS#1 "RSA PRIVATE KEY" PEM block): ${hint}.`,
  });
}

/** Why a Google service-account key file is unusable, or undefined when it is fine. */
export function serviceAccountKeyProblem(keyText: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(keyText);
  } catch {
    return "is not JSON";
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return "is not a JSON object";
  const key = parsed as Record<string, unknown>;
  if (key.type !== "service_account") return 'lacks "type": "service_account"';
  for (const member of ["project_id", "client_email", "private_key"]) {
    if (typeof key[member] !== "string" || key[member] === "") return `lacks "${member}"`;
  }
  if (!EMAIL.test(key.client_email as string)) return 'has a "client_email" that is not an email address';
  if (!isRsaPrivateKeyPem(key.private_key as string))
    return 'has a "private_key" that is not a PEM RSA private key';
  return undefined;
}

export function googleServiceAccountKey(field: string) {
  const fix =
    "give the whole JSON key file downloaded from Google Cloud (IAM → Service accounts → Keys), e.g. fs.readFileSync(path, 'utf8')";
  return text(field, fix).superRefine((value, ctx) => {
    const problem = serviceAccountKeyProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: `${field} ${problem}: ${fix}.` });
  });
}

export function bool(field: string, hint: string) {
  return z.boolean({ error: `${field} must be true or false: ${hint}.` });
}

export function oneOf<const T extends readonly [string, ...string[]]>(
  field: string,
  values: T,
  hint: string,
) {
  const list = values.map((value) => JSON.stringify(value)).join(" or ");
  return z.enum(values, {
    error: (issue) =>
      issue.input === undefined
        ? `${field} is required: ${hint}; use ${list}.`
        : `${field} must be ${list}: ${hint}.`,
  });
}

export const region = () =>
  oneOf(
    "region",
    REGIONS,
    "the org's Webex Contact Center data centre; defaults to wxcc:region (us1 when unset)",
  );

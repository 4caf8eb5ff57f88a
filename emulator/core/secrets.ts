import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** Secrets are kept only as sha256 hex digests, in memory and in the state file alike. */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

export function secretMatches(secret: string, hash: string | undefined): boolean {
  if (hash === undefined) return false;
  const given = Buffer.from(hashSecret(secret), "hex");
  const stored = Buffer.from(hash, "hex");
  return given.length === stored.length && timingSafeEqual(given, stored);
}

export function randomSecret(prefix: string): string {
  return `${prefix}_${randomBytes(24).toString("base64url")}`;
}

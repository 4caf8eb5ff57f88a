// The outputs record a digest of each applied secret, not the secret. Diff needs only to tell whether the
// declared secret is the one applied, and the inputs already hold the secret itself (the engine stores
// them and hands them to every create and update); the outputs held it a second time, and a Google key
// file or a Salesforce private key is most of a connector's state. The digest stays marked secret, so it
// is encrypted at rest like the value it stands for.
//
// State written before (schema 1) holds the secrets themselves in its outputs; comparing with those keeps
// working, and the next write records the digest instead.
import { createHash } from "node:crypto";
import { clean, containsUnknown, getPath, setPathIfParent, type Values } from "./values";

const PREFIX = "sha256:";
const DIGEST = /^sha256:[A-Za-z0-9_-]{43}$/;

export function isSecretDigest(value: unknown): value is string {
  return typeof value === "string" && DIGEST.test(value);
}

/** The digest recorded for a secret; a digest stays as it is, so recording twice changes nothing. */
export function secretDigest(value: unknown): unknown {
  if (value === undefined || isSecretDigest(value) || containsUnknown(value)) return value;
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return `${PREFIX}${createHash("sha256").update(text, "utf8").digest("base64url")}`;
}

/** The values with every secret at `paths` replaced by its digest. */
export function withSecretDigests(paths: readonly string[], values: Values): Values {
  const present = paths.filter((path) => getPath(values, path.split(".")) !== undefined);
  if (present.length === 0) return values;
  const result = clean(values);
  for (const path of present) setPathIfParent(result, path, secretDigest(getPath(values, path.split("."))));
  return result;
}

/**
 * The desired values in the form the recorded ones have: where a digest is recorded, the declared secret
 * as its digest, so comparing the two says whether the secret changed. Where the recorded state holds the
 * secret itself (schema 1), the declared secret is compared as it is.
 */
export function asRecorded(paths: readonly string[], recorded: Values, desired: Values): Values {
  const digested = paths.filter((path) => isSecretDigest(getPath(recorded, path.split("."))));
  return withSecretDigests(digested, desired);
}

/**
 * Outputs rebuilt from a read, with the secrets and the schema version as `recorded` has them: a read learns
 * nothing about secrets, so it changes nothing there, and state that holds the secrets themselves (schema
 * 1) keeps them until its next write.
 */
export function inRecordedForm(paths: readonly string[], outputs: Values, recorded: Values): Values {
  const result = clean(outputs);
  for (const path of paths) {
    const value = getPath(recorded, path.split("."));
    if (value !== undefined) setPathIfParent(result, path, value);
  }
  if (recorded.schemaVersion !== undefined) result.schemaVersion = recorded.schemaVersion;
  return result;
}

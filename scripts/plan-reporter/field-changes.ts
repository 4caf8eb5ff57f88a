// Which input fields a step changes, with values safe to print.
//
// Dynamic providers never send a detailed diff, so the Pulumi CLI's preview JSON usually carries no
// diffReasons for them: the changed fields are recovered by comparing the old and new inputs. Secret
// values print as "[secret]" on both sides, so a change to a secret alone is invisible there; when an
// update shows no visible change, the secret fields are reported as the candidates, marked uncertain.
import { isSecretPath, type WxccKind } from "./resource-kinds";

export const SECRET = "[secret]";
/** How the engine writes a value that is known only after apply, and how the reports show it. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
export const KNOWN_AFTER_APPLY = "(known after apply)";

export interface FieldChange {
  /** `privateKey`, `auth.password`, `settings.general.softphoneHeight`, `assignedUsers[1]` */
  path: string;
  /** Printable values; "[secret]" for secrets; undefined when the field is absent on that side. */
  before?: string;
  after?: string;
  secret: boolean;
  /** False when the field is only one of the secret fields that may have changed. */
  certain: boolean;
}

type Json = unknown;

export function fieldChanges(
  kind: WxccKind | undefined,
  oldInputs: Record<string, Json> | undefined,
  newInputs: Record<string, Json> | undefined,
  reportedKeys: readonly string[],
): FieldChange[] {
  const before = withoutInternal(oldInputs);
  const after = withoutInternal(newInputs);
  const changes = new Map<string, FieldChange>();
  const hidden: string[] = [];
  compare(kind, "", before, after, changes, hidden);

  for (const key of reportedKeys) {
    if (key.startsWith("__")) continue;
    const covered = [...changes.keys()].some((path) => path === key || path.startsWith(`${key}.`));
    if (covered) continue;
    const hiddenBelow = hidden.filter((path) => path === key || path.startsWith(`${key}.`));
    const paths = hiddenBelow.length > 0 ? hiddenBelow : [key];
    for (const path of paths)
      changes.set(path, describe(kind, path, lookup(before, path), lookup(after, path)));
  }
  if (changes.size === 0 && reportedKeys.length === 0) {
    // Something changed (the caller only asks for updates and replacements) and nothing visible did: it
    // must be a secret, and with a single candidate we know which one.
    for (const path of hidden) {
      const change = describe(kind, path, lookup(before, path), lookup(after, path));
      changes.set(path, { ...change, certain: hidden.length === 1 });
    }
  }
  return [...changes.values()];
}

function withoutInternal(inputs: Record<string, Json> | undefined): Record<string, Json> {
  const result: Record<string, Json> = {};
  for (const [key, value] of Object.entries(inputs ?? {})) {
    if (!key.startsWith("__")) result[key] = value;
  }
  return result;
}

function compare(
  kind: WxccKind | undefined,
  path: string,
  before: Json,
  after: Json,
  changes: Map<string, FieldChange>,
  hidden: string[],
): void {
  if (before === SECRET && after === SECRET) {
    hidden.push(path);
    return;
  }
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    for (const key of [...keys].sort()) {
      compare(kind, join(path, key), before[key], after[key], changes, hidden);
    }
    return;
  }
  if (deepEqual(before, after)) return;
  changes.set(path, describe(kind, path, before, after));
}

function describe(kind: WxccKind | undefined, path: string, before: Json, after: Json): FieldChange {
  const secret = isSecretPath(kind, path) || containsSecret(before) || containsSecret(after);
  return {
    path,
    before: printable(before, secret),
    after: printable(after, secret),
    secret,
    certain: true,
  };
}

function printable(value: Json, secret: boolean): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (secret) return SECRET;
  if (value === UNKNOWN) return KNOWN_AFTER_APPLY;
  return JSON.stringify(value);
}

function containsSecret(value: Json): boolean {
  if (value === SECRET) return true;
  if (typeof value === "string") return /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(value);
  if (Array.isArray(value)) return value.some(containsSecret);
  if (isPlainObject(value)) return Object.values(value).some(containsSecret);
  return false;
}

function lookup(root: Json, path: string): Json {
  let value: Json = root;
  for (const part of path.split(".")) {
    if (!isPlainObject(value)) return undefined;
    value = value[part];
  }
  return value;
}

function join(path: string, key: string): string {
  return path === "" ? key : `${path}.${key}`;
}

function isPlainObject(value: Json): value is Record<string, Json> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function deepEqual(a: Json, b: Json): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(value: Json): Json {
  if (Array.isArray(value)) return value.map(canonical);
  if (isPlainObject(value)) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical(value[key])]),
    );
  }
  return value;
}

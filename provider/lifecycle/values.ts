// Plain-value helpers for the lifecycle: Pulumi's unknown sentinel, dotted paths, and the equality the diff
// uses (undefined and absent are the same; protobuf Structs cannot carry undefined anyway).

/** What the engine sends during preview for a value not known yet, whatever the field's type. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export type Values = Record<string, unknown>;

export function isUnknown(value: unknown): boolean {
  return value === UNKNOWN;
}

export function containsUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (value !== null && typeof value === "object") return Object.values(value).some(containsUnknown);
  return false;
}

export function getPath(obj: unknown, path: readonly (string | number)[]): unknown {
  let node = obj;
  for (const part of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string | number, unknown>)[part];
  }
  return node;
}

/** Sets a dotted path only where its parent object already exists. */
export function setPathIfParent(obj: Values, path: string, value: unknown): void {
  const parts = path.split(".");
  const parent = getPath(obj, parts.slice(0, -1));
  if (parent !== null && typeof parent === "object" && !Array.isArray(parent)) {
    (parent as Values)[parts[parts.length - 1]] = value;
  }
}

/** A deep copy without undefined values, as it will look after a round trip through the engine. */
export function clean<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]))
    );
  }
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    if (!deepEqual((a as Values)[key], (b as Values)[key])) return false;
  }
  return true;
}

/** Whether a field differs between the recorded and the desired value; an unknown desired value may differ. */
export function differs(recorded: unknown, desired: unknown): boolean {
  if (containsUnknown(desired)) return true;
  return !deepEqual(clean(recorded), clean(desired));
}

// JSON paths as people read them (agent.area.header.widgets[2], attributes["data-x"]) and the paths at
// which two JSON documents differ, so a change to a 40 KB layout shows as the few places it changed.

type Json = unknown;

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `base` extended by an object key or an array index. */
export function childPath(base: string, key: string | number): string {
  if (typeof key === "number") return `${base}[${key}]`;
  if (/^[A-Za-z_$][\w$]*$/.test(key)) return base === "" ? key : `${base}.${key}`;
  return `${base}[${JSON.stringify(key)}]`;
}

/** Equal as JSON values: key order does not matter, array order does. */
export function jsonEqual(a: Json, b: Json): boolean {
  return changedPaths(a, b, "", 1).length === 0;
}

export interface JsonChange {
  path: string;
  /** Absent on the side where the path does not exist. */
  before?: unknown;
  after?: unknown;
}

/**
 * Where `before` and `after` differ, deepest first where both sides are containers of the same kind; at
 * most `limit` places (then the list ends early).
 */
export function jsonChanges(before: Json, after: Json, base = "", limit = 50): JsonChange[] {
  const found: JsonChange[] = [];
  const add = (path: string, a: Json, b: Json, inA: boolean, inB: boolean) =>
    found.push({
      path: path === "" ? "(the whole document)" : path,
      ...(inA ? { before: a } : {}),
      ...(inB ? { after: b } : {}),
    });
  const walk = (a: Json, b: Json, path: string): void => {
    if (found.length >= limit) return;
    if (Array.isArray(a) && Array.isArray(b)) {
      for (let i = 0; i < Math.max(a.length, b.length) && found.length < limit; i++) {
        if (i >= a.length || i >= b.length) add(childPath(path, i), a[i], b[i], i < a.length, i < b.length);
        else walk(a[i], b[i], childPath(path, i));
      }
      return;
    }
    if (isObject(a) && isObject(b)) {
      for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
        if (found.length >= limit) return;
        if (!(key in a) || !(key in b)) add(childPath(path, key), a[key], b[key], key in a, key in b);
        else walk(a[key], b[key], childPath(path, key));
      }
      return;
    }
    if (a !== b) add(path, a, b, a !== undefined, b !== undefined);
  };
  walk(before, after, base);
  return found;
}

/** The paths at which `before` and `after` differ (see jsonChanges). */
export function changedPaths(before: Json, after: Json, base = "", limit = 50): string[] {
  return jsonChanges(before, after, base, limit).map((change) => change.path);
}

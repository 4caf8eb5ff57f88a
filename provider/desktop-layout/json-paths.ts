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

/**
 * The paths at which `before` and `after` differ, deepest first where both sides are containers of the same
 * kind; at most `limit` of them (then the list ends early).
 */
export function changedPaths(before: Json, after: Json, base = "", limit = 50): string[] {
  const found: string[] = [];
  const walk = (a: Json, b: Json, path: string): void => {
    if (found.length >= limit) return;
    if (Array.isArray(a) && Array.isArray(b)) {
      for (let i = 0; i < Math.max(a.length, b.length); i++) {
        if (i >= a.length || i >= b.length) found.push(childPath(path, i));
        else walk(a[i], b[i], childPath(path, i));
        if (found.length >= limit) return;
      }
      return;
    }
    if (isObject(a) && isObject(b)) {
      const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
      for (const key of keys) {
        if (!(key in a) || !(key in b)) found.push(childPath(path, key));
        else walk(a[key], b[key], childPath(path, key));
        if (found.length >= limit) return;
      }
      return;
    }
    if (a !== b) found.push(path === "" ? "(the whole document)" : path);
  };
  walk(before, after, base);
  return found;
}

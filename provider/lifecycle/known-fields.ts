// The fields a kind's schema accepts at a path of the inputs, so a misspelled field can be answered with the
// right spelling. Unions (Custom's auth) are narrowed by the literal fields the input already has
// (type: "basic"), as the product's own form narrows what it shows.
import type { z } from "zod";
import { getPath, type Values } from "./values";

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  options?: z.ZodType[];
  innerType?: z.ZodType;
  in?: z.ZodType;
  values?: unknown[];
}

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

/** The object schemas a schema may stand for at its top level (wrappers removed, unions spread). */
function objectsOf(schema: z.ZodType, input: unknown): Array<Record<string, z.ZodType>> {
  const def = defOf(schema);
  if (def.type === "object" && def.shape) return [def.shape];
  if (def.innerType) return objectsOf(def.innerType, input);
  if (def.type === "pipe" && def.in) return objectsOf(def.in, input);
  if (def.type === "union" && def.options) {
    const all = def.options.flatMap((option) => objectsOf(option, input));
    const matching = all.filter((shape) => literalsMatch(shape, input));
    return matching.length > 0 ? matching : all;
  }
  return [];
}

function literalsMatch(shape: Record<string, z.ZodType>, input: unknown): boolean {
  if (input === null || typeof input !== "object") return false;
  return Object.entries(shape).every(([key, field]) => {
    const def = defOf(field);
    return def.type !== "literal" || (def.values ?? []).includes((input as Values)[key]);
  });
}

/** The accepted field names at `path` (an object inside the inputs), in the schema's order. */
export function knownFields(schema: z.ZodType, inputs: Values, path: readonly PropertyKey[]): string[] {
  let shapes = objectsOf(schema, inputs);
  for (let depth = 0; depth < path.length; depth++) {
    const key = String(path[depth]);
    const here = getPath(inputs, path.slice(0, depth + 1).map(String));
    shapes = shapes.flatMap((shape) => (shape[key] ? objectsOf(shape[key], here) : []));
  }
  return [...new Set(shapes.flatMap((shape) => Object.keys(shape)))];
}

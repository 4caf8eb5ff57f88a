// A small checker for the JSON-schema subset the official OpenAPI document uses (type, properties,
// required, items, uniqueItems, enum, lengths, pattern, int32/int64, additionalProperties, $ref), and the
// operation a request maps to. Enough to hold the emulator and the provider to the document without a
// schema library.
import * as fs from "node:fs";
import * as path from "node:path";

export type Schema = Record<string, unknown>;

interface Operation {
  operationId: string;
  parameters?: { name: string; in: string; schema?: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

export function loadDocument(): OpenApiDocument {
  const file = path.resolve(__dirname, "../../../tests/fixtures/webex-openapi/desktop-layout-team.json");
  return JSON.parse(fs.readFileSync(file, "utf8")) as OpenApiDocument;
}

const INT_RANGE: Record<string, [number, number]> = {
  int32: [-(2 ** 31), 2 ** 31 - 1],
  int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

/**
 * The ways `value` breaks `schema`, each naming its JSON path. `strict` also refuses properties the schema
 * does not declare (for request bodies: the provider must send only documented fields).
 */
export function violations(
  doc: OpenApiDocument,
  schema: Schema,
  value: unknown,
  at = "$",
  strict = false,
): string[] {
  if (typeof schema.$ref === "string") {
    const name = schema.$ref.split("/").pop()!;
    return violations(doc, doc.components.schemas[name]!, value, at, strict);
  }
  const out: string[] = [];
  const type = schema.type as string | undefined;
  const is = {
    object: typeof value === "object" && value !== null && !Array.isArray(value),
    array: Array.isArray(value),
    string: typeof value === "string",
    boolean: typeof value === "boolean",
    integer: Number.isInteger(value),
    number: typeof value === "number",
  } as Record<string, boolean>;
  if (type && !is[type]) return [`${at}: expected ${type}, got ${JSON.stringify(value)?.slice(0, 40)}`];
  if (Array.isArray(schema.enum) && !schema.enum.includes(value))
    out.push(`${at}: ${String(value)} is not one of ${schema.enum.join(", ")}`);
  if (typeof value === "string") {
    if (typeof schema.minLength === "number" && value.length < schema.minLength)
      out.push(`${at}: shorter than ${schema.minLength}`);
    if (typeof schema.maxLength === "number" && value.length > schema.maxLength)
      out.push(`${at}: longer than ${schema.maxLength}`);
    if (typeof schema.pattern === "string" && !new RegExp(schema.pattern).test(value))
      out.push(`${at}: does not match ${schema.pattern}`);
  }
  if (typeof value === "number" && typeof schema.format === "string" && INT_RANGE[schema.format]) {
    const [min, max] = INT_RANGE[schema.format]!;
    if (value < min || value > max) out.push(`${at}: out of ${schema.format} range`);
  }
  if (Array.isArray(value)) {
    if (schema.uniqueItems && new Set(value.map((v) => JSON.stringify(v))).size !== value.length)
      out.push(`${at}: items not unique`);
    if (schema.items)
      value.forEach((item, i) =>
        out.push(...violations(doc, schema.items as Schema, item, `${at}[${i}]`, strict)),
      );
  }
  if (is.object && (schema.properties || schema.additionalProperties || schema.required)) {
    const object = value as Record<string, unknown>;
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const key of (schema.required ?? []) as string[])
      if (!(key in object)) out.push(`${at}.${key}: required but missing`);
    for (const [key, child] of Object.entries(object)) {
      if (properties[key]) out.push(...violations(doc, properties[key], child, `${at}.${key}`, strict));
      else if (typeof schema.additionalProperties === "object")
        out.push(...violations(doc, schema.additionalProperties as Schema, child, `${at}.${key}`, strict));
      else if (strict) out.push(`${at}.${key}: not a property of the documented schema`);
    }
  }
  return out;
}

/** The documented operation for a method and path, with its path template. */
export function operationFor(
  doc: OpenApiDocument,
  method: string,
  urlPath: string,
): { template: string; op: Operation } | undefined {
  for (const [template, ops] of Object.entries(doc.paths)) {
    const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+")}$`);
    const op = ops[method.toLowerCase()];
    if (pattern.test(urlPath) && op) return { template, op };
  }
  return undefined;
}

/** The schema a request body must follow: the requestBody's, or (teams) the DTO the document passes as a parameter. */
export function requestSchema(op: Operation): Schema | undefined {
  const body = op.requestBody?.content["application/json"]?.schema;
  return body ?? op.parameters?.find((p) => p.in === "query" && /DTO$/.test(p.name))?.schema;
}

/** The schema of a documented response; undefined when the status is undocumented, null when it has no body. */
export function responseSchema(op: Operation, status: number): Schema | null | undefined {
  const response = op.responses[String(status)];
  if (!response) return undefined;
  const content = response.content ?? {};
  const first = Object.values(content)[0];
  return first ? first.schema : null;
}

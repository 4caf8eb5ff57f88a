// Every value in a definition file is a string. A codec turns one item's string into its typed setting and
// back. Encoding writes Cisco's exact form (string flags "false" in the screen-pop/case mappings, JSON
// booleans in the activity mapping, compact JSON, comma lists without spaces), so Cisco's own values
// survive a decode/encode byte for byte.

export type Codec =
  | "string"
  | "boolean"
  | "integer"
  | "list"
  | "fieldMappings"
  | "activityFieldMappings"
  | "conditionalMappings";

export type JsonScalar = string | number | boolean | null;

/** A screen-pop or case field mapping: `{wxccFieldName, sfdcFieldName, isDefaultValueEnabled, isConditionalEnabled}`. */
export interface FieldMapping {
  /** The CAD variable (or agent field) whose value is copied; with defaultValueEnabled, the constant itself. */
  cadVariable: string;
  salesforceField: string;
  defaultValueEnabled: boolean;
  /** Values of this CAD variable are translated through the section's conditional mappings. */
  conditionalEnabled: boolean;
  /** Properties Cisco may add to an element, kept as they are. */
  additionalProperties?: Record<string, JsonScalar>;
}

/** A call-activity custom field mapping: `{CadFieldName, SalesforceFieldName, isDefaultValueEnabled, defaultFieldValue}`. */
export interface ActivityFieldMapping {
  cadVariable: string;
  salesforceField: string;
  defaultValueEnabled: boolean;
  defaultValue: string;
  additionalProperties?: Record<string, JsonScalar>;
}

/** A conditional mapping: the value `cadValue` of CAD variable `cadVariable` writes `salesforceValue`
 * (`{wxccFieldName, wxccFieldValue, sfdcFieldValue}` per Cisco's documentation). */
export interface ConditionalMapping {
  cadVariable: string;
  cadValue: string;
  salesforceValue: string;
  additionalProperties?: Record<string, JsonScalar>;
}

export class CodecError extends Error {
  override readonly name = "CodecError";
}

type WireShape = {
  known: [typedKey: string, wireKey: string, kind: "string" | "flagString" | "flagBoolean"][];
};

const SHAPES: Record<"fieldMappings" | "activityFieldMappings" | "conditionalMappings", WireShape> = {
  fieldMappings: {
    known: [
      ["cadVariable", "wxccFieldName", "string"],
      ["salesforceField", "sfdcFieldName", "string"],
      ["defaultValueEnabled", "isDefaultValueEnabled", "flagString"],
      ["conditionalEnabled", "isConditionalEnabled", "flagString"],
    ],
  },
  activityFieldMappings: {
    known: [
      ["cadVariable", "CadFieldName", "string"],
      ["salesforceField", "SalesforceFieldName", "string"],
      ["defaultValueEnabled", "isDefaultValueEnabled", "flagBoolean"],
      ["defaultValue", "defaultFieldValue", "string"],
    ],
  },
  conditionalMappings: {
    known: [
      ["cadVariable", "wxccFieldName", "string"],
      ["cadValue", "wxccFieldValue", "string"],
      ["salesforceValue", "sfdcFieldValue", "string"],
    ],
  },
};

function decodeFlag(value: unknown, where: string): boolean {
  if (typeof value === "boolean") return value;
  if (typeof value === "string" && /^(true|false)$/i.test(value.trim()))
    return value.trim().toLowerCase() === "true";
  throw new CodecError(`${where} must be true or false, not ${JSON.stringify(value)}`);
}

function decodeMappings(raw: string, shape: WireShape): Record<string, unknown>[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw === "" ? "[]" : raw);
  } catch {
    throw new CodecError(`is not valid JSON: ${raw.slice(0, 80)}`);
  }
  if (!Array.isArray(parsed)) throw new CodecError("must be a JSON array of objects");
  return parsed.map((element, index) => {
    if (typeof element !== "object" || element === null || Array.isArray(element)) {
      throw new CodecError(`element ${index} is not a JSON object`);
    }
    const wire = element as Record<string, unknown>;
    const typed: Record<string, unknown> = {};
    for (const [typedKey, wireKey, kind] of shape.known) {
      const v = wire[wireKey];
      if (kind === "string") {
        if (v !== undefined && typeof v !== "string") {
          throw new CodecError(`element ${index}: ${wireKey} must be a string, not ${JSON.stringify(v)}`);
        }
        typed[typedKey] = v ?? "";
      } else {
        typed[typedKey] = v === undefined ? false : decodeFlag(v, `element ${index}: ${wireKey}`);
      }
    }
    const known = new Set(shape.known.map(([, wireKey]) => wireKey));
    const extra = Object.entries(wire).filter(([k]) => !known.has(k));
    if (extra.length > 0) {
      const additional: Record<string, JsonScalar> = {};
      for (const [k, v] of extra) {
        if (v !== null && typeof v === "object") {
          throw new CodecError(
            `element ${index}: property ${k} holds a nested object, which is not supported`,
          );
        }
        additional[k] = v as JsonScalar;
      }
      typed.additionalProperties = additional;
    }
    return typed;
  });
}

function encodeMappings(value: Record<string, unknown>[], shape: WireShape): string {
  return JSON.stringify(
    value.map((typed) => {
      const wire: Record<string, unknown> = {};
      for (const [typedKey, wireKey, kind] of shape.known) {
        const v = typed[typedKey];
        if (kind === "string") wire[wireKey] = v ?? "";
        else if (kind === "flagString") wire[wireKey] = v ? "true" : "false";
        else wire[wireKey] = Boolean(v);
      }
      const additional = (typed.additionalProperties ?? {}) as Record<string, JsonScalar>;
      for (const [k, v] of Object.entries(additional)) if (!(k in wire)) wire[k] = v;
      return wire;
    }),
  );
}

/** Decodes an item's string; throws CodecError saying what is wrong with it. */
export function decodeItem(codec: Codec, raw: string): unknown {
  switch (codec) {
    case "string":
      return raw;
    case "boolean":
      return decodeFlag(raw, "the value");
    case "integer":
      if (!/^\s*\d+\s*$/.test(raw))
        throw new CodecError(`must be a whole number, not ${JSON.stringify(raw)}`);
      return Number(raw.trim());
    case "list":
      return raw === "" ? [] : raw.split(",");
    default:
      return decodeMappings(raw, SHAPES[codec]);
  }
}

export function encodeItem(codec: Codec, value: unknown): string {
  switch (codec) {
    case "string":
      return String(value);
    case "boolean":
      return value ? "true" : "false";
    case "integer":
      return String(value);
    case "list":
      return (value as string[]).join(",");
    default:
      return encodeMappings(value as Record<string, unknown>[], SHAPES[codec]);
  }
}

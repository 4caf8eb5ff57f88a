// For every registration, @pulumi/pulumi turns the serialized inputs into a protobuf Struct
// (`Struct.fromJavaScript`: a message, a map and a Value message per property, nested), and the harness's
// monitor, the only reader of that request, turns it straight back into plain values (`toJavaScript()`).
// That round trip was a measurable share of the harness's own CPU per resource, with the garbage it leaves.
// So inside a program the harness runs, `Struct.fromJavaScript` keeps a plain copy of the values and builds
// the protobuf fields only if something asks for them; for any other program in the process nothing is
// changed.

import * as path from "node:path";
import { replaceOnce } from "./runtime-patch";

interface StructMessage {
  toJavaScript(): Record<string, unknown>;
  getFieldsMap(noLazyCreate?: boolean): unknown;
}

interface StructClass {
  new (): StructMessage;
  fromJavaScript(value: unknown): StructMessage;
}

const MARKER = Symbol.for("pulumi-wxcc/testing:request-structs");

/** Thrown by `plainCopy` for a value it does not copy itself: the caller then takes the protobuf path. */
const NOT_PLAIN = Symbol("not plain");

/**
 * What `Struct.fromJavaScript(value).toJavaScript()` returns, for values made of strings, numbers, booleans,
 * null, arrays and plain objects (what the runtime serializes inputs into): keys in the order the protobuf
 * map yields them (sorted), inherited enumerable keys included as `for...in` sees them. Anything else (a class
 * instance, a typed array, undefined, a function, a `__proto__` key) throws NOT_PLAIN, so that the protobuf
 * code itself decides, errors included.
 */
function plainCopy(value: unknown): unknown {
  if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean")
    return value;
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = plainCopy(value[i]);
    return out;
  }
  return plainObjectCopy(value);
}

function plainObjectCopy(value: unknown): Record<string, unknown> {
  if (typeof value !== "object" || value === null) throw NOT_PLAIN;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) throw NOT_PLAIN;
  const keys: string[] = [];
  for (const key in value) keys.push(key);
  keys.sort();
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    if (key === "__proto__") throw NOT_PLAIN;
    out[key] = plainCopy((value as Record<string, unknown>)[key]);
  }
  return out;
}

/**
 * Makes `Struct.fromJavaScript` keep plain values when `inHarnessProgram()` (once per copy of the
 * google-protobuf that `@pulumi/pulumi` loads; the first caller's predicate is kept).
 */
export function skipRequestStructRoundTrip(inHarnessProgram: () => boolean): void {
  // The copy the runtime's resource module requires, resolved from where that module is.
  const runtimeDir = path.dirname(require.resolve("@pulumi/pulumi/runtime/resource"));
  const structPb = require(
    require.resolve("google-protobuf/google/protobuf/struct_pb", { paths: [runtimeDir] }),
  ) as { Struct?: StructClass };
  const Struct = structPb.Struct;
  replaceOnce<StructClass["fromJavaScript"]>(Struct, "fromJavaScript", MARKER, (original) => {
    const StructType = Struct as StructClass;
    return function fromJavaScript(this: unknown, value: unknown): StructMessage {
      if (!inHarnessProgram()) return original.call(this, value);
      let kept: Record<string, unknown>;
      try {
        // A copy, not the caller's object: what the Struct holds must not change when the caller's
        // object does, as a built Struct's fields would not.
        kept = value === undefined || value === null ? {} : plainObjectCopy(value);
      } catch (err) {
        if (err === NOT_PLAIN) return original.call(this, value);
        throw err;
      }
      return deferredStruct(StructType, original, kept);
    };
  });
}

/**
 * A Struct message with no fields built yet: `toJavaScript()` answers a fresh copy of `kept` (which nothing
 * changes), and the first call of `getFieldsMap()` (through which every other reader of the field goes:
 * serializing, `toObject`) builds the fields as `fromJavaScript` would have.
 */
function deferredStruct(
  StructType: StructClass,
  fromJavaScript: StructClass["fromJavaScript"],
  kept: Record<string, unknown>,
): StructMessage {
  const message = new StructType();
  let built: StructMessage | undefined;
  message.toJavaScript = () => plainObjectCopy(kept);
  message.getFieldsMap = (noLazyCreate?: boolean) => {
    built ??= fromJavaScript.call(StructType, kept);
    return built.getFieldsMap(noLazyCreate);
  };
  return message;
}

// Property values in their wire form (what google.protobuf.Struct carries between the SDK, the engine and
// the plugin): secrets are envelopes, unknowns are a sentinel string, resource references are objects with a
// signature key. The engine rules below work on this form so that secretness survives every hop.

/** The key every special wire object carries (`pulumi.runtime.specialSigKey`). */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
/** The signature value of a secret envelope (`pulumi.runtime.specialSecretSig`). */
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
/** The signature value of a resource reference (`pulumi.runtime.specialResourceSig`). */
export const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
/** The value that stands for "not known until apply" during previews (`pulumi.runtime.unknownValue`). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** What previews and diagnostics print instead of a secret value, like the CLI. */
export const SECRET_MASK = "[secret]";

export type PropertyMap = Record<string, unknown>;

export interface SecretEnvelope {
  [SIG_KEY]: typeof SECRET_SIG;
  value: unknown;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function isSecret(v: unknown): v is SecretEnvelope {
  return isPlainObject(v) && v[SIG_KEY] === SECRET_SIG;
}

export function makeSecret(v: unknown): unknown {
  return isSecret(v) ? v : { [SIG_KEY]: SECRET_SIG, value: v };
}

export function containsSecrets(v: unknown): boolean {
  if (isSecret(v)) return true;
  if (Array.isArray(v)) return v.some(containsSecrets);
  if (isPlainObject(v)) return Object.values(v).some(containsSecrets);
  return false;
}

/**
 * What the engine sends to a provider that answered Configure with acceptSecrets=false (and
 * acceptResources=false): plaintext in place of secrets, and a resource reference downgraded to the
 * referenced resource's id (custom) or URN (component). pulumi/pulumi provider_plugin.go MarshalProperties
 * with KeepSecrets/KeepResources false.
 */
export function toProviderWire(v: unknown): unknown {
  if (isSecret(v)) return toProviderWire(v.value);
  if (Array.isArray(v)) return v.map(toProviderWire);
  if (isPlainObject(v)) {
    if (v[SIG_KEY] === RESOURCE_SIG) {
      const id = v.id;
      return typeof id === "string" && id !== "" ? id : v.urn;
    }
    const out: PropertyMap = {};
    for (const [k, e] of Object.entries(v)) out[k] = toProviderWire(e);
    return out;
  }
  return v;
}

export function toProviderMap(m: PropertyMap): PropertyMap {
  return toProviderWire(m) as PropertyMap;
}

/**
 * Copies secretness from `ins` to `outs` by key, recursing where both sides are objects; otherwise an output
 * whose same-named input contains a secret becomes secret as a whole. pulumi/pulumi
 * sdk/go/common/resource/plugin/provider_plugin.go `annotateSecrets`, applied after Check, Create, Update and
 * Read for providers that do not accept secrets. Returns a new map.
 */
export function annotateSecrets(outs: PropertyMap, ins: PropertyMap | undefined): PropertyMap {
  const result: PropertyMap = { ...outs };
  if (!ins) return result;
  for (const [key, inValue] of Object.entries(ins)) {
    if (!(key in result)) continue;
    const outValue = result[key];
    const inObject = isSecret(inValue) ? undefined : inValue;
    if (isPlainObject(outValue) && !isSecret(outValue) && isPlainObject(inObject)) {
      result[key] = annotateSecrets(outValue, inObject);
    } else if (!isSecret(outValue) && containsSecrets(inValue)) {
      result[key] = makeSecret(outValue);
    }
  }
  return result;
}

/**
 * The step executor's second pass (pulumi/pulumi pkg/resource/deploy/step_executor.go, after a create or
 * update completes): outputs listed in additionalSecretOutputs become secret, then any top-level output whose
 * same-named input is secret becomes secret.
 */
export function applySecretOutputRules(
  outputs: PropertyMap,
  inputs: PropertyMap,
  additionalSecretOutputs: readonly string[],
): PropertyMap {
  const result: PropertyMap = { ...outputs };
  for (const key of additionalSecretOutputs) {
    if (key in result) result[key] = makeSecret(result[key]);
  }
  for (const [key, inValue] of Object.entries(inputs)) {
    if (key in result && isSecret(inValue)) result[key] = makeSecret(result[key]);
  }
  return result;
}

/** Replaces every secret with "[secret]", as the CLI does in previews and JSON output. */
export function maskSecrets(v: unknown): unknown {
  if (isSecret(v)) return SECRET_MASK;
  if (Array.isArray(v)) return v.map(maskSecrets);
  if (isPlainObject(v)) {
    const out: PropertyMap = {};
    for (const [k, e] of Object.entries(v)) out[k] = maskSecrets(e);
    return out;
  }
  return v;
}

/** Structural equality of two wire values, ignoring secretness (the engine compares unwrapped values). */
export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(toProviderWire(a))) === JSON.stringify(canonical(toProviderWire(b)));
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (isPlainObject(v)) {
    const out: PropertyMap = {};
    for (const k of Object.keys(v).sort()) out[k] = canonical(v[k]);
    return out;
  }
  return v;
}

export function isInternalKey(key: string): boolean {
  return key.startsWith("__");
}

/** The top-level keys whose values differ between two property maps, sorted. */
export function changedKeys(olds: PropertyMap, news: PropertyMap, includeInternal = false): string[] {
  const keys = new Set([...Object.keys(olds), ...Object.keys(news)]);
  return [...keys]
    .filter((k) => includeInternal || !isInternalKey(k))
    .filter((k) => !(k in olds && k in news && sameValue(olds[k], news[k])))
    .sort();
}

/**
 * A deep copy that keeps what a JSON round trip keeps (what a protobuf Struct round trip keeps: no undefined,
 * no functions, non-finite numbers as null). Plain objects and arrays are copied directly, several times
 * faster than through a JSON string, since every step's states are copied; anything else (a Date, a boxed
 * value, a class instance) goes through JSON as before.
 */
export function cloneWire<T>(v: T): T {
  return v === undefined ? v : (copyJsonValue(v) as T);
}

function copyJsonValue(v: unknown): unknown {
  if (v === null || typeof v === "string" || typeof v === "boolean") return v;
  // JSON writes -0 as 0, and non-finite numbers as null.
  if (typeof v === "number") return Number.isFinite(v) ? v + 0 : null;
  // Functions, symbols and undefined are dropped as JSON drops them; a BigInt is handed to JSON.stringify so
  // that it throws the same TypeError.
  if (typeof v !== "object") return typeof v === "bigint" ? JSON.stringify(v) : undefined;
  if (Array.isArray(v)) {
    const out: unknown[] = new Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = copyJsonValue(v[i]) ?? null;
    return out;
  }
  const proto = Object.getPrototypeOf(v) as unknown;
  if ((proto !== Object.prototype && proto !== null) || "toJSON" in v) {
    return JSON.parse(JSON.stringify(v)) as unknown;
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(v)) {
    const copied = copyJsonValue((v as Record<string, unknown>)[key]);
    if (copied === undefined) continue;
    if (key === "__proto__")
      Object.defineProperty(out, key, {
        value: copied,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else out[key] = copied;
  }
  return out;
}

/** Every plaintext string found inside secret envelopes of `v`: the values that must never leak. */
export function secretStrings(v: unknown, into: Set<string> = new Set()): Set<string> {
  const visit = (x: unknown, inSecret: boolean): void => {
    if (isSecret(x)) {
      visit(x.value, true);
    } else if (Array.isArray(x)) {
      for (const e of x) visit(e, inSecret);
    } else if (isPlainObject(x)) {
      for (const e of Object.values(x)) visit(e, inSecret);
    } else if (inSecret && x !== null && x !== undefined && x !== "") {
      into.add(String(x));
    }
  };
  visit(v, false);
  return into;
}

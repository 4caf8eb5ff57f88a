// cloneWire copies states the way a JSON round trip does (what a protobuf Struct round trip keeps), without
// the string in between: checked against JSON itself on awkward and generated values.
import { expect } from "chai";
import { cloneWire } from "../../testing/properties";

const viaJson = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

/** A deterministic generator (mulberry32), so a failure names a value that can be rebuilt. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generate(next: () => number, depth: number): unknown {
  const pick = Math.floor(next() * (depth > 3 ? 8 : 11));
  switch (pick) {
    case 0:
      return null;
    case 1:
      return undefined;
    case 2:
      return next() < 0.5;
    case 3:
      return [0, -0, 1.5, -7, Number.NaN, Infinity, -Infinity, 2 ** 53][Math.floor(next() * 8)];
    case 4:
      return ["", "a", "ünï\u0000code", "4dabf18193072939515e22adb298388d"][Math.floor(next() * 4)];
    case 5:
      return () => 1;
    case 6:
      return Symbol("s");
    case 7:
      return new Date(Math.floor(next() * 1e12));
    case 8:
      return Array.from({ length: Math.floor(next() * 4) }, () => generate(next, depth + 1));
    default: {
      const out: Record<string, unknown> = {};
      const keys = ["a", "b", "1", "10", "__proto__", "constructor", "value"];
      for (let i = Math.floor(next() * 5); i > 0; i--) {
        Object.defineProperty(out, keys[Math.floor(next() * keys.length)]!, {
          value: generate(next, depth + 1),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return out;
    }
  }
}

describe("harness: copying states (cloneWire)", () => {
  it("keeps what a JSON round trip keeps, and drops what it drops", () => {
    const value = {
      kept: { s: "x", n: 1, b: false, nil: null, list: [1, "two", null] },
      dropped: undefined,
      fn: () => 1,
      inArray: [undefined, () => 1, Symbol("s"), Number.NaN, Infinity],
      date: new Date(0),
      boxed: new String("boxed"),
      withToJson: { toJSON: () => ({ replaced: true }) },
      ["__proto__"]: { own: "property" },
    };
    Object.defineProperty(value, "__proto__", { value: { own: "property" }, enumerable: true });
    const copy = cloneWire(value);
    expect(copy).to.deep.equal(viaJson(value));
    expect(Object.getPrototypeOf(copy)).to.equal(Object.prototype);
    expect(Object.keys(copy)).to.deep.equal(Object.keys(viaJson(value) as object));
  });

  it("copies, never shares: changing the copy leaves the original as it was", () => {
    const original = { inputs: { nested: { list: [{ a: 1 }] } } };
    const copy = cloneWire(original);
    copy.inputs.nested.list[0]!.a = 2;
    expect(original.inputs.nested.list[0]!.a).to.equal(1);
  });

  it("refuses a BigInt as JSON does", () => {
    expect(() => cloneWire({ n: 1n })).to.throw(TypeError);
  });

  it("agrees with JSON on 2,000 generated values, key order included", () => {
    for (let seed = 1; seed <= 2000; seed++) {
      const value = generate(random(seed), 0);
      if (value === undefined || typeof value === "function" || typeof value === "symbol") continue;
      const copy = cloneWire(value);
      expect(JSON.stringify(copy)).to.equal(JSON.stringify(value), `seed ${seed}`);
      expect(copy).to.deep.equal(viaJson(value), `seed ${seed}`);
    }
  });
});

// The harness writes and reads the provider calls' Struct fields itself (testing/struct-wire.ts): checked
// here against google-protobuf, which the plugin on the other end uses, in both directions.
import * as path from "node:path";
import { expect } from "chai";
import { resolvePulumiPackage } from "../../testing/plugin";
import { decodeStruct, encodeStruct, requestBytes, splitResponse } from "../../testing/struct-wire";

// The very classes the plugin uses: the generated messages, and google-protobuf as @pulumi/pulumi resolves it.
const { providerPb } = resolvePulumiPackage(path.resolve(__dirname, "../../.."));
const { Struct } = require(
  require.resolve("google-protobuf/google/protobuf/struct_pb", {
    paths: [require.resolve("@pulumi/pulumi")],
  }),
) as typeof import("google-protobuf/google/protobuf/struct_pb");

type Json = null | number | string | boolean | Json[] | { [key: string]: Json };

/** What google-protobuf makes of an object after a trip through its own encoding. */
const viaProtobuf = (obj: Record<string, unknown>) =>
  Struct.deserializeBinary(Struct.fromJavaScript(obj as never).serializeBinary()).toJavaScript();

/** A deterministic pseudo-random JSON value (so a failure can be reproduced from its seed). */
function randomJson(seed: number, depth = 0): Json {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const str = () =>
    Array.from({ length: Math.floor(next() * 12) }, () =>
      String.fromCodePoint([0x61, 0xe9, 0x4e2d, 0x1f600, 0x0a, 0x22][Math.floor(next() * 6)]!),
    ).join("");
  const pick = Math.floor(next() * (depth > 3 ? 4 : 6));
  switch (pick) {
    case 0:
      return null;
    case 1:
      return [0, -1.5, 2 ** 53, -0, 1e308, 3.14159][Math.floor(next() * 6)]!;
    case 2:
      return str();
    case 3:
      return next() < 0.5;
    case 4:
      return Array.from({ length: Math.floor(next() * 4) }, (_, i) => randomJson(seed * 31 + i, depth + 1));
    default:
      return Object.fromEntries(
        Array.from({ length: Math.floor(next() * 5) }, (_, i) => [
          `${str()}${i}`,
          randomJson(seed * 17 + i, depth + 1),
        ]),
      );
  }
}

const SAMPLE = {
  zeta: "last",
  alpha: 1.5,
  nothing: null,
  yes: true,
  no: false,
  empty: "",
  list: [1, "two", { nested: [] }, [null]],
  object: { b: "v", a: { deep: "ünïcødé 😀" } },
  pem: "-----BEGIN PRIVATE KEY-----\n" + "A".repeat(1600) + "\n-----END PRIVATE KEY-----\n",
  "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
};

describe("harness: Struct fields on the wire", () => {
  it("writes what google-protobuf reads back as the same object", () => {
    const decoded = Struct.deserializeBinary(encodeStruct(SAMPLE)).toJavaScript();
    expect(decoded).to.deep.equal(SAMPLE);
    const { z } = Struct.deserializeBinary(encodeStruct({ z: -0 })).toJavaScript() as { z: number };
    expect(Object.is(z, -0)).to.equal(true);
  });

  it("reads what google-protobuf writes as google-protobuf does, keys in its order", () => {
    const bytes = Struct.fromJavaScript(SAMPLE as never).serializeBinary();
    const ours = decodeStruct(Buffer.from(bytes));
    expect(JSON.stringify(ours)).to.equal(JSON.stringify(viaProtobuf(SAMPLE)));
  });

  it("agrees with google-protobuf on 300 generated values, both ways", () => {
    for (let seed = 1; seed <= 300; seed++) {
      const obj = { value: randomJson(seed), [`k${seed}`]: randomJson(seed + 1000) };
      const expected = JSON.stringify(viaProtobuf(obj));
      expect(
        JSON.stringify(Struct.deserializeBinary(encodeStruct(obj)).toJavaScript()),
        `seed ${seed}`,
      ).to.equal(expected);
      const theirs = Buffer.from(Struct.fromJavaScript(obj as never).serializeBinary());
      expect(JSON.stringify(decodeStruct(theirs)), `seed ${seed}`).to.equal(expected);
    }
  });

  it("writes a deeply nested value byte for byte as google-protobuf does, siblings before and after each level", () => {
    // Lists and structs alternating 40 levels down, with a container beside each one on both sides, so every
    // nested size is used in the order the value is written.
    let deep: Json = "bottom";
    for (let level = 0; level < 40; level++) {
      deep =
        level % 2 === 0
          ? [{ before: [level] }, deep, { after: "x".repeat(level * 7) }]
          : { a: [level, null], b: deep, c: { d: [true] } };
    }
    const obj = { deep, next: { k: [1, [2, [3]]] } };
    const theirs = Buffer.from(Struct.fromJavaScript(obj as never).serializeBinary());
    expect(encodeStruct(obj).equals(theirs)).to.equal(true);
  });

  it("refuses what google-protobuf refuses, with its message", () => {
    for (const bad of [undefined, () => 1, Symbol("s"), 10n]) {
      expect(() => Struct.fromJavaScript({ bad } as never)).to.throw("Unexpected struct type.");
      expect(() => encodeStruct({ bad })).to.throw("Unexpected struct type.");
      expect(() => encodeStruct({ nested: { list: [bad] } })).to.throw("Unexpected struct type.");
    }
  });

  it("appends a request's Struct fields to the generated message's other fields", () => {
    const req = new providerPb.DiffRequest();
    req.setId("id-1");
    req.setUrn("urn:pulumi:s::p::t::n");
    req.setName("n");
    req.setType("t");
    const bytes = requestBytes(req.serializeBinary(), [
      [3, { a: 1 }],
      [4, SAMPLE],
      [6, undefined],
    ]);
    const back = providerPb.DiffRequest.deserializeBinary(bytes);
    expect([back.getId(), back.getUrn(), back.getName(), back.getType()]).to.deep.equal([
      "id-1",
      "urn:pulumi:s::p::t::n",
      "n",
      "t",
    ]);
    expect(back.getOlds()?.toJavaScript()).to.deep.equal({ a: 1 });
    expect(back.getNews()?.toJavaScript()).to.deep.equal(SAMPLE);
    expect(back.hasOldInputs()).to.equal(false);
  });

  it("cuts a response into its Struct fields and the rest, telling an absent field from an empty one", () => {
    const resp = new providerPb.ReadResponse();
    resp.setId("id-2");
    resp.setProperties(Struct.fromJavaScript(SAMPLE as never));
    resp.setRefreshBeforeUpdate(true);
    const { structs, rest } = splitResponse(Buffer.from(resp.serializeBinary()), [2, 3]);
    expect(JSON.stringify(structs.get(2))).to.equal(JSON.stringify(viaProtobuf(SAMPLE)));
    expect(structs.has(3)).to.equal(false);
    const scalars = providerPb.ReadResponse.deserializeBinary(rest);
    expect([scalars.getId(), scalars.getRefreshBeforeUpdate(), scalars.hasProperties()]).to.deep.equal([
      "id-2",
      true,
      false,
    ]);

    resp.setInputs(new Struct());
    expect(splitResponse(Buffer.from(resp.serializeBinary()), [2, 3]).structs.get(3)).to.deep.equal({});
  });

  it("refuses a truncated response instead of reading past its end", () => {
    const resp = new providerPb.CreateResponse();
    resp.setId("id-3");
    resp.setProperties(Struct.fromJavaScript({ key: "value" }));
    const bytes = Buffer.from(resp.serializeBinary());
    expect(() => splitResponse(bytes.subarray(0, bytes.length - 3), [2])).to.throw(/truncated/);
  });
});

import * as path from "node:path";
import { expect } from "chai";
import { Thing } from "./fixtures/toy-provider";
import { ToyWorld } from "./helpers";

interface StructMessage {
  toJavaScript(): Record<string, unknown>;
  serializeBinary(): Uint8Array;
  getFieldsMap(): { getLength(): number };
}

interface StructModule {
  Struct: { new (): StructMessage; fromJavaScript(value: unknown): StructMessage };
}

// The copy the runtime builds its requests with.
const structPb = require(
  require.resolve("google-protobuf/google/protobuf/struct_pb", {
    paths: [path.dirname(require.resolve("@pulumi/pulumi/runtime/resource"))],
  }),
) as StructModule;
const { Struct } = structPb;

class Point {
  constructor(
    readonly x: number,
    readonly y: number,
  ) {}
}

/** Values that a Struct carries in ways a naive copy gets wrong: key order, -0, NaN, nesting, unicode. */
function awkward(): Record<string, unknown> {
  return {
    zeta: [3, "two", null, { b: true, a: -0 }],
    alpha: { nested: { deeper: [[], {}] }, "ünïcode key": "värde" },
    "10": "ten",
    "2": "two",
    Beta: Number.NaN,
    "": "empty key",
    big: 1.7976931348623157e308,
  };
}

describe("harness: request structs in a program it runs", () => {
  const world = new ToyWorld();
  after(() => world.dispose());

  /** Runs `inside` as a harness program and returns what it returned. */
  async function inProgram<T>(inside: () => T): Promise<T> {
    let result!: T;
    const up = await world.stack().up(() => {
      result = inside();
    });
    up.assertOk();
    return result;
  }

  it("answers toJavaScript exactly as a built Struct would, with a fresh copy each time", async () => {
    const source = awkward();
    const expected = Struct.fromJavaScript(source).toJavaScript();
    const message = await inProgram(() => Struct.fromJavaScript(source));
    expect(message).to.be.instanceOf(Struct);
    // Deferred: its fields are built only if a reader other than toJavaScript asks.
    expect(Object.prototype.hasOwnProperty.call(message, "toJavaScript")).to.equal(true);
    const first = message.toJavaScript();
    expect(first).to.deep.equal(expected);
    // Same key order as the protobuf map yields (sorted), not the source's.
    expect(Object.keys(first)).to.deep.equal(Object.keys(expected));
    expect(Object.keys(first.zeta as unknown[] as object)).to.deep.equal(["0", "1", "2", "3"]);
    expect(Object.is(((first.zeta as unknown[])[3] as { a: number }).a, -0)).to.equal(true);
    expect(Number.isNaN(first.Beta)).to.equal(true);
    // A caller's changes reach neither the message nor the next caller.
    (first.alpha as Record<string, unknown>).nested = "changed";
    source.alpha = "changed at the source";
    expect(message.toJavaScript()).to.deep.equal(expected);
  });

  it("builds the fields for every other reader: the same bytes as a Struct built outright", async () => {
    const source = awkward();
    const built = Struct.fromJavaScript(source);
    const deferred = await inProgram(() => Struct.fromJavaScript(source));
    expect(Buffer.from(deferred.serializeBinary())).to.deep.equal(Buffer.from(built.serializeBinary()));
    expect(deferred.getFieldsMap().getLength()).to.equal(Object.keys(source).length);
    expect(deferred.toJavaScript()).to.deep.equal(built.toJavaScript());
  });

  it("leaves values it does not copy to the protobuf code, errors included", async () => {
    const odd = { at: new Point(1, 2), bytes: new Uint8Array([7, 8]) };
    const expected = Struct.fromJavaScript(odd).toJavaScript();
    const message = await inProgram(() => Struct.fromJavaScript(odd));
    expect(message.toJavaScript()).to.deep.equal(expected);
    expect(Object.prototype.hasOwnProperty.call(message, "toJavaScript")).to.equal(false);

    const refusedOutside = captureError(() => Struct.fromJavaScript({ missing: undefined }));
    const refusedInside = await inProgram(() =>
      captureError(() => Struct.fromJavaScript({ missing: undefined })),
    );
    expect(refusedOutside).to.equal("Unexpected struct type.");
    expect(refusedInside).to.equal(refusedOutside);
  });

  it("changes nothing outside a run: a Struct built there has its fields at once", () => {
    const message = Struct.fromJavaScript({ a: 1 });
    expect(Object.prototype.hasOwnProperty.call(message, "toJavaScript")).to.equal(false);
    expect(message.getFieldsMap().getLength()).to.equal(1);
  });

  it("registers a resource's inputs as the program gave them", async () => {
    // As JSON has them (NaN becomes null, -0 becomes 0): the toy provider stores its inputs as JSON.
    const value = JSON.parse(JSON.stringify(awkward())) as Record<string, unknown>;
    const stack = world.stack();
    (await stack.up(() => new Thing("t", { name: "t", value }))).assertOk();
    expect(stack.resource("t")?.inputs.value).to.deep.equal(value);
    const again = await stack.preview(() => new Thing("t", { name: "t", value }));
    again.assertOk();
    expect(again.step("t")?.op).to.equal("same");
  });
});

function captureError(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

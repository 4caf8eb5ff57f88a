import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { Stack } from "pulumi-wxcc/testing";
import { Thing } from "./fixtures/toy-provider";
import { fixturesDir, ToyWorld } from "./helpers";

interface RuntimeState {
  getStore(): object;
  getLocalStore(): object | undefined;
}

interface WithStackTrace {
  stackTrace(skip: number): unknown[];
}

const runtimeState = require("@pulumi/pulumi/runtime/state") as RuntimeState;

/** What a program saw of the runtime while it ran. */
interface Seen {
  stack: string;
  greeting: string | undefined;
  localStore: object | undefined;
  store: object;
  trace: unknown[];
}

function observe(): Seen {
  return {
    stack: pulumi.getStack(),
    greeting: new pulumi.Config().get("greeting"),
    localStore: runtimeState.getLocalStore(),
    store: runtimeState.getStore(),
    trace: (pulumi.Resource as unknown as WithStackTrace).stackTrace(0),
  };
}

describe("harness: the runtime as each program sees it", () => {
  const world = new ToyWorld();
  after(() => world.dispose());

  const stackNamed = (name: string, greeting?: string) =>
    new Stack({
      projectDir: fixturesDir,
      project: "toyproj",
      stack: name,
      config: greeting === undefined ? {} : { greeting },
      // A toy object store per stack: two plugins may run at once.
      env: { TOY_STORE: path.join(world.dir, `${name}-store.json`) },
    });

  it("keeps two programs running at once in one process apart: each reads its own stack and config", async () => {
    // Each program waits until both have started, then reads the runtime and registers a resource.
    let started = 0;
    let release!: () => void;
    const bothStarted = new Promise<void>((resolve) => (release = resolve));
    const program = (name: string, into: Seen[]) => async () => {
      if (++started === 2) release();
      await bothStarted;
      into.push(observe());
      new Thing(`${name}-a`, { name: `${name}-a` });
      await Promise.resolve();
      into.push(observe());
    };
    const seenOne: Seen[] = [];
    const seenTwo: Seen[] = [];
    const [one, two] = await Promise.all([
      stackNamed("one", "bonjour").up(program("one", seenOne)),
      stackNamed("two", "hallo").up(program("two", seenTwo)),
    ]);
    one.assertOk();
    two.assertOk();
    expect(seenOne.map((s) => [s.stack, s.greeting])).to.deep.equal([
      ["one", "bonjour"],
      ["one", "bonjour"],
    ]);
    expect(seenTwo.map((s) => [s.stack, s.greeting])).to.deep.equal([
      ["two", "hallo"],
      ["two", "hallo"],
    ]);
    expect(seenOne[0]?.store).to.not.equal(seenTwo[0]?.store);
    expect(seenOne[0]?.localStore).to.equal(seenOne[0]?.store);
    expect(one.steps.map((s) => s.urn)).to.deep.equal([
      "urn:pulumi:one::toyproj::pulumi-nodejs:dynamic/toy:Thing::one-a",
    ]);
    expect(two.steps.map((s) => s.urn)).to.deep.equal([
      "urn:pulumi:two::toyproj::pulumi-nodejs:dynamic/toy:Thing::two-a",
    ]);
  });

  it("hands the runtime no source positions during a run (the harness reads none), and changes nothing outside one", async () => {
    let seen: Seen | undefined;
    const up = await stackNamed("positions", "hi").up(() => {
      seen = observe();
    });
    up.assertOk();
    expect(seen?.trace).to.deep.equal([]);
    const outside = (pulumi.Resource as unknown as WithStackTrace).stackTrace(0);
    expect(outside.length).to.be.greaterThan(0);
    expect(outside[0])
      .to.have.property("uri")
      .that.matches(/^file:\/\//);
  });

  it("gives a program outputs of its own: what it does to them reaches neither the state nor the next run", async () => {
    // No greeting: the toy provider would report it (an output no input has) as a change on every diff.
    const stack = stackNamed("own-outputs");
    const value = { list: [1, { label: "kept" }], flag: true };
    const program = (mutate: boolean, seen: unknown[]) => () => {
      const thing = new Thing("t", { name: "t", value });
      thing.value.apply((v) => {
        seen.push(structuredClone(v));
        if (mutate) {
          const got = v as { list: unknown[]; flag?: boolean };
          (got.list[1] as { label: string }).label = "changed";
          got.list.push(99);
          delete got.flag;
        }
      });
    };
    const first: unknown[] = [];
    (await stack.up(program(true, first))).assertOk();
    const second: unknown[] = [];
    const again = await stack.preview(program(false, second));
    again.assertOk();
    expect(first).to.deep.equal([value]);
    expect(second).to.deep.equal([value]);
    expect(stack.resource("t")?.outputs.value).to.deep.equal(value);
    expect(again.step("t")?.op).to.equal("same");
  });
});

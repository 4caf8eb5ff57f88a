import { expect } from "chai";
import { Thing } from "./fixtures/toy-provider";
import { ToyWorld } from "./helpers";

interface Tracked extends Promise<unknown> {
  _debugStackTrace?: string;
  _debugCtx?: unknown;
}

interface DebuggableModule {
  debugPromiseLeaks: boolean;
  debuggablePromise<T>(p: Promise<T>, ctx: unknown): Promise<T>;
}

describe("harness: the runtime's promise stacks", () => {
  const world = new ToyWorld();
  after(() => world.dispose());
  const debuggable = require("@pulumi/pulumi/runtime/debuggable") as DebuggableModule;

  before(async () => {
    const up = await world.stack().up(() => {
      new Thing("a", { name: "a", value: 1 });
    });
    up.assertOk();
  });

  it("records no creation stack while PULUMI_DEBUG_PROMISE_LEAKS is off, and keeps the rest of the tracking", async () => {
    expect(debuggable.debugPromiseLeaks).to.equal(false);
    const limit = Error.stackTraceLimit;
    const p: Tracked = Promise.resolve(7);
    const tracked = debuggable.debuggablePromise(p, "ctx");
    expect(p._debugStackTrace).to.equal("Error");
    expect(p._debugCtx).to.equal("ctx");
    expect(await tracked).to.equal(7);
    // The user's own errors keep their stacks.
    expect(Error.stackTraceLimit).to.equal(limit);
    expect(new Error("mine").stack).to.match(/\n\s+at /);
  });

  it("records the stack as the runtime does when PULUMI_DEBUG_PROMISE_LEAKS is on", async () => {
    debuggable.debugPromiseLeaks = true;
    try {
      const p: Tracked = Promise.resolve(8);
      const tracked = debuggable.debuggablePromise(p, "ctx");
      expect(p._debugStackTrace).to.match(/^Error\n\s+at /);
      expect(await tracked).to.equal(8);
    } finally {
      debuggable.debugPromiseLeaks = false;
    }
  });
});

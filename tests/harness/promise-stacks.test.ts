import { expect } from "chai";
import { Thing } from "./fixtures/toy-provider";
import { ToyWorld } from "./helpers";

interface Tracked extends Promise<unknown> {
  _debugStackTrace?: string;
}

interface DebuggableModule {
  debugPromiseLeaks: boolean;
  debuggablePromise<T>(p: Promise<T>, ctx: unknown): Promise<T>;
  leakedPromises(): [Set<Promise<unknown>>, string];
}

const runtimeState = require("@pulumi/pulumi/runtime/state") as {
  getStore(): { leakCandidates: Set<Promise<unknown>> };
};

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

  it("keeps only what the leak check reads while PULUMI_DEBUG_PROMISE_LEAKS is off", async () => {
    expect(debuggable.debugPromiseLeaks).to.equal(false);
    const limit = Error.stackTraceLimit;
    const store = runtimeState.getStore();
    let resolve!: (value: number) => void;
    const p: Tracked = new Promise<number>((r) => (resolve = r));
    const tracked = debuggable.debuggablePromise(p, "ctx");
    // No debug properties on the promise; it is a leak candidate until it settles.
    expect(Object.getOwnPropertyNames(p)).to.deep.equal([]);
    expect(store.leakCandidates.has(p)).to.equal(true);
    resolve(7);
    expect(await tracked).to.equal(7);
    expect(store.leakCandidates.has(p)).to.equal(false);

    // A rejection is passed on with the promise attached, as the runtime does.
    const failure = new Error("no") as Error & { promise?: unknown };
    const rejected = Promise.reject(failure);
    const caught = await debuggable.debuggablePromise(rejected, "ctx").catch((e: unknown) => e);
    expect(caught).to.equal(failure);
    expect(failure.promise).to.equal(rejected);
    expect(store.leakCandidates.has(rejected)).to.equal(false);

    // A promise never settled is reported by the runtime's leak check.
    const never: Tracked = new Promise<never>(() => undefined);
    void debuggable.debuggablePromise(never, "ctx");
    const [leaks, message] = debuggable.leakedPromises();
    expect(leaks.has(never)).to.equal(true);
    expect(message).to.match(/detected that \d+ promises? (was|were) still active/);

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

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

  it("tracks nothing inside a program the harness runs, whose store no leak check reads", async () => {
    const seen: { same: boolean; candidates: number; outputs: unknown[] }[] = [];
    const up = await world.stack().up(() => {
      const p = Promise.resolve(5);
      const tracked = debuggable.debuggablePromise(p, "ctx");
      const thing = new Thing("b", { name: "b", value: 2 });
      const outputs: unknown[] = [];
      thing.value.apply((v) => outputs.push(v));
      seen.push({ same: tracked === p, candidates: runtimeState.getStore().leakCandidates.size, outputs });
    });
    up.assertOk();
    expect(seen).to.have.length(1);
    expect(seen[0]!.same).to.equal(true);
    // The resource's outputs were made by the runtime as usual; none of their promises became candidates.
    expect(seen[0]!.candidates).to.equal(0);
    expect(seen[0]!.outputs).to.deep.equal([2]);
    // Outside a run the tracker still tracks.
    const outside = Promise.resolve(6);
    expect(debuggable.debuggablePromise(outside, "ctx")).to.not.equal(outside);
  });

  it("leaves no rejection unhandled when registrations fail and dependents wait on them", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      const up = await world.stack().up(() => {
        const broken = new Thing("broken", { name: "broken", failCreate: "no room" });
        new Thing("dependent", { name: "dependent", value: broken.id });
      });
      expect(up.ok).to.equal(false);
      expect(up.step("broken")?.error).to.match(/no room/);
      // Node reports unhandled rejections after the microtask queue drains.
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
    expect(unhandled).to.deep.equal([]);
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

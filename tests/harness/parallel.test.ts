// The `parallel` option: independent steps run concurrently (at most `parallel` at once, started in
// registration order), a step waits for the resources it depends on, deletes run dependents first, a failure
// lets in-flight steps finish but starts nothing new, and results stay in registration order. The real plugin
// drives a provider whose operations wait at a gate the test controls; the failure rules use the deployment
// with a stand-in plugin, where the test can tell exactly when the failure was recorded.
import * as path from "node:path";
import { expect } from "chai";
import { Deployment } from "../../testing/deployment";
import type { DynamicProviderPlugin } from "../../testing/plugin";
import type { Registration } from "../../testing/program";
import type { PropertyMap } from "../../testing/properties";
import { Stack } from "../../testing/stack";
import { parallelism, StepPool } from "../../testing/step-pool";
import { Gated } from "./fixtures/gate-provider";
import { Gate } from "./gate";

const fixturesDir = path.join(__dirname, "fixtures");

describe("harness: parallel steps", function () {
  this.timeout(60_000);
  let gate: Gate;
  const stack = (parallel?: number) =>
    new Stack({
      projectDir: fixturesDir,
      project: "gateproj",
      stack: "dev",
      env: { GATE_URL: gate.url },
      ...(parallel === undefined ? {} : { parallel }),
    });

  beforeEach(async () => {
    gate = new Gate();
    await gate.start();
  });
  afterEach(async () => {
    await gate.close();
  });

  it("runs at most `parallel` operations at once, starts them in registration order, reports them in it", async () => {
    const s = stack(2);
    const up = s.up(() => {
      for (const name of ["a", "b", "c", "d"]) new Gated(name);
    });
    await gate.arrived("create:a", "create:b");
    expect(gate.inFlight()).to.deep.equal(["create:a", "create:b"]);
    gate.release("create:b");
    await gate.arrived("create:c");
    expect(gate.inFlight()).to.deep.equal(["create:a", "create:c"]);
    gate.release("create:c");
    await gate.arrived("create:d");
    gate.release("create:d", "create:a");
    const result = await up;
    result.assertOk();
    expect(gate.maxInFlight).to.equal(2);
    expect(result.opLog).to.deep.equal(["create:a", "create:b", "create:c", "create:d"]);
    expect(s.resources().map((r) => r.id)).to.deep.equal(["id-a", "id-b", "id-c", "id-d"]);
  });

  it("starts a step only after the resources it depends on; unrelated ones run meanwhile", async () => {
    const s = stack();
    const program = () => {
      const a = new Gated("a");
      new Gated("b", { dependsOn: [a] });
      new Gated("c");
    };
    const up = s.up(program);
    await gate.arrived("create:a", "create:c");
    expect(gate.inFlight()).to.deep.equal(["create:a", "create:c"]);
    gate.release("create:a");
    await gate.arrived("create:b");
    gate.release("create:b", "create:c");
    (await up).assertOk();
    expect(gate.index("start create:b")).to.be.greaterThan(gate.index("end create:a"));
    expect(s.resource("b")?.dependencies).to.deep.equal([s.resource("a")?.urn]);

    // Removing them all: dependents are deleted before what they depend on, independent ones alongside.
    const removal = s.up(() => {});
    await gate.arrived("delete:b", "delete:c");
    expect(gate.inFlight()).to.deep.equal(["delete:b", "delete:c"]);
    gate.release("delete:c", "delete:b");
    await gate.arrived("delete:a");
    gate.release("delete:a");
    const removed = await removal;
    removed.assertOk();
    // b registered after a was created, so the state reads a, c, b; deletes are listed in reverse.
    expect(removed.opLog).to.deep.equal(["delete:b", "delete:c", "delete:a"]);
    expect(gate.index("start delete:a")).to.be.greaterThan(gate.index("end delete:b"));
    expect(s.resources()).to.deep.equal([]);
  });

  it("destroys dependents first and independent resources together", async () => {
    const s = stack();
    const up = s.up(() => {
      const a = new Gated("a");
      new Gated("b", { dependsOn: [a] });
      new Gated("c");
    });
    await gate.arrived("create:a", "create:c");
    gate.release("create:a", "create:c");
    await gate.arrived("create:b");
    gate.release("create:b");
    (await up).assertOk();

    const destroy = s.destroy();
    await gate.arrived("delete:b", "delete:c");
    expect(gate.inFlight()).to.deep.equal(["delete:b", "delete:c"]);
    gate.release("delete:b");
    await gate.arrived("delete:a");
    gate.release("delete:a", "delete:c");
    const result = await destroy;
    result.assertOk();
    expect(result.opLog).to.deep.equal(["delete:b", "delete:c", "delete:a"]);
    expect(gate.index("start delete:a")).to.be.greaterThan(gate.index("end delete:b"));
    expect(s.resources()).to.deep.equal([]);
  });

  it("refuses a parallel value that is not a positive integer, naming the option", () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) {
      expect(() => stack(bad)).to.throw(/parallel must be a positive integer/);
    }
    expect(parallelism(undefined)).to.equal(Number.POSITIVE_INFINITY);
    expect(parallelism(Number.POSITIVE_INFINITY)).to.equal(Number.POSITIVE_INFINITY);
    expect(parallelism(3)).to.equal(3);
  });
});

/** A stand-in plugin whose creates finish when the test says. */
class HeldPlugin {
  readonly started: string[] = [];
  private readonly pending = new Map<string, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly waiters: Array<() => void> = [];

  async check(_urn: string, _olds: PropertyMap, news: PropertyMap) {
    return { inputs: news, failures: [] };
  }

  create(urn: string, properties: PropertyMap): Promise<{ id: string; properties: PropertyMap }> {
    const name = urn.split("::").pop()!;
    this.started.push(name);
    for (const wake of this.waiters.splice(0)) wake();
    return new Promise((resolve, reject) => {
      this.pending.set(name, {
        resolve: () => resolve({ id: `id-${name}`, properties }),
        reject,
      });
    });
  }

  async startedAll(...names: string[]): Promise<void> {
    while (!names.every((n) => this.started.includes(n))) {
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  finish(name: string): void {
    this.pending.get(name)!.resolve(undefined);
  }

  fail(name: string, message: string): void {
    this.pending.get(name)!.reject(new Error(message));
  }
}

const STACK_URN = "urn:pulumi:dev::fake::pulumi:pulumi:Stack::fake-dev";
const urnOf = (name: string) => `urn:pulumi:dev::fake::pulumi-nodejs:dynamic/fake:Thing::${name}`;

function registration(name: string, dependsOn: string[] = []): Registration {
  return {
    urn: urnOf(name),
    type: "pulumi-nodejs:dynamic/fake:Thing",
    name,
    custom: true,
    inputs: { name },
    dependencies: dependsOn.map(urnOf),
    propertyDependencies: {},
    additionalSecretOutputs: [],
    protect: false,
    retainOnDelete: false,
    ignoreChanges: [],
    replaceOnChanges: [],
  };
}

function deployment(plugin: HeldPlugin, parallel: number): Deployment {
  return new Deployment({
    preview: false,
    plugin: Promise.resolve(plugin as unknown as DynamicProviderPlugin),
    old: { resources: [] },
    stackUrn: STACK_URN,
    providerRef: "urn:pulumi:dev::fake::pulumi:providers:pulumi-nodejs::default::p1",
    parallel,
  });
}

describe("harness: the deployment's step scheduling", () => {
  it("lets in-flight steps finish after a failure, keeps them, and starts nothing new", async () => {
    const plugin = new HeldPlugin();
    const d = deployment(plugin, 2);
    const answers = ["a", "b", "c"].map((name) => d.register(registration(name)));
    await plugin.startedAll("a", "b");
    plugin.fail("b", "b broke");
    await d.aborted;
    plugin.finish("a");
    expect(await answers[0]).to.deep.include({ id: "id-a" });
    await d.idle();
    expect(plugin.started).to.deep.equal(["a", "b"]);
    expect(d.failure).to.equal("b broke");
    expect(d.steps.map((s) => `${s.op}:${s.name}${s.error ? " (failed)" : ""}`)).to.deep.equal([
      "create:a",
      "create:b (failed)",
    ]);
    expect(d.resultingResources().map((r) => r.id)).to.deep.equal(["id-a"]);
  });

  it("holds a registration until the resources it depends on are done, even if it arrives early", async () => {
    const plugin = new HeldPlugin();
    const d = deployment(plugin, 4);
    const a = d.register(registration("a"));
    const b = d.register(registration("b", ["a"]));
    const c = d.register(registration("c"));
    await plugin.startedAll("a", "c");
    plugin.finish("c");
    await c;
    expect(plugin.started).to.deep.equal(["a", "c"]);
    plugin.finish("a");
    await a;
    await plugin.startedAll("b");
    plugin.finish("b");
    await b;
    expect(d.steps.map((s) => s.name)).to.deep.equal(["a", "b", "c"]);
    expect(d.resultingResources().map((r) => r.id)).to.deep.equal(["id-a", "id-b", "id-c"]);
  });

  it("hands a freed slot to the longest-waiting work", async () => {
    const pool = new StepPool(1);
    const order: string[] = [];
    let release!: () => void;
    let running!: () => void;
    const firstRunning = new Promise<void>((resolve) => {
      running = resolve;
    });
    const first = pool.run(async () => {
      running();
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      order.push("1");
    });
    const second = pool.run(async () => order.push("2"));
    const third = pool.run(async () => order.push("3"));
    await firstRunning;
    expect(order).to.deep.equal([]);
    release();
    await Promise.all([first, second, third]);
    expect(order).to.deep.equal(["1", "2", "3"]);
  });
});

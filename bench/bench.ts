// The benchmark itself: one stack managing every org through wxcc:orgs (one plugin process, the client's
// per-client limiter shared in it), driven through the engine harness against the emulator, with live traffic
// sharing each org's quota. Scenarios, in order: the rollout, a refresh and a no-change preview of the same
// stack, then the rotation of one credential (the orders API's client secret) across every org.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { OperationResult } from "../testing";
import { type Bound, idealBound } from "./bound";
import { type ProviderTextCost, providerTextCost, type StateCost, stateCost } from "./cost";
import { LiveTraffic, type LiveTrafficCounts } from "./live-traffic";
import { type OperationMeasure, Recorder } from "./measure";
import type { BenchOptions } from "./options";
import { floorProgram } from "./floor-program";
import { KINDS, rolloutProgram } from "./program";
import { runtimeModules } from "./runtime-modules";
import { type BenchWorld, createWorld, randomSecret } from "./world";

/** Minimal API calls, and why each is minimal (docs/benchmarks.md says the same). */
export const MINIMAL_CALLS = {
  token: "1 per org per run: one access token serves every call of the run (it lives an hour)",
  create:
    "1 per connector: one POST creates the connector active, validated on save; nothing needs reading first",
  read: "1 per connector for a refresh: one GET returns the whole connector",
  rotate:
    "3 per connector: deactivate, PUT the new credential (refused on an active connector), activate; the deactivate answer carries the version the PUT needs",
  preview:
    "1 per org (+ its token): check proves the org's credentials once (GET …/connector-access); diff compares the program with the state and needs nothing; no writes",
} as const;

export interface ScenarioResult {
  measure: OperationMeasure;
  /** The same operation by the floor provider (bench/floor-provider.ts), in the same run. */
  floor?: OperationMeasure;
  /** Our wall time ÷ the floor's. */
  vsFloor?: number;
  bound?: Bound;
  /** Wall time ÷ bound. */
  ratio?: number;
  /** The concurrency the bound assumed. */
  concurrency?: number;
}

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  /** 1, 5 and 15-minute load averages when the run started: other work on the machine skews timings. */
  loadAverage: number[];
}

export interface BenchResults {
  formatVersion: 2;
  startedAt: string;
  finishedAt: string;
  machine: Machine;
  options: Omit<BenchOptions, "parallel" | "out" | "record"> & { parallel: number | "unbounded" };
  /** The minimal call counts the bounds assume, and why each is minimal. */
  minimalCalls: typeof MINIMAL_CALLS;
  connectors: number;
  rollout: ScenarioResult;
  /** The later scenarios run only after a successful rollout. */
  refresh?: ScenarioResult;
  preview?: ScenarioResult;
  rotation?: ScenarioResult & { longestInactiveMs?: number; leftInactive: number };
  cost?: {
    provider: ProviderTextCost;
    state: StateCost;
    pluginPeakKb: Record<string, number | undefined>;
  };
  /** List calls the provider made over the whole run (live traffic's excluded): expected 0. */
  providerListCalls: number;
  /** Live traffic over the whole run (every request answered or failed by then). */
  liveTraffic: LiveTrafficCounts;
}

export function machine(): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? "unknown",
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    loadAverage: os.loadavg().map((n) => Math.round(n * 100) / 100),
  };
}

export interface BenchHooks {
  /** One line per scenario as it starts. */
  progress?: (line: string) => void;
  /** The world once it exists (tests use it to check that no secret reaches the results). */
  onWorld?: (world: BenchWorld) => void;
}

function withBound(
  measure: OperationMeasure,
  bound: Bound | undefined,
  concurrency?: number,
  floor?: OperationMeasure,
): ScenarioResult {
  return {
    measure,
    ...(floor ? { floor, vsFloor: measure.wallMs / floor.wallMs } : {}),
    ...(bound ? { bound, ratio: bound.ms > 0 ? measure.wallMs / bound.ms : undefined, concurrency } : {}),
  };
}

export async function runBench(options: BenchOptions, hooks: BenchHooks = {}): Promise<BenchResults> {
  const progress = hooks.progress ?? (() => {});
  const startedAt = new Date().toISOString();
  const host = machine();
  const runtime = runtimeModules(options.installed);
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "wxcc-bench-"));
  let world: BenchWorld;
  try {
    world = await createWorld(options);
  } catch (error) {
    fs.rmSync(stateDir, { recursive: true, force: true });
    throw error;
  }
  hooks.onWorld?.(world);
  const live = new LiveTraffic(world.emulator.url, world.orgs, options.liveRate);
  const cleanups: Array<() => void> = [];
  try {
    const orgOfClient = new Map(world.orgs.map((org) => [org.clientId, org.orgId]));
    const floorOrgOfClient = new Map(world.floorOrgs.map((org) => [org.clientId, org.orgId]));
    const recorder = new Recorder(
      world.emulator.control,
      live,
      orgOfClient,
      options.latencyMs,
      world.emulator.pid,
    );
    const floorRecorder = new Recorder(
      world.emulator.control,
      live,
      floorOrgOfClient,
      options.latencyMs,
      world.emulator.pid,
    );
    const stack = new runtime.Stack({
      projectDir: runtime.projectDir,
      project: "wxcc-bench",
      stack: "partner",
      config: world.config,
      stateFile: path.join(stateDir, "partner.json"),
      passphrase: randomSecret(),
      parallel: options.parallel,
    });
    const floorStack = new runtime.Stack({
      projectDir: runtime.projectDir,
      project: "wxcc-bench-floor",
      stack: "floor",
      config: world.floorConfig,
      stateFile: path.join(stateDir, "floor.json"),
      passphrase: randomSecret(),
      parallel: options.parallel,
    });
    // A bench stopped mid-operation must not leave a plugin behind.
    const killPlugin = () => {
      for (const pid of [stack.pluginPid, floorStack.pluginPid])
        if (pid !== undefined) process.kill(pid, "SIGTERM");
    };
    process.once("exit", killPlugin);
    cleanups.push(() => process.off("exit", killPlugin));
    const M = world.orgs.length;
    const connectors = M * KINDS.length;
    const concurrencyFor = (steps: number) =>
      Number.isFinite(options.parallel) ? options.parallel : Math.max(1, steps);
    // perOrg counts the org's one token request, which the API's quota does not.
    const boundFor = (perOrg: number, criticalPath: number, steps: number) =>
      idealBound({
        minimalCallsPerClient: world.orgs.map(() => perOrg),
        quotaCallsPerClient: world.orgs.map(() => perOrg - 1),
        criticalPathCalls: criticalPath,
        latencyMs: options.latencyMs,
        concurrency: concurrencyFor(steps),
        rateLimit: options.rateLimit,
      });

    await live.start();
    const program = rolloutProgram(world.orgs, world.secrets, runtime.classes);

    const floor = floorProgram(world.floorOrgs, world.secrets, runtime.pulumi);
    // The floor runs each operation right after ours, so both meet the same load on the machine.
    const floorMeasure = async (name: string, operation: () => Promise<OperationResult>) => {
      const measure = await floorRecorder.measure(name, floorStack, operation);
      if (!measure.ok) throw new Error(`the floor provider's ${name} failed: ${measure.error}`);
      return measure;
    };

    progress(`rollout: ${M} orgs × ${KINDS.length} kinds = ${connectors} connectors`);
    const rolloutMeasure = await recorder.measure("rollout", stack, () => stack.up(program));
    const rolloutFloor = rolloutMeasure.ok
      ? await floorMeasure("rollout", () => floorStack.up(floor))
      : undefined;
    // token, then one POST per connector (token → POST is the longest chain).
    const rolloutBound = boundFor(1 + KINDS.length, 2, connectors);
    const base = {
      formatVersion: 2 as const,
      startedAt,
      machine: host,
      options: {
        orgs: options.orgs,
        latencyMs: options.latencyMs,
        rateLimit: options.rateLimit,
        parallel: Number.isFinite(options.parallel) ? options.parallel : ("unbounded" as const),
        liveRate: options.liveRate,
        ...(options.installed ? { installed: runtime.source } : {}),
      },
      minimalCalls: MINIMAL_CALLS,
      connectors,
      rollout: withBound(rolloutMeasure, rolloutBound, concurrencyFor(connectors), rolloutFloor),
    };
    if (!rolloutMeasure.ok) {
      progress(`the rollout failed, so nothing else was measured: ${rolloutMeasure.error}`);
      await live.stop();
      return {
        ...base,
        finishedAt: new Date().toISOString(),
        providerListCalls: await recorder.providerLists(),
        liveTraffic: live.snapshot(),
      };
    }

    progress("refresh and no-change preview");
    const refreshMeasure = await recorder.measure("refresh", stack, () => stack.refresh());
    const refreshFloor = await floorMeasure("refresh", () => floorStack.refresh());
    const refreshBound = boundFor(1 + KINDS.length, 2, connectors);
    const previewMeasure = await recorder.measure("preview", stack, () => stack.preview(program));
    const previewFloor = await floorMeasure("preview", () => floorStack.preview(floor));

    progress("rotation of the orders API's client secret in every org");
    const rotated = { ...world.secrets, ordersClientSecret: randomSecret() };
    await world.trustOrdersSecret(rotated.ordersClientSecret);
    const rotationMeasure = await recorder.measure("rotation", stack, () =>
      stack.up(rolloutProgram(world.orgs, rotated, runtime.classes)),
    );
    const rotationFloor = await floorMeasure("rotation", () =>
      floorStack.up(floorProgram(world.floorOrgs, rotated, runtime.pulumi)),
    );
    // token → deactivate → PUT → activate, one Custom connector per org.
    const rotationBound = boundFor(1 + 3, 4, M);
    const finished = rotationMeasure.inactive.filter((s) => s.ms !== undefined).map((s) => s.ms!);

    await live.stop();
    const providerListCalls = await recorder.providerLists();
    const measures = [rolloutMeasure, refreshMeasure, previewMeasure, rotationMeasure];
    return {
      ...base,
      finishedAt: new Date().toISOString(),
      refresh: withBound(refreshMeasure, refreshBound, concurrencyFor(connectors), refreshFloor),
      preview: withBound(previewMeasure, undefined, undefined, previewFloor),
      rotation: {
        ...withBound(rotationMeasure, rotationBound, concurrencyFor(M), rotationFloor),
        ...(finished.length > 0 ? { longestInactiveMs: Math.max(...finished) } : {}),
        leftInactive: rotationMeasure.inactive.length - finished.length,
      },
      cost: {
        provider: providerTextCost(stack),
        state: stateCost(stack),
        pluginPeakKb: Object.fromEntries(measures.map((m) => [m.name, m.pluginPeakKb])),
      },
      providerListCalls,
      liveTraffic: live.snapshot(),
    };
  } finally {
    for (const cleanup of cleanups) cleanup();
    await live.stop();
    await world.emulator.close();
    fs.rmSync(stateDir, { recursive: true, force: true });
  }
}

// Runs one stack operation and measures it: wall time, the API calls the provider made (from the emulator's
// request log, live traffic separated out), token requests per org, quota use per org, and the plugin
// process's peak memory.
import type { EmulatorControl, LoggedRequest } from "../emulator";
import type { OperationResult, Stack } from "../testing";
import type { LiveTraffic, LiveTrafficCounts } from "./live-traffic";
import { PeakMemorySampler, readCpuMs } from "./memory";
import {
  type CallCounts,
  callKind,
  countCalls,
  type InactiveSpell,
  inactiveSpells,
  peakPerClient,
  tokensPerOrg,
} from "./request-log";

export interface OperationMeasure {
  name: string;
  ok: boolean;
  error?: string;
  wallMs: number;
  /**
   * Where the wall time went: before the first API call (plugin start, program, check), between the first
   * and the last API call, and after it (saving state, stopping the plugin). Undefined without calls.
   */
  phases?: { beforeFirstCallMs: number; apiMs: number; afterLastCallMs: number };
  /**
   * Of the time before the first call: the plugin process's own start-up, from spawn to its gRPC port (Node
   * loading @pulumi/pulumi), which the engine pays before any provider code runs.
   */
  pluginStartupMs?: number;
  /** Steps per op, a replacement once. */
  changes: Record<string, number>;
  /** Resource steps the operation ran (what `parallel` applies to). */
  steps: number;
  /** The provider's calls (live traffic excluded). */
  calls: CallCounts;
  tokensPerOrg: Record<string, number>;
  /**
   * The most requests of any org's client the API accepted within one sliding minute: the provider's own, and
   * with live traffic (from one minute before the operation to its end).
   */
  peakMinute: { provider: number; withLiveTraffic: number };
  liveTraffic: LiveTrafficCounts;
  inactive: InactiveSpell[];
  /** VmHWM of the plugin process (KiB); undefined where /proc is unavailable. */
  pluginPeakKb?: number;
  /**
   * CPU time (user + system) each process spent on the operation, in ms: the bench's own process (the
   * program and the engine harness; live traffic's few requests too), the plugin, the emulator.
   */
  cpuMs: { harness: number; plugin?: number; emulator?: number };
  /** The checkpoint writes the harness made (it rewrites the whole file after each step, as the engine does). */
  checkpoint: { writes: number; bytes: number };
}

function delta(after: LiveTrafficCounts, before: LiveTrafficCounts): LiveTrafficCounts {
  return {
    sent: after.sent - before.sent,
    answered: after.answered - before.answered,
    rateLimited: after.rateLimited - before.rateLimited,
    otherStatus: after.otherStatus - before.otherStatus,
    noResponse: after.noResponse - before.noResponse,
  };
}

function maxOf(values: Record<string, number>): number {
  return Math.max(0, ...Object.values(values));
}

export class Recorder {
  private cursor = 0;
  /** Every list request the log held, and every one live traffic sent: equal unless the provider listed. */
  private listsLogged = 0;
  /** Every entry read so far, for quota use that started before an operation did. */
  private readonly history: LoggedRequest[] = [];

  constructor(
    private readonly control: EmulatorControl,
    private readonly live: LiveTraffic,
    private readonly orgOfClient: ReadonlyMap<string, string>,
    private readonly latencyMs: number,
    private readonly emulatorPid?: number,
  ) {}

  /** The log entries since the last call. */
  private async next(): Promise<LoggedRequest[]> {
    const entries = await this.control.requests(this.cursor);
    if (entries.length > 0) this.cursor = entries[entries.length - 1].seq;
    this.listsLogged += entries.filter((e) => callKind(e) === "list").length;
    this.history.push(...entries);
    return entries;
  }

  /** Skips whatever the log holds now (set-up requests, live traffic between operations). */
  async skip(): Promise<void> {
    await this.next();
  }

  async measure(
    name: string,
    stack: Stack,
    operation: () => Promise<OperationResult>,
  ): Promise<OperationMeasure> {
    await this.skip();
    const liveBefore = this.live.snapshot();
    const sampler = new PeakMemorySampler(() => stack.pluginPid);
    const emulatorCpu = () => (this.emulatorPid === undefined ? undefined : readCpuMs(this.emulatorPid));
    const emulatorBefore = emulatorCpu();
    const writesBefore = stack.checkpointWrites;
    const cpuBefore = process.cpuUsage();
    sampler.start();
    const startedAt = Date.now();
    const started = performance.now();
    let result: OperationResult;
    let plugin: ReturnType<PeakMemorySampler["stop"]>;
    try {
      result = await operation();
    } finally {
      plugin = sampler.stop();
    }
    const wallMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    const emulatorAfter = emulatorCpu();
    const writesAfter = stack.checkpointWrites;
    const endedAt = startedAt + wallMs;
    const all = await this.next();
    const provider = all.filter((e) => callKind(e) !== "list");
    // The quota is a sliding minute: live traffic from the minute before the operation shares its windows.
    const withLive = this.history.filter((e) => e.time > startedAt - 60_000);
    // The log's times are when the emulator answered: the first call went out about one latency earlier.
    const first = provider.length > 0 ? Math.min(...provider.map((e) => e.time)) - this.latencyMs : undefined;
    const last = provider.length > 0 ? Math.max(...provider.map((e) => e.time)) : undefined;
    return {
      name,
      ok: result.ok,
      ...(result.error ? { error: result.error } : {}),
      wallMs,
      ...(first !== undefined && last !== undefined
        ? {
            phases: {
              beforeFirstCallMs: Math.max(0, first - startedAt),
              apiMs: last - first,
              afterLastCallMs: Math.max(0, endedAt - last),
            },
          }
        : {}),
      ...(stack.pluginStartupMs !== undefined ? { pluginStartupMs: stack.pluginStartupMs } : {}),
      changes: result.changeSummary,
      steps: result.steps.length,
      calls: countCalls(provider),
      tokensPerOrg: tokensPerOrg(provider, this.orgOfClient),
      peakMinute: {
        provider: maxOf(peakPerClient(provider)),
        withLiveTraffic: maxOf(peakPerClient(withLive)),
      },
      liveTraffic: delta(this.live.snapshot(), liveBefore),
      inactive: inactiveSpells(provider),
      ...(plugin.peakKb !== undefined ? { pluginPeakKb: plugin.peakKb } : {}),
      cpuMs: {
        harness: (cpu.user + cpu.system) / 1000,
        ...(plugin.cpuMs !== undefined ? { plugin: plugin.cpuMs } : {}),
        ...(emulatorBefore !== undefined && emulatorAfter !== undefined
          ? { emulator: emulatorAfter - emulatorBefore }
          : {}),
      },
      checkpoint: {
        writes: writesAfter.writes - writesBefore.writes,
        bytes: writesAfter.bytes - writesBefore.bytes,
      },
    };
  }

  /**
   * List requests the provider made over the whole run: every list in the log that live traffic did not
   * send. Call after live traffic has stopped.
   */
  async providerLists(): Promise<number> {
    await this.next();
    const live = this.live.snapshot();
    return this.listsLogged - (live.sent - live.noResponse);
  }
}

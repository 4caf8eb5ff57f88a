// The plugin process's peak memory: Linux keeps the high-water mark of its resident set (VmHWM in
// /proc/<pid>/status), so sampling it every few milliseconds while the operation runs catches the peak up
// to the last sample before the harness stops the plugin. Its CPU time is sampled alike (up to the last
// sample: the final few milliseconds before it exits are missed).
import * as fs from "node:fs";

/** VmHWM of a process in KiB, or undefined when it is gone or /proc is not there (not Linux). */
export function readPeakRssKb(pid: number): number | undefined {
  let status: string;
  try {
    status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  } catch {
    return undefined;
  }
  const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(status);
  return match ? Number(match[1]) : undefined;
}

/** CPU time a process has used so far (user + system), in ms; undefined when it is gone or off Linux. */
export function readCpuMs(pid: number): number | undefined {
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined;
  }
  // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  return Number.isFinite(ticks) ? ticks * CLOCK_TICK_MS : undefined;
}

/** Linux reports CPU time in clock ticks of 1/100 s (USER_HZ, fixed at 100 on every architecture Node runs). */
const CLOCK_TICK_MS = 10;

export class PeakMemorySampler {
  private timer?: NodeJS.Timeout;
  private peak?: number;
  /** The CPU time of each process seen, as last sampled (a process is sampled until it exits). */
  private readonly cpuMs = new Map<number, number>();
  private readonly pids = new Set<number>();

  constructor(
    private readonly currentPid: () => number | undefined,
    private readonly intervalMs = 10,
  ) {}

  start(): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
  }

  /** Stops sampling; the peak in KiB (undefined if no sample could be read) and how many processes were seen. */
  stop(): { peakKb?: number; processes: number; cpuMs?: number } {
    this.sample();
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    const cpu = [...this.cpuMs.values()];
    return {
      peakKb: this.peak,
      processes: this.pids.size,
      ...(cpu.length > 0 ? { cpuMs: cpu.reduce((a, b) => a + b, 0) } : {}),
    };
  }

  private sample(): void {
    const pid = this.currentPid();
    if (pid === undefined) return;
    this.pids.add(pid);
    const kb = readPeakRssKb(pid);
    if (kb !== undefined) this.peak = Math.max(this.peak ?? 0, kb);
    const cpu = readCpuMs(pid);
    if (cpu !== undefined) this.cpuMs.set(pid, cpu);
  }
}

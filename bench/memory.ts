// The plugin process's peak memory: Linux keeps the high-water mark of its resident set (VmHWM in
// /proc/<pid>/status), so sampling it every few milliseconds while the operation runs catches the peak up
// to the last sample before the harness stops the plugin.
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

export class PeakMemorySampler {
  private timer?: NodeJS.Timeout;
  private peak?: number;
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
  stop(): { peakKb?: number; processes: number } {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    return { peakKb: this.peak, processes: this.pids.size };
  }

  private sample(): void {
    const pid = this.currentPid();
    if (pid === undefined) return;
    this.pids.add(pid);
    const kb = readPeakRssKb(pid);
    if (kb !== undefined) this.peak = Math.max(this.peak ?? 0, kb);
  }
}

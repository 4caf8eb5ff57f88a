// The rollout's order of events, independent of how a stack is driven (the Automation API in rollout.ts,
// the engine harness in tests): preview every stack; stop if any preview fails; update the canary; then
// the rest, a few at a time, starting no new update after the first failure.

export type ChangeCounts = Record<string, number>;

export interface RolloutTarget {
  /** The stack name. */
  name: string;
  /** For the report; the org the stack deploys to. */
  orgId?: string;
  preview(): Promise<ChangeCounts>;
  up(): Promise<ChangeCounts>;
}

export type StackStatus =
  "pending" | "preview failed" | "no changes" | "updated" | "update failed" | "skipped" | "previewed";

export interface StackOutcome {
  name: string;
  orgId?: string;
  canary: boolean;
  planned?: ChangeCounts;
  applied?: ChangeCounts;
  status: StackStatus;
  error?: string;
  durationMs: number;
}

export type RolloutEvent =
  | { type: "phase"; phase: "preview" | "canary" | "rest"; stacks: string[] }
  | { type: "start"; action: "preview" | "up"; stack: string }
  | { type: "done"; action: "preview" | "up"; stack: string; counts: ChangeCounts; durationMs: number }
  | { type: "failed"; action: "preview" | "up"; stack: string; error: string; durationMs: number }
  | { type: "stopping"; reason: string };

export interface RolloutOptions {
  /** The stack updated first, alone (default: the first target). */
  canary?: string;
  /** How many stacks are previewed or updated at once after the canary (default 2). */
  concurrency?: number;
  /** Preview only; update nothing. */
  previewOnly?: boolean;
  onEvent?: (event: RolloutEvent) => void;
  now?: () => number;
}

export interface RolloutReport {
  outcomes: StackOutcome[];
  succeeded: boolean;
}

export async function rollout(
  targets: RolloutTarget[],
  options: RolloutOptions = {},
): Promise<RolloutReport> {
  if (targets.length === 0) throw new Error("nothing to roll out: no stacks given.");
  const concurrency = options.concurrency ?? 2;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new Error(`concurrency must be a whole number of at least 1, not ${concurrency}.`);
  }
  const canaryName = options.canary ?? targets[0]!.name;
  const canary = targets.find((t) => t.name === canaryName);
  if (!canary) {
    throw new Error(
      `the canary ${canaryName} is not among the stacks: ${targets.map((t) => t.name).join(", ")}.`,
    );
  }
  const emit = options.onEvent ?? (() => {});
  const now = options.now ?? Date.now;
  const outcomes = new Map<string, StackOutcome>(
    targets.map((t) => [
      t.name,
      { name: t.name, orgId: t.orgId, canary: t === canary, status: "pending", durationMs: 0 },
    ]),
  );
  const outcome = (t: RolloutTarget) => outcomes.get(t.name)!;
  const finish = (succeeded: boolean): RolloutReport => {
    for (const o of outcomes.values()) if (o.status === "pending") o.status = "skipped";
    return { outcomes: [...outcomes.values()], succeeded };
  };

  async function step(target: RolloutTarget, action: "preview" | "up"): Promise<boolean> {
    const started = now();
    emit({ type: "start", action, stack: target.name });
    const o = outcome(target);
    try {
      const counts = action === "preview" ? await target.preview() : await target.up();
      const durationMs = now() - started;
      o.durationMs += durationMs;
      if (action === "preview") {
        o.planned = counts;
        o.status = options.previewOnly ? "previewed" : hasChanges(counts) ? "pending" : "no changes";
      } else {
        o.applied = counts;
        o.status = "updated";
      }
      emit({ type: "done", action, stack: target.name, counts, durationMs });
      return true;
    } catch (error) {
      const durationMs = now() - started;
      o.durationMs += durationMs;
      o.status = action === "preview" ? "preview failed" : "update failed";
      o.error = errorText(error);
      emit({ type: "failed", action, stack: target.name, error: o.error, durationMs });
      return false;
    }
  }

  emit({ type: "phase", phase: "preview", stacks: targets.map((t) => t.name) });
  const previewsOk = await pool(targets, concurrency, (t) => step(t, "preview"), false);
  if (!previewsOk) {
    emit({ type: "stopping", reason: "a preview failed, so nothing is updated" });
    return finish(false);
  }
  if (options.previewOnly) return finish(true);

  const needsUpdate = (t: RolloutTarget) => outcome(t).status === "pending";
  if (needsUpdate(canary)) {
    emit({ type: "phase", phase: "canary", stacks: [canary.name] });
    if (!(await step(canary, "up"))) {
      emit({ type: "stopping", reason: `the canary ${canary.name} failed, so no other stack is updated` });
      return finish(false);
    }
  }
  const rest = targets.filter((t) => t !== canary && needsUpdate(t));
  if (rest.length > 0) {
    emit({ type: "phase", phase: "rest", stacks: rest.map((t) => t.name) });
    const ok = await pool(rest, concurrency, (t) => step(t, "up"), true);
    if (!ok) {
      emit({ type: "stopping", reason: "an update failed, so no further stack is started" });
      return finish(false);
    }
  }
  return finish(true);
}

/**
 * Runs work over items, at most `limit` at a time. With stopOnFailure, no new item starts after one fails
 * (those running finish). Resolves true when every started item succeeded.
 */
async function pool<T>(
  items: T[],
  limit: number,
  work: (item: T) => Promise<boolean>,
  stopOnFailure: boolean,
): Promise<boolean> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (next < items.length && !(stopOnFailure && failed)) {
      const item = items[next++]!;
      if (!(await work(item))) failed = true;
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return !failed;
}

export function hasChanges(counts: ChangeCounts): boolean {
  return Object.entries(counts).some(([op, n]) => op !== "same" && n > 0);
}

export function describeCounts(counts: ChangeCounts | undefined): string {
  if (!counts) return "";
  const parts = Object.entries(counts)
    .filter(([op, n]) => op !== "same" && n > 0)
    .map(([op, n]) => `${n} ${op}`);
  return parts.length === 0 ? "no changes" : parts.join(", ");
}

/** The final table: one row per stack, columns aligned. */
export function renderReport(report: RolloutReport): string {
  const header = ["stack", "org", "planned", "result", "time"];
  const rows = report.outcomes.map((o) => [
    o.canary ? `${o.name} (canary)` : o.name,
    o.orgId ?? "",
    describeCounts(o.planned),
    o.status === "updated" ? `updated: ${describeCounts(o.applied)}` : o.status,
    `${(o.durationMs / 1000).toFixed(1)}s`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  const lines = [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)];
  for (const o of report.outcomes) if (o.error) lines.push(`${o.name}: ${o.error}`);
  lines.push(report.succeeded ? "Rollout complete." : "Rollout stopped: see the failure above.");
  return `${lines.join("\n")}\n`;
}

function errorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // CLI errors carry the whole command output; the last meaningful lines say what went wrong.
  const lines = message
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.slice(-3).join(" | ");
}

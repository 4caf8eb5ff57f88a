// Merges the per-org plans the rollout's jobs uploaded as artifacts (plan-<stack>.md and plan-<stack>.json,
// written by wxcc-plan --out/--json-out) into one report: a table of every stack (planned changes, how many
// stop call routing, the job's outcome), then each stack's own plan. A stack whose job uploaded nothing (it
// was never started after a failure, or failed before its plan) is listed as such.
//
//   node dist/examples/multi-org/ci/merge-plans.js <artifacts dir> --stacks a,b,c [--out report.md]
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import type { PlanSummary } from "../../../scripts/plan-reporter/summary";

export interface StackPlan {
  stack: string;
  markdown?: string;
  summary?: PlanSummary;
  /** What the job wrote to outcome-<stack>.txt: "applied", "failed", ... */
  outcome?: string;
}

/** Reads every plan-<stack>.{md,json} and outcome-<stack>.txt under `dir` (artifact folders included). */
export function readPlans(dir: string, stacks: readonly string[]): StackPlan[] {
  const files = new Map<string, string>();
  const walk = (at: string) => {
    for (const entry of fs.readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.set(entry.name, full);
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  const text = (name: string) => (files.has(name) ? fs.readFileSync(files.get(name)!, "utf8") : undefined);
  return stacks.map((stack) => {
    const json = text(`plan-${stack}.json`);
    return {
      stack,
      markdown: text(`plan-${stack}.md`),
      summary: json ? (JSON.parse(json) as PlanSummary) : undefined,
      outcome: text(`outcome-${stack}.txt`)?.trim(),
    };
  });
}

function changes(summary: PlanSummary | undefined): string {
  if (!summary) return "no plan";
  const parts = Object.entries(summary.counts)
    .filter(([op, n]) => op !== "same" && n > 0)
    .map(([op, n]) => `${n} ${op}`);
  return parts.length > 0 ? parts.join(", ") : "no changes";
}

export function mergeReport(plans: readonly StackPlan[]): string {
  const rows = plans.map(
    (p) =>
      `| ${p.stack} | ${changes(p.summary)} | ${p.summary ? p.summary.stopsRouting : "–"} | ${p.outcome ?? "not run"} |`,
  );
  const failed = plans.filter((p) => p.outcome !== undefined && p.outcome !== "applied");
  const notRun = plans.filter((p) => p.outcome === undefined);
  const lines = [
    "# Webex Contact Center rollout",
    "",
    `${plans.length} stacks: ${plans.length - failed.length - notRun.length} applied, ${failed.length} failed, ${notRun.length} not run.`,
    "",
    "| stack | planned | stop call routing | outcome |",
    "| --- | --- | --- | --- |",
    ...rows,
  ];
  for (const p of plans) {
    lines.push("", `<details><summary>${p.stack}</summary>`, "");
    lines.push(p.markdown?.trim() ?? "No plan was uploaded for this stack.", "", "</details>");
  }
  return `${lines.join("\n")}\n`;
}

if (require.main === module) {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: { stacks: { type: "string" }, out: { type: "string" } },
  });
  if (positionals.length !== 1 || !values.stacks) {
    process.stderr.write("usage: merge-plans <artifacts dir> --stacks a,b,c [--out report.md]\n");
    process.exitCode = 2;
  } else {
    const report = mergeReport(readPlans(positionals[0], values.stacks.split(",")));
    if (values.out) fs.writeFileSync(values.out, report);
    else process.stdout.write(report);
  }
}

// Regenerates the figures in docs/benchmarks.md from the recorded runs in bench/results/*.json: the latest
// default run's table, the growth table of the runs recorded with --record (orgs-<n>-parallel-<p>.json) and
// the growth chart (docs/bench-growth.svg, written here without any charting dependency). Run by
// `npm run bench -- --record` after it writes its results, or alone: `npm run bench:docs`.
import * as fs from "node:fs";
import * as path from "node:path";
import type { BenchResults } from "./bench";
import { LATEST_RESULTS, REPO_ROOT } from "./options";
import { cpuPerOp, formatTable, header, type Row } from "./report";

type Recorded = BenchResults & { table: Row[] };

export interface GrowthPoint {
  orgs: number;
  parallel: number | "unbounded";
  connectors: number;
  rolloutS: number;
  vsFloor?: number;
  harnessMsPerOp: number;
  pluginMsPerOp?: number;
  pluginPeakMiB?: number;
  checkpointMiB: number;
  stateKiBPerConnector?: number;
  /** The 1-minute load average when the run started: above the core count, other work shared the machine. */
  load: number;
  cores: number;
}

export function growthPoint(r: BenchResults): GrowthPoint {
  const m = r.rollout.measure;
  const peaks = Object.values(r.cost?.pluginPeakKb ?? {}).filter((kb): kb is number => kb !== undefined);
  const perOp = cpuPerOp(m);
  return {
    orgs: r.options.orgs,
    parallel: r.options.parallel,
    connectors: r.connectors,
    rolloutS: m.wallMs / 1000,
    ...(r.rollout.vsFloor !== undefined ? { vsFloor: r.rollout.vsFloor } : {}),
    harnessMsPerOp: perOp.harness,
    ...(perOp.plugin !== undefined ? { pluginMsPerOp: perOp.plugin } : {}),
    ...(peaks.length > 0 ? { pluginPeakMiB: Math.max(...peaks) / 1024 } : {}),
    checkpointMiB: m.checkpoint.bytes / 2 ** 20,
    ...(r.cost ? { stateKiBPerConnector: r.cost.state.meanBytesPerResource / 1024 } : {}),
    load: r.machine.loadAverage[0] ?? 0,
    cores: r.machine.cores,
  };
}

const fixed = (n: number | undefined, digits: number) => (n === undefined ? "n/a" : n.toFixed(digits));

export function growthTable(points: readonly GrowthPoint[]): string {
  const head =
    "| orgs | connectors | parallel | rollout | ÷ floor | harness CPU / op | plugin CPU / op | plugin peak RSS | checkpoint written (rollout) | state / connector | load at start |";
  const rule = `|${" --- |".repeat(11)}`;
  const lines = points.map(
    (p) =>
      `| ${p.orgs} | ${p.connectors} | ${p.parallel} | ${fixed(p.rolloutS, 2)} s | ${fixed(p.vsFloor, 2)}× | ${fixed(p.harnessMsPerOp, 1)} ms | ${fixed(p.pluginMsPerOp, 1)} ms | ${fixed(p.pluginPeakMiB, 0)} MiB | ${fixed(p.checkpointMiB, 1)} MiB | ${fixed(p.stateKiBPerConnector, 2)} KiB | ${p.load.toFixed(1)} on ${p.cores} cores${p.load > p.cores ? " (under load)" : ""} |`,
  );
  return [head, rule, ...lines].join("\n");
}

interface Series {
  title: string;
  unit: string;
  value: (p: GrowthPoint) => number | undefined;
}

const SERIES: Series[] = [
  { title: "rollout wall time", unit: "s", value: (p) => p.rolloutS },
  { title: "harness CPU per resource op", unit: "ms", value: (p) => p.harnessMsPerOp },
  { title: "plugin peak RSS", unit: "MiB", value: (p) => p.pluginPeakMiB },
];

const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** One panel per series, orgs on a linear x axis, so a straight line reads as linear growth. */
export function growthSvg(points: readonly GrowthPoint[]): string {
  const width = 300;
  const height = 220;
  const pad = { left: 50, right: 15, top: 30, bottom: 40 };
  const sorted = [...points].sort((a, b) => a.orgs - b.orgs);
  const maxOrgs = Math.max(1, ...sorted.map((p) => p.orgs));
  const panels = SERIES.map((series, index) => {
    const values = sorted
      .map((p) => ({ x: p.orgs, y: series.value(p) }))
      .filter((v): v is { x: number; y: number } => v.y !== undefined);
    const maxY = Math.max(1e-9, ...values.map((v) => v.y)) * 1.1;
    const sx = (x: number) => pad.left + (x / maxOrgs) * (width - pad.left - pad.right);
    const sy = (y: number) => height - pad.bottom - (y / maxY) * (height - pad.top - pad.bottom);
    const polyline = values.map((v) => `${sx(v.x).toFixed(1)},${sy(v.y).toFixed(1)}`).join(" ");
    const dots = values
      .map(
        (v) =>
          `<circle cx="${sx(v.x).toFixed(1)}" cy="${sy(v.y).toFixed(1)}" r="3"/><text x="${sx(v.x).toFixed(1)}" y="${(sy(v.y) - 6).toFixed(1)}" text-anchor="middle">${v.y.toFixed(v.y < 10 ? 1 : 0)}</text>`,
      )
      .join("");
    const xTicks = values
      .map(
        (v) =>
          `<text x="${sx(v.x).toFixed(1)}" y="${height - pad.bottom + 15}" text-anchor="middle">${v.x}</text>`,
      )
      .join("");
    return `<g transform="translate(${index * width},0)"><text x="${width / 2}" y="18" text-anchor="middle" font-weight="bold">${escapeXml(series.title)} (${series.unit})</text><line x1="${pad.left}" y1="${height - pad.bottom}" x2="${width - pad.right}" y2="${height - pad.bottom}" stroke="#888"/><line x1="${pad.left}" y1="${pad.top}" x2="${pad.left}" y2="${height - pad.bottom}" stroke="#888"/><text x="${width / 2}" y="${height - 8}" text-anchor="middle">orgs</text>${xTicks}<polyline fill="none" stroke="#1f6feb" stroke-width="2" points="${polyline}"/><g fill="#1f6feb">${dots}</g></g>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width * SERIES.length}" height="${height}" font-family="sans-serif" font-size="11">${panels.join("")}</svg>\n`;
}

/** Replaces what sits between `<!-- bench:<name>:start -->` and `<!-- bench:<name>:end -->`. */
export function replaceSection(doc: string, name: string, content: string): string {
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const from = doc.indexOf(start);
  const to = doc.indexOf(end);
  if (from < 0 || to < from) throw new Error(`docs/benchmarks.md has no ${start} … ${end} section`);
  return `${doc.slice(0, from + start.length)}\n${content}\n${doc.slice(to)}`;
}

export const RECORDED_NAME = /^orgs-(\d+)-parallel-(\w+)\.json$/;

function read(file: string): Recorded | undefined {
  const parsed = JSON.parse(fs.readFileSync(file, "utf8")) as Recorded;
  return parsed.formatVersion === 2 ? parsed : undefined;
}

/** Rewrites the generated parts of docs/benchmarks.md and docs/bench-growth.svg from bench/results. */
export function regenerateDocs(root = REPO_ROOT): void {
  const results = path.join(root, "bench/results");
  const docFile = path.join(root, "docs/benchmarks.md");
  let doc = fs.readFileSync(docFile, "utf8");
  const latestFile = path.join(results, LATEST_RESULTS);
  const latest = fs.existsSync(latestFile) ? read(latestFile) : undefined;
  if (latest) {
    doc = replaceSection(
      doc,
      "latest",
      ["```", ...header(latest), "```", "", formatTable(latest.table, true)].join("\n"),
    );
  }
  const recorded = fs
    .readdirSync(results)
    .filter((name) => RECORDED_NAME.test(name))
    .map((name) => read(path.join(results, name)))
    .filter((r): r is Recorded => r !== undefined)
    .map(growthPoint)
    .sort((a, b) => a.orgs - b.orgs || String(a.parallel).localeCompare(String(b.parallel)));
  if (recorded.length > 0) {
    doc = replaceSection(doc, "growth", growthTable(recorded));
    // The chart follows one parallelism: the one the most runs used.
    const counts = new Map<string, number>();
    for (const p of recorded) counts.set(String(p.parallel), (counts.get(String(p.parallel)) ?? 0) + 1);
    const parallel = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
    fs.writeFileSync(
      path.join(root, "docs/bench-growth.svg"),
      growthSvg(recorded.filter((p) => String(p.parallel) === parallel)),
    );
  }
  fs.writeFileSync(docFile, doc);
}

if (require.main === module) {
  regenerateDocs();
  process.stderr.write(
    "bench: docs/benchmarks.md and docs/bench-growth.svg regenerated from bench/results\n",
  );
}

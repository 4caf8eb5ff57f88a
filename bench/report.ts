// The one table the bench prints (and docs/benchmarks.md shows): every figure measured in the run, each
// target with a plain PASS or MISS.
import type { BenchResults, ScenarioResult } from "./bench";
import type { OperationMeasure } from "./measure";
import type { CallCounts } from "./request-log";

export type Verdict = "PASS" | "MISS" | "n/a" | "";

export interface Row {
  scenario: string;
  figure: string;
  measured: string;
  target: string;
  result: Verdict;
}

export const TARGETS = {
  /** Ours ÷ the floor provider's wall time, per operation (preview: plus the credential check's requests). */
  vsFloor: 1.1,
  tokensPerOrg: 1,
  downtimeRoundTrips: 3,
  providerBytes: 1024,
  stateBytesPerConnector: 3 * 1024,
  pluginPeakMiB: 250,
} as const;

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const mib = (kb: number | undefined) => (kb === undefined ? "n/a" : `${(kb / 1024).toFixed(0)} MiB`);
const verdict = (ok: boolean): Verdict => (ok ? "PASS" : "MISS");

const KIND_ORDER = [
  "token",
  "access",
  "create",
  "read",
  "list",
  "update",
  "deactivate",
  "activate",
  "reauthorize",
  "delete",
  "references",
  "other",
] as const;

/** "35 (token 5, create 30)", plus the requests refused with 429 when there were any. */
export function describeCalls(calls: CallCounts): string {
  const parts = KIND_ORDER.filter((k) => calls.byKind[k]).map((k) => `${k} ${calls.byKind[k]}`);
  const refused = calls.rateLimited > 0 ? ` + ${calls.rateLimited} refused (429)` : "";
  return `${calls.total}${parts.length > 0 ? ` (${parts.join(", ")})` : ""}${refused}`;
}

function tokenRange(perOrg: Record<string, number>): { min: number; max: number } {
  const values = Object.values(perOrg);
  return { min: Math.min(...values), max: Math.max(...values) };
}

function sameTokens(perOrg: Record<string, number>): string {
  const { min, max } = tokenRange(perOrg);
  return min === max ? `${min} per org` : `${min}–${max} per org`;
}

export function rows(r: BenchResults): Row[] {
  const L = r.options.latencyMs;
  const out: Row[] = [];
  const add = (scenario: string, figure: string, measured: string, target = "", result: Verdict = "") =>
    out.push({ scenario, figure, measured, target, result });

  // rollout
  const roll = r.rollout;
  const bound = roll.bound!;
  vsFloorRow(add, "rollout", roll);
  add(
    "rollout",
    "wall time ÷ ideal bound",
    `${seconds(roll.measure.wallMs)} ÷ ${seconds(bound.ms)} = ${roll.ratio!.toFixed(2)}× (bound: ${bound.binding}; for reading)`,
  );
  const ph = roll.measure.phases;
  const startup = roll.measure.pluginStartupMs;
  if (ph) {
    add(
      "rollout",
      "where the time went",
      `${seconds(ph.beforeFirstCallMs)} before the first call${startup === undefined ? "" : ` (${seconds(startup)} of it the plugin's start-up)`}; ${seconds(ph.apiMs)} first to last (${(ph.apiMs / bound.ms).toFixed(2)}× bound); ${seconds(ph.afterLastCallMs)} after`,
    );
  }
  if (startup !== undefined) {
    add(
      "rollout",
      "without the plugin's start-up",
      `(${seconds(roll.measure.wallMs)} − ${seconds(startup)}) ÷ ${seconds(bound.ms)} = ${((roll.measure.wallMs - startup) / bound.ms).toFixed(2)}× (for reading, not a target)`,
    );
  }
  add("rollout", "API calls", `${describeCalls(roll.measure.calls)}; minimal ${bound.minimalCalls}`);
  const rollTokens = tokenRange(roll.measure.tokensPerOrg);
  add(
    "rollout",
    "token requests",
    sameTokens(roll.measure.tokensPerOrg),
    `${TARGETS.tokensPerOrg} per org`,
    verdict(rollTokens.min === TARGETS.tokensPerOrg && rollTokens.max === TARGETS.tokensPerOrg),
  );
  add(
    "rollout",
    "429 responses",
    `${roll.measure.calls.rateLimited}${roll.measure.calls.rateLimited > 0 ? ", each sent again after Retry-After" : ""}; rollout ${roll.measure.ok ? "succeeded" : `FAILED: ${roll.measure.error}`}`,
    "none surfaces as a failure",
    verdict(roll.measure.ok),
  );
  add(
    "rollout",
    "quota used per org",
    `peak ${roll.measure.peakMinute.provider}/${r.options.rateLimit} in a minute; ${roll.measure.peakMinute.withLiveTraffic} with live traffic`,
  );
  const lt = roll.measure.liveTraffic;
  add("rollout", "live traffic refused", `${lt.rateLimited} of ${lt.sent} (429)`);

  if (!r.refresh || !r.preview || !r.rotation || !r.cost) {
    add(
      "later",
      "refresh, preview, rotation, cost",
      "not run: the rollout failed",
      "a successful rollout",
      "MISS",
    );
    return out;
  }

  // refresh + preview
  vsFloorRow(add, "refresh", r.refresh);
  const ref = r.refresh.measure;
  add(
    "no-change",
    "refresh",
    `${seconds(ref.wallMs)}; ${describeCalls(ref.calls)}`,
    `≤ 1 read per connector (${r.connectors}), no writes`,
    verdict(ref.ok && ref.calls.writes === 0 && ref.calls.reads <= r.connectors),
  );
  const pre = r.preview.measure;
  add(
    "no-change",
    "preview",
    `${seconds(pre.wallMs)}; ${describeCalls(pre.calls)}; ${pre.changes.same ?? 0} same`,
    "no writes; 1 credential check per org (+ its token); no changes",
    verdict(
      pre.ok &&
        pre.calls.writes === 0 &&
        (pre.calls.byKind.access ?? 0) === r.options.orgs &&
        pre.calls.total === (pre.calls.byKind.access ?? 0) + pre.calls.tokens &&
        pre.calls.tokens <= r.options.orgs &&
        (pre.changes.same ?? 0) === pre.steps,
    ),
  );
  // Check runs one registration at a time, so each credential-check request adds a round trip.
  vsFloorRow(add, "preview", r.preview, pre.calls.total * L);

  // rotation
  const rot = r.rotation;
  vsFloorRow(add, "rotation", rot);
  add(
    "rotation",
    "wall time, API calls",
    `${seconds(rot.measure.wallMs)} (bound ${seconds(rot.bound!.ms)}); ${describeCalls(rot.measure.calls)}; minimal ${rot.bound!.minimalCalls}`,
  );
  const rotTokens = tokenRange(rot.measure.tokensPerOrg);
  add(
    "rotation",
    "token requests",
    sameTokens(rot.measure.tokensPerOrg),
    `${TARGETS.tokensPerOrg} per org`,
    verdict(
      rot.measure.ok && rotTokens.min === TARGETS.tokensPerOrg && rotTokens.max === TARGETS.tokensPerOrg,
    ),
  );
  const limit = TARGETS.downtimeRoundTrips * L;
  const spells = rot.measure.inactive.length;
  const leftInactive = rot.leftInactive > 0 ? `; ${rot.leftInactive} LEFT INACTIVE` : "";
  add(
    "rotation",
    "longest inactive",
    rot.longestInactiveMs === undefined
      ? `no deactivation seen${leftInactive}`
      : `${rot.longestInactiveMs} ms (${(rot.longestInactiveMs / Math.max(L, 1)).toFixed(1)} round trips), ${spells} connectors${leftInactive}`,
    `≤ ${TARGETS.downtimeRoundTrips} round trips (${limit} ms)`,
    L === 0
      ? "n/a"
      : verdict(
          rot.measure.ok &&
            rot.leftInactive === 0 &&
            spells === r.options.orgs &&
            (rot.longestInactiveMs ?? Number.POSITIVE_INFINITY) <= limit,
        ),
  );

  // cost per resource
  const prov = r.cost.provider;
  const types = Object.values(prov.byType);
  const identical = types.length > 0 && types.every((t) => t.distinctTexts === 1) && prov.secretTexts === 0;
  add(
    "cost",
    "serialized provider",
    `max ${prov.maxBytes} B; distinct texts per kind: ${types.map((t) => t.distinctTexts).join("/")}`,
    `≤ ${TARGETS.providerBytes} B, identical per kind`,
    verdict(identical && prov.maxBytes <= TARGETS.providerBytes),
  );
  const st = r.cost.state;
  add(
    "cost",
    "state per connector",
    `mean ${kib(st.meanBytesPerResource)}, max ${kib(st.maxBytesPerResource)} (file ${kib(st.fileBytes)}, ${st.resources} resources)`,
    `mean ≤ ${kib(TARGETS.stateBytesPerConnector)}`,
    verdict(st.meanBytesPerResource <= TARGETS.stateBytesPerConnector),
  );
  const peaks = Object.values(r.cost.pluginPeakKb).filter((kb): kb is number => kb !== undefined);
  add(
    "cost",
    "plugin peak RSS",
    Object.entries(r.cost.pluginPeakKb)
      .map(([op, kb]) => `${op} ${mib(kb)}`)
      .join(", "),
    `≤ ${TARGETS.pluginPeakMiB} MiB`,
    peaks.length === 0 ? "n/a" : verdict(Math.max(...peaks) <= TARGETS.pluginPeakMiB * 1024),
  );
  for (const [name, scenario] of scenarios(r)) {
    const m = scenario.measure;
    add(
      "cost",
      `${name}: CPU per process`,
      `${cpuLine(m)}; floor ${scenario.floor ? cpuLine(scenario.floor) : "n/a"}`,
    );
    add(
      "cost",
      `${name}: CPU per resource op`,
      `${perOp(m)}; floor ${scenario.floor ? perOp(scenario.floor) : "n/a"}`,
    );
    add(
      "cost",
      `${name}: checkpoint writes`,
      `${m.checkpoint.writes} writes, ${kib(m.checkpoint.bytes)} (${kib(m.checkpoint.bytes / Math.max(1, m.steps))} per resource op); floor ${scenario.floor ? kib(scenario.floor.checkpoint.bytes) : "n/a"}`,
    );
  }
  return out;
}

type Add = (scenario: string, figure: string, measured: string, target?: string, result?: Verdict) => void;

/** Ours ÷ the floor's wall time; `allowanceMs` is time the floor does not spend by design (preview's check). */
function vsFloorRow(add: Add, name: string, s: ScenarioResult, allowanceMs = 0): void {
  if (!s.floor) {
    add(name, "÷ floor provider", "not measured", `≤ ${TARGETS.vsFloor}×`, "MISS");
    return;
  }
  const ours = s.measure.wallMs;
  const floor = s.floor.wallMs;
  const allowed = TARGETS.vsFloor * floor + allowanceMs;
  const plus = allowanceMs > 0 ? ` + ${seconds(allowanceMs)} for the credential check` : "";
  add(
    name,
    "÷ floor provider",
    `${seconds(ours)} ÷ ${seconds(floor)} = ${(ours / floor).toFixed(2)}×`,
    `≤ ${TARGETS.vsFloor}× floor${plus}`,
    verdict(s.measure.ok && ours <= allowed),
  );
}

function scenarios(r: BenchResults): Array<[string, ScenarioResult]> {
  const list: Array<[string, ScenarioResult | undefined]> = [
    ["rollout", r.rollout],
    ["refresh", r.refresh],
    ["preview", r.preview],
    ["rotation", r.rotation],
  ];
  return list.filter((e): e is [string, ScenarioResult] => e[1] !== undefined);
}

const cpuSeconds = (ms: number | undefined) => (ms === undefined ? "n/a" : `${(ms / 1000).toFixed(2)} s`);

function cpuLine(m: OperationMeasure): string {
  return `harness ${cpuSeconds(m.cpuMs.harness)}, plugin ${cpuSeconds(m.cpuMs.plugin)}, emulator ${cpuSeconds(m.cpuMs.emulator)}`;
}

/** CPU ms per resource operation (step), harness and plugin. */
export function cpuPerOp(m: OperationMeasure): { harness: number; plugin?: number } {
  const steps = Math.max(1, m.steps);
  return {
    harness: m.cpuMs.harness / steps,
    ...(m.cpuMs.plugin !== undefined ? { plugin: m.cpuMs.plugin / steps } : {}),
  };
}

function perOp(m: OperationMeasure): string {
  const c = cpuPerOp(m);
  return `harness ${c.harness.toFixed(1)} ms, plugin ${c.plugin === undefined ? "n/a" : `${c.plugin.toFixed(1)} ms`}`;
}

export function header(r: BenchResults): string[] {
  const o = r.options;
  const m = r.machine;
  return [
    `pulumi-wxcc bench: ${o.orgs} orgs × 6 connector kinds = ${r.connectors} connectors in one stack; latency ${o.latencyMs} ms per request; rate limit ${o.rateLimit}/min per client; parallel ${o.parallel}; live traffic ${o.liveRate}/min per org`,
    `machine: ${m.cpu} × ${m.cores}, ${m.memoryGiB} GiB, ${m.os}, Node ${m.node}; load ${m.loadAverage.join(" ")} at the start; ${r.finishedAt}`,
    ...(o.installed ? [`package: ${o.installed}`] : []),
  ];
}

/** The rows as an aligned plain-text table (also valid Markdown when `markdown` is set). */
export function formatTable(table: Row[], markdown = false): string {
  const columns: Array<keyof Row> = ["scenario", "figure", "measured", "target", "result"];
  const cells = [columns.map(String), ...table.map((row) => columns.map((c) => row[c]))];
  const widths = columns.map((_, i) => Math.max(...cells.map((line) => line[i].length)));
  const line = (values: string[]) =>
    markdown
      ? `| ${values.map((v, i) => v.padEnd(widths[i])).join(" | ")} |`
      : values
          .map((v, i) => v.padEnd(widths[i]))
          .join("  ")
          .trimEnd();
  const rule = markdown
    ? `| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`
    : widths.map((w) => "-".repeat(w)).join("  ");
  return [line(cells[0]), rule, ...cells.slice(1).map(line)].join("\n");
}

/** Targets missed, as "scenario figure". */
export function misses(table: Row[]): string[] {
  return table.filter((row) => row.result === "MISS").map((row) => `${row.scenario} ${row.figure}`);
}

// The demo: the quickstart program's whole lifecycle, driven like the Pulumi CLI drives it (through the
// engine harness and Pulumi's own dynamic-provider plugin), against the embedded emulator.
import * as fs from "node:fs";
import * as path from "node:path";
import { type RunningEmulator, startEmulator } from "pulumi-wxcc/emulator";
import {
  type ConfigValue,
  type OperationResult,
  type PreviewResult,
  Stack,
  type Step,
} from "pulumi-wxcc/testing";
import {
  buildPlan,
  isChange,
  kindRank,
  type Plan,
  renderText,
  validatePreviewDigest,
  wxccKindOf,
} from "../plan-reporter";
import { type ApiArea, countByArea, writesPerConnector } from "./api-calls";
import { reuseInstructions } from "./reuse";
import { plural, seconds, type Tone, Ui } from "./ui";
import { AGENTS, createQuickstartWorld, type QuickstartWorld } from "./world";

export const DEMO_STEPS = ["setup", "preview", "up", "change", "destroy"] as const;
export type DemoStep = (typeof DEMO_STEPS)[number];

export interface DemoOptions {
  stopAfter?: DemoStep;
  keepEmulator?: boolean;
  color: boolean;
  write: (text: string) => void;
  /** Resolves when the user asks a kept emulator to stop (Ctrl-C). */
  waitForStop?: () => Promise<void>;
}

/** The repository root: the demo runs the root Pulumi project (the quickstart program). */
export const ROOT = path.resolve(__dirname, "../../..");
export const PROGRAM = path.join(ROOT, "dist/examples/quickstart/index.js");
const ORG_ID = "demo-acme";

interface Tally {
  /** The demo org's provider settings, for reusing a kept emulator. */
  org?: { orgId: string; providerConfig: Record<string, ConfigValue> };
  operations: Record<string, number>;
  resources: number;
  connectors: number;
  flows: number;
  kinds: Set<string>;
  layouts: number;
}

export async function runDemo(options: DemoOptions): Promise<number> {
  const ui = new Ui({ color: options.color, write: options.write });
  const started = Date.now();
  const tally: Tally = {
    operations: {},
    resources: 0,
    connectors: 0,
    layouts: 0,
    flows: 0,
    kinds: new Set(),
  };
  ui.line(ui.paint("bold", "pulumi-wxcc demo"));
  ui.line(
    "Webex Contact Center connectors, a Salesforce call-center definition and a desktop layout, as code, end to end.",
  );
  ui.line(
    ui.paint(
      "dim",
      "Pulumi's engine plugin drives the provider; the embedded emulator plays Webex and Salesforce.",
    ),
  );

  const emulator = await startEmulator();
  let failed = false;
  try {
    failed = !(await lifecycle(ui, emulator, options, tally));
    await summary(ui, emulator, tally, started, failed);
    if (options.keepEmulator) await keep(ui, emulator, options, tally.org);
  } finally {
    await emulator.close();
  }
  return failed ? 1 : 0;
}

async function lifecycle(
  ui: Ui,
  emulator: RunningEmulator,
  options: DemoOptions,
  tally: Tally,
): Promise<boolean> {
  const stop = (step: DemoStep) => options.stopAfter === step;

  let t = Date.now();
  const world = await createQuickstartWorld(emulator, ORG_ID);
  tally.org = { orgId: world.orgId, providerConfig: world.providerConfig };
  const stack = new Stack({ projectDir: ROOT, project: "quickstart", stack: "demo", config: world.config });
  ui.heading("Setting up", seconds(Date.now() - t));
  setupLines(ui, emulator, world);
  if (stop("setup")) return true;

  t = Date.now();
  const preview = await stack.preview(PROGRAM);
  ui.heading("1 · preview: what `pulumi up` will do", seconds(Date.now() - t));
  if (!showPlan(ui, preview)) return false;
  if (stop("preview")) return true;

  t = Date.now();
  const up = await stack.up(PROGRAM);
  const upLog = await emulator.control.requests();
  ui.heading("2 · up: create them", seconds(Date.now() - t));
  if (!showApplied(ui, up, upLog, tally)) return false;
  const resources = stack.resources();
  tally.resources = resources.length;
  for (const r of resources) {
    const kind = wxccKindOf(r.type);
    if (kind?.isConnector) {
      tally.connectors += 1;
      tally.kinds.add(kind.type);
    }
    if (kind?.type === "DesktopLayout") tally.layouts += 1;
    if (kind?.type === "Flow") tally.flows += 1;
  }
  if (stop("up")) return true;

  t = Date.now();
  const rotated = await world.rotateSalesforceKey();
  stack.setConfig("salesforcePrivateKey", { secret: rotated });
  stack.setConfig("version", "2");
  const preview2 = await stack.preview(PROGRAM);
  ui.heading("3 · version 2: a rotated key, a renamed connector, new settings", seconds(Date.now() - t));
  ui.pairs([
    [
      "credential",
      "a new certificate on the connector's Salesforce connected app; its key set as a secret in config",
    ],
    [
      "program",
      "quickstart:version 2: the TTS connector renamed (its flow re-pointed), the Orders API described anew, " +
        "softphone settings, the desktop layout's title",
    ],
  ]);
  ui.line();
  if (!showPlan(ui, preview2)) return false;
  const seq = lastSeq(upLog);
  t = Date.now();
  const up2 = await stack.up(PROGRAM);
  const up2Log = await emulator.control.requests(seq);
  ui.line();
  ui.line(`  ${ui.paint("bold", "up")}${ui.paint("dim", `  ${seconds(Date.now() - t)}`)}`);
  if (!showApplied(ui, up2, up2Log, tally)) return false;
  if (stop("change")) return true;

  t = Date.now();
  const seq2 = lastSeq(up2Log, seq);
  const destroy = await stack.destroy();
  const destroyLog = await emulator.control.requests(seq2);
  ui.heading("4 · destroy", seconds(Date.now() - t));
  return showApplied(ui, destroy, destroyLog, tally);
}

function setupLines(ui: Ui, emulator: RunningEmulator, world: QuickstartWorld): void {
  ui.pairs([
    ["emulator", `${emulator.url}  (Contact Center API, Webex identity, Salesforce)`],
    ["org", `${world.orgId} (us1, FLEX3 licences), a full administrator with an OAuth integration`],
    ["Salesforce", "a connected app for the connector (its RSA key generated just now), one for deploys"],
    ["agents", `${AGENTS.join(", ")} (Salesforce users the call center is assigned to)`],
    ["identity", "an OAuth 2.0 client for the Orders API, a Basic-auth validation URL for the Loyalty API"],
    ["program", "examples/quickstart, version 1 (the root Pulumi.yaml's program), stack quickstart/demo"],
  ]);
}

function showPlan(ui: Ui, preview: PreviewResult): boolean {
  const plan = buildPlan(validatePreviewDigest(preview.toPreviewJson({ showSames: true })));
  ui.block(renderText(plan, { color: ui.color }));
  warnings(ui, plan);
  return reportFailure(ui, preview);
}

function warnings(ui: Ui, plan: Plan): void {
  if (plan.warnings.length === 0) return;
  ui.line();
  for (const w of plan.warnings) ui.line(`  ${ui.paint("yellow", "⚠")} ${w.text}`);
}

const DONE: Record<string, [string, string, Tone]> = {
  create: ["+", "created", "green"],
  update: ["~", "updated", "yellow"],
  replace: ["±", "replaced", "magenta"],
  delete: ["-", "deleted", "red"],
};

function showApplied(ui: Ui, result: OperationResult, requests: LoggedRequests, tally: Tally): boolean {
  const writes = writesPerConnector(requests);
  const rows: string[][] = [];
  const names = [...new Set(result.steps.map((s) => s.name))].sort(
    (a, b) =>
      kindRank(wxccKindOf(result.step(a)!.type)) - kindRank(wxccKindOf(result.step(b)!.type)) ||
      a.localeCompare(b),
  );
  for (const name of names) {
    const step = result.step(name)!;
    if (!isChange(step.op)) continue;
    const kind = wxccKindOf(step.type);
    const failedStep = result.stepsFor(name).find((s) => s.error);
    if (failedStep) {
      rows.push([`✗ ${step.op} failed`, kind?.label ?? step.type, label(step), "see below"]);
      continue;
    }
    tally.operations[step.op] = (tally.operations[step.op] ?? 0) + 1;
    const [symbol, word] = DONE[step.op] ?? ["*", step.op];
    rows.push([`${symbol} ${word}`, kind?.label ?? step.type, label(step), detail(step, result, writes)]);
  }
  ui.table(rows, "    ", [undefined, undefined, undefined, "dim"]);
  const areas = countByArea(requests);
  const calls = (Object.entries(areas) as [ApiArea, number][])
    .filter(([, n]) => n > 0)
    .map(([area, n]) => `${area} ${n}`)
    .join(" · ");
  ui.line(ui.paint("dim", `    ${plural(requests.length, "API call")}${calls ? `: ${calls}` : ""}`));
  return reportFailure(ui, result);
}

type LoggedRequests = Awaited<ReturnType<RunningEmulator["control"]["requests"]>>;

function label(step: Step): string {
  const oldName = nameOf(step.oldState?.outputs) ?? nameOf(step.oldState?.inputs);
  const newName = nameOf(step.newState?.outputs) ?? nameOf(step.newState?.inputs);
  if (step.op === "replace" && oldName && newName && oldName !== newName) return `${oldName} → ${newName}`;
  return newName ?? oldName ?? step.name;
}

function nameOf(props: Record<string, unknown> | undefined): string | undefined {
  const value = props?.name ?? props?.internalName;
  return typeof value === "string" ? value : undefined;
}

function detail(step: Step, result: OperationResult, writes: Map<string, string[]>): string {
  const idOf = (props: Record<string, unknown> | undefined) =>
    typeof props?.connectorId === "string" ? props.connectorId : undefined;
  const short = (id: string) => id.slice(0, 8);
  const newId = idOf(step.newState?.outputs);
  const oldId = idOf(step.oldState?.outputs);
  const verbs = (id: string | undefined) => (id ? (writes.get(id) ?? []) : []);
  if (wxccKindOf(step.type)?.type === "DesktopLayout") return layoutDetail(step);
  if (wxccKindOf(step.type)?.type === "Flow") return flowDetail(step);
  if (!wxccKindOf(step.type)?.isConnector) {
    if (step.op === "delete") return "users unassigned, removed from Salesforce";
    const users = step.newState?.outputs?.assignedUsers;
    const assigned =
      Array.isArray(users) && users.length > 0 ? `, ${plural(users.length, "agent")} assigned` : "";
    return `deployed through the Metadata API${assigned}`;
  }
  switch (step.op) {
    case "create":
      return newId ? `id ${short(newId)}, active` : "";
    case "update": {
      const done = verbs(newId ?? oldId);
      const stayed = done.includes("deactivate") ? "" : " (stayed active)";
      return `${done.join(" → ")}${stayed}`;
    }
    case "replace": {
      const old = result.stepsFor(step.name).find((s) => s.op === "delete-replaced")?.oldState?.outputs;
      const retiredId = idOf(old) ?? oldId;
      const retired = verbs(retiredId).join(" → ");
      return `new id ${newId ? short(newId) : "?"}; old ${retiredId ? short(retiredId) : "?"}: ${retired}`;
    }
    case "delete":
      return verbs(oldId).join(" → ");
    default:
      return "";
  }
}

function flowDetail(step: Step): string {
  if (step.op === "delete") return "forgotten: it stays in the org (the public flow API has no delete)";
  const outputs = step.newState?.outputs ?? {};
  const tags = Array.isArray(outputs.tags) ? outputs.tags.join(", ") : "Live";
  const bound = Object.values((outputs.boundActivities ?? {}) as Record<string, string[]>).flat().length;
  const verb = step.op === "create" ? "imported" : "re-pointed, imported";
  return `${verb} (${plural(bound, "bound activity", "bound activities")}), published to ${tags} as version ${String(outputs.version)}`;
}

function layoutDetail(step: Step): string {
  const teams = step.newState?.outputs?.teamIds ?? step.oldState?.outputs?.teamIds;
  const count = plural(Array.isArray(teams) ? teams.length : 0, "team");
  if (step.op === "delete") return `its ${count} back on the global layout, deleted`;
  if (step.op === "update") return `a new version; the agents of its ${count} see it at their next sign-in`;
  return `Cisco's Salesforce layout, assigned to ${count}`;
}

function reportFailure(ui: Ui, result: OperationResult): boolean {
  if (result.ok) return true;
  ui.line();
  ui.line(`  ${ui.paint("red", "failed")}: ${result.error ?? "unknown error"}`);
  for (const d of result.diagnostics.filter((x) => x.severity === "error")) {
    ui.line(`  ${ui.paint("red", "error")}: ${d.message.replace(/\s*\n\s*/g, " ")}`);
  }
  return false;
}

function lastSeq(requests: LoggedRequests, fallback = 0): number {
  return requests.length > 0 ? requests[requests.length - 1]!.seq : fallback;
}

async function summary(ui: Ui, emulator: RunningEmulator, tally: Tally, started: number, failed: boolean) {
  const requests = await emulator.control.requests();
  const areas = countByArea(requests);
  const ops = (["create", "update", "replace", "delete"] as const)
    .filter((op) => (tally.operations[op] ?? 0) > 0)
    .map((op) => `${tally.operations[op]} ${DONE[op]![1]}`)
    .join(" · ");
  ui.heading(failed ? "5 · summary (the demo stopped at a failure)" : "5 · summary");
  const resources =
    tally.resources > 0
      ? `${tally.resources}: ${plural(tally.connectors, "connector")} of ${tally.kinds.size} kinds, ` +
        `${plural(tally.resources - tally.connectors - tally.layouts - tally.flows, "call-center definition")}` +
        (tally.layouts > 0 ? `, ${plural(tally.layouts, "desktop layout")}` : "") +
        (tally.flows > 0 ? `, ${plural(tally.flows, "flow")}` : "")
      : "none created";
  ui.pairs([
    ["resources", resources],
    ["operations", ops || "none"],
    [
      "API calls",
      `${requests.length}: Contact Center ${areas["Contact Center"]} · identity ${areas.identity} · ` +
        `Salesforce ${areas.Salesforce}`,
    ],
    ["time", seconds(Date.now() - started)],
  ]);
}

async function keep(
  ui: Ui,
  emulator: RunningEmulator,
  options: DemoOptions,
  org: Tally["org"],
): Promise<void> {
  ui.line();
  ui.line(`The emulator keeps running at ${emulator.url}; press Ctrl-C to stop it.`);
  ui.line(ui.paint("dim", `  connectors: curl ${emulator.url}/_emulator/orgs/${ORG_ID}/connectors`));
  ui.line(ui.paint("dim", `  API calls:  curl ${emulator.url}/_emulator/requests`));
  const reuse = org ? reuseInstructions(emulator.url, org.orgId, org.providerConfig) : undefined;
  try {
    if (reuse) {
      ui.line();
      for (const line of reuse.lines) ui.line(line.startsWith("#") ? ui.paint("dim", line) : `  ${line}`);
    }
    await (options.waitForStop ?? waitForSignal)();
  } finally {
    if (reuse) fs.rmSync(reuse.secretsDir, { recursive: true, force: true });
  }
}

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      process.off("SIGINT", done);
      process.off("SIGTERM", done);
      resolve();
    };
    process.on("SIGINT", done);
    process.on("SIGTERM", done);
  });
}

// The plan for a terminal: one line per resource in aligned columns, colour only when asked for (the
// caller decides, from whether stdout is a TTY).
import { DEFAULT_ORG, isChange, type Plan, type PlannedResource } from "./plan";
import {
  adoptionNotes,
  connectorLabel,
  countsLine,
  describeChange,
  flagWord,
  operationWord,
} from "./wording";

export interface TextOptions {
  color?: boolean;
  /** Indent for every line (default two spaces). */
  indent?: string;
}

const SYMBOL: Record<string, string> = { create: "+", adopt: "=", update: "~", replace: "±", delete: "-" };
const COLOR: Record<string, number> = { create: 32, adopt: 36, update: 33, replace: 35, delete: 31 };

export function renderText(plan: Plan, options: TextOptions = {}): string {
  const paint = painter(options.color === true);
  const indent = options.indent ?? "  ";
  const resources = [...plan.orgs.flatMap((o) => o.resources), ...plan.others];
  const rows = resources.map((r) => ({ r, cells: cellsOf(r) }));
  const widths = [0, 1, 2].map((i) => Math.max(0, ...rows.map((row) => row.cells[i]!.length)));
  const flagWidth = Math.max(0, ...resources.map((r) => decorate(r).length));

  const lines: string[] = [];
  // A failed preview's errors come first: the plan below them is incomplete (as in the Markdown).
  const label = (severity: string) => (severity === "error" ? paint(31, "error") : paint(33, "warning"));
  const message = (text: string) => text.replace(/\s*\n\s*/g, " ");
  for (const d of plan.diagnostics.filter((x) => x.severity === "error")) {
    lines.push(`${indent}${label(d.severity)}: ${message(d.message)}`);
  }
  for (const org of plan.orgs) {
    const title = org.orgId === DEFAULT_ORG ? "default org" : `org ${org.orgId}`;
    lines.push(`${indent}${paint(1, title)}${org.region ? paint(2, ` (${org.region})`) : ""}`);
    for (const row of rows.filter((x) => org.resources.includes(x.r))) lines.push(line(row.r, row.cells));
  }
  if (plan.others.length > 0) {
    lines.push(`${indent}${paint(1, "other resources")}`);
    for (const row of rows.filter((x) => plan.others.includes(x.r))) lines.push(line(row.r, row.cells));
  }
  for (const d of plan.diagnostics.filter((x) => x.severity !== "error")) {
    lines.push(`${indent}${label(d.severity)}: ${message(d.message)}`);
  }
  lines.push(`${indent}${paint(1, countsLine(plan))}`);
  return `${lines.join("\n")}\n`;

  function line(r: PlannedResource, cells: string[]): string {
    const color = COLOR[r.operation];
    const op = cells[0]!.padEnd(widths[0]!);
    const flag = decorate(r).padEnd(flagWidth);
    const parts = [
      isChange(r.operation) && color ? paint(color, op) : paint(2, op),
      cells[1]!.padEnd(widths[1]!),
      cells[2]!.padEnd(widths[2]!),
      r.warnings.length > 0 ? paint(33, flag) : paint(2, flag),
    ];
    const prefix = `${indent}  ${parts.join("  ")}  `;
    const [first, ...more] = [...adoptionNotes(r), ...r.changes.map((c) => describeChange(c)), ...r.notes];
    // Further changes go on their own lines, under the first one.
    const hang = " ".repeat(indent.length + 2 + widths[0]! + widths[1]! + widths[2]! + flagWidth + 8);
    return [`${prefix}${first ?? ""}`.trimEnd(), ...more.map((m) => `${hang}${m}`)].join("\n");
  }
}

function cellsOf(r: PlannedResource): string[] {
  const symbol = SYMBOL[r.operation] ?? (isChange(r.operation) ? "*" : " ");
  return [`${symbol} ${operationWord(r)}`, r.kindLabel, connectorLabel(r)];
}

function decorate(r: PlannedResource): string {
  const flag = flagWord(r);
  if (!flag) return "";
  return r.warnings.length > 0 ? `⚠ ${flag}` : flag;
}

function painter(enabled: boolean): (code: number, text: string) => string {
  return (code, text) => (enabled && text.trim() !== "" ? `\u001b[${code}m${text}\u001b[0m` : text);
}

// Words shared by the Markdown and terminal renderings, so both say the same thing.
import type { FieldChange } from "./field-changes";
import { isChange, type Plan, type PlannedResource } from "./plan";

const ORDER = ["create", "adopt", "update", "replace", "delete"];

/** "1 to create · 2 to update · 1 to replace · 3 unchanged" */
export function countsLine(plan: Plan): string {
  const parts: string[] = [];
  const ops = Object.keys(plan.counts).filter(isChange);
  ops.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  for (const op of ops) parts.push(`${plan.counts[op]} to ${op}`);
  const unchanged = Object.entries(plan.counts)
    .filter(([op]) => !isChange(op))
    .reduce((sum, [, n]) => sum + n, 0);
  if (unchanged > 0) parts.push(`${unchanged} unchanged`);
  return parts.length === 0 ? "no resources" : parts.join(" · ");
}

function rank(op: string): number {
  const index = ORDER.indexOf(op);
  return index < 0 ? ORDER.length : index;
}

export function operationWord(r: PlannedResource): string {
  if (!isChange(r.operation)) return "no change";
  return r.operation;
}

/** The short consequence shown next to the operation. */
export function flagWord(r: PlannedResource): string {
  if (r.flag) return r.flag;
  if (r.deactivates) return "deactivates";
  if (r.reactivates) return "re-activates";
  if (r.kind?.isConnector && r.operation === "replace") return "new ID: re-point flows";
  if (r.kind?.isConnector && r.operation === "delete") return "stops routing";
  if (r.warnings.some((w) => w.consequence === "agents")) return "agents' next sign-in";
  return "";
}

export function connectorLabel(r: PlannedResource): string {
  return r.previousName ? `${r.previousName} → ${r.name}` : r.name;
}

const MAX_VALUE = 48;

function clip(value: string): string {
  const oneLine = value.replace(/\s+/g, " ");
  return oneLine.length > MAX_VALUE ? `${oneLine.slice(0, MAX_VALUE - 1)}…` : oneLine;
}

/** What an adoption does, in the words a reviewer needs: the id kept, the fields changed, the credentials. */
export function adoptionNotes(r: PlannedResource, code: (s: string) => string = (s) => s): string[] {
  if (!r.adoption) return [];
  const changes = r.adoption.changes;
  return [
    `takes over id ${code(r.adoption.connectorId)}`,
    changes.length > 0 ? `changes ${changes.map(code).join(", ")}` : "no field changes",
    `credentials ${r.adoption.credentials}`,
  ];
}

/** `privateKey: [secret] (changed)`, `description: "a" → "b"`, `scope: added "x"` */
export function describeChange(change: FieldChange, code: (s: string) => string = (s) => s): string {
  const field = code(change.path) + (change.certain ? "" : "?");
  if (change.secret) {
    if (change.before === undefined) return `${field}: [secret] (added)`;
    if (change.after === undefined) return `${field}: [secret] (removed)`;
    return `${field}: [secret] (${change.certain ? "changed" : "may have changed"})`;
  }
  if (change.before === undefined) return `${field}: ${code(clip(change.after ?? "null"))} (added)`;
  if (change.after === undefined) return `${field}: ${code(clip(change.before))} (removed)`;
  return `${field}: ${code(clip(change.before))} → ${code(clip(change.after))}`;
}

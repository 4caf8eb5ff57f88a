// What a desktop-layout change means for a reviewer: the JSON paths that change inside the layout (not two
// 40 KB documents), the teams assigned and unassigned, and a notice that the agents of the teams it is
// assigned to get the change at their next sign-in.
import { jsonChanges } from "../../provider/desktop-layout/json-paths";
import { type FieldChange, KNOWN_AFTER_APPLY, UNKNOWN } from "./field-changes";
import type { PlannedResource, PlanWarning } from "./plan";

type Inputs = Record<string, unknown>;

/** Paths listed per layout change; a rewrite of the whole document shows the first ones and a count. */
const MAX_PATHS = 20;

const printable = (value: unknown) =>
  value === undefined ? undefined : value === UNKNOWN ? KNOWN_AFTER_APPLY : JSON.stringify(value);

function ids(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

export function layoutChanges(before: Inputs, after: Inputs): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const key of ["name", "description", "jsonFileName", "active"]) {
    if (before[key] !== after[key]) {
      changes.push({
        path: key,
        before: printable(before[key]),
        after: printable(after[key]),
        secret: false,
        certain: true,
      });
    }
  }
  if (after.layout === UNKNOWN) {
    changes.push({ path: "layout", after: KNOWN_AFTER_APPLY, secret: false, certain: true });
  } else {
    const paths = jsonChanges(before.layout, after.layout, "layout", MAX_PATHS + 1);
    for (const change of paths.slice(0, MAX_PATHS)) {
      changes.push({
        path: change.path,
        before: printable(change.before),
        after: printable(change.after),
        secret: false,
        certain: true,
      });
    }
    if (paths.length > MAX_PATHS) {
      changes.push({
        path: "layout",
        after: `(and more: ${MAX_PATHS}+ places changed)`,
        secret: false,
        certain: true,
      });
    }
  }
  const { assigned, unassigned } = teamChanges(before, after);
  if (assigned.length > 0) {
    changes.push({ path: "teams assigned", after: assigned.join(", "), secret: false, certain: true });
  }
  if (unassigned.length > 0) {
    changes.push({ path: "teams unassigned", before: unassigned.join(", "), secret: false, certain: true });
  }
  return changes;
}

export function teamChanges(before: Inputs, after: Inputs): { assigned: string[]; unassigned: string[] } {
  const old = ids(before.teamIds);
  const now = ids(after.teamIds);
  return {
    assigned: now.filter((id) => !old.includes(id)),
    unassigned: old.filter((id) => !now.includes(id)),
  };
}

/** A changed layout that teams use reaches their agents at their next sign-in: say so, naming the teams. */
export function layoutWarnings(r: PlannedResource, before: Inputs, after: Inputs): PlanWarning[] {
  if (r.operation === "same" || (r.operation === "create" && ids(after.teamIds).length === 0)) return [];
  const teams = [...new Set([...ids(before.teamIds), ...ids(after.teamIds)])];
  if (teams.length === 0) return [];
  const what =
    r.operation === "delete"
      ? "is deleted: its teams go back to the global layout"
      : r.operation === "create"
        ? "is created and assigned"
        : "changes";
  return [
    {
      consequence: "agents",
      orgId: r.orgId,
      name: r.name,
      text:
        `Desktop layout ${r.name} ${what}; the agents of ${teams.length === 1 ? "team" : "teams"} ` +
        `${teams.join(", ")} get it at their next sign-in.`,
    },
  ];
}

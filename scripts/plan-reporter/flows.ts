// What a plan says about flows: which connector references a flow update re-points (and in which
// activities), which tags get republished, and, for a replaced connector, whether the flows bound to it in
// the stack are re-pointed before the old connector goes (create-before-delete) or cannot be (delete-first).
import { changedActivities, type FlowDocument } from "../../provider/flow/document";
import { KNOWN_AFTER_APPLY, UNKNOWN } from "./field-changes";
import type { PlannedResource } from "./plan";
import type { ResourceState } from "./preview-json";

type Values = Record<string, unknown>;

/** A connector id as plans show it: its first four characters. */
function shortId(value: unknown): string {
  if (value === UNKNOWN) return KNOWN_AFTER_APPLY;
  return typeof value === "string" ? `${value.slice(0, 4)}…` : "(none)";
}

function record(value: unknown): Values {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Values) : {};
}

function tagsOf(oldState: ResourceState | undefined, newIn: Values): string {
  const declared = record(newIn.publish).tags;
  const tags = Array.isArray(declared) && declared.length > 0 ? declared : oldState?.outputs?.tags;
  return Array.isArray(tags) && tags.length > 0 ? tags.join(", ") : "Live";
}

/**
 * The lines a flow's row shows instead of a field-by-field diff of its (large) definition. `keptIds` are the
 * ids of connectors the plan keeps (updated in place): a binding to one of them shows as unknown in a
 * preview but does not change.
 */
export function flowNotes(
  operation: string,
  oldState: ResourceState | undefined,
  newState: ResourceState | undefined,
  keptIds: ReadonlySet<string>,
): string[] {
  const oldIn = oldState?.inputs ?? {};
  const newIn = newState?.inputs ?? {};
  if (operation === "delete")
    return ["forgotten: the flow stays in the org (the public flow API has no delete)"];
  if (operation === "create") return [`imported and published to ${tagsOf(undefined, newIn)}`];
  if (operation !== "update" && operation !== "replace") return [];
  const notes: string[] = [];
  const before = record(oldState?.outputs?.connectors ?? oldIn.connectors);
  const after = newIn.connectors === UNKNOWN ? undefined : record(newIn.connectors);
  const activities = record(oldState?.outputs?.boundActivities);
  for (const reference of new Set([...Object.keys(before), ...Object.keys(after ?? {})])) {
    const next = after === undefined ? UNKNOWN : after[reference];
    if (next === before[reference]) continue;
    if (next === UNKNOWN && typeof before[reference] === "string" && keptIds.has(before[reference] as string))
      continue;
    const names = Array.isArray(activities[reference])
      ? ` (${(activities[reference] as string[]).join(", ")})`
      : "";
    notes.push(`${reference}: ${shortId(before[reference])} → ${shortId(next)}${names}`);
  }
  const oldDoc = oldIn.definition;
  const newDoc = newIn.definition;
  if (newDoc === UNKNOWN) notes.push(`definition: ${KNOWN_AFTER_APPLY}`);
  else if (oldDoc && newDoc && JSON.stringify(oldDoc) !== JSON.stringify(newDoc)) {
    const changed = changedActivities(oldDoc as FlowDocument, newDoc as FlowDocument);
    if (changed.length > 0) notes.push(`definition: ${changed.join("; ")}`);
  }
  if (operation === "replace")
    notes.push("a new flow is imported under the new name; the old one stays in the org");
  notes.push(`republished to ${tagsOf(oldState, newIn)}`);
  return notes;
}

export interface FlowBinding {
  flow: PlannedResource;
  oldState: ResourceState | undefined;
  newState: ResourceState | undefined;
  /** Connector ids the flow was bound to, with the number of activities each binding picks. */
  bound: { connectorId: string; activities: number }[];
}

/** The connector ids each flow of the plan was bound to (from its recorded outputs). */
export function flowBinding(
  flow: PlannedResource,
  oldState: ResourceState | undefined,
  newState: ResourceState | undefined,
): FlowBinding {
  const connectors = record(oldState?.outputs?.connectors);
  const activities = record(oldState?.outputs?.boundActivities);
  return {
    flow,
    oldState,
    newState,
    bound: Object.entries(connectors)
      .filter(([, id]) => typeof id === "string")
      .map(([reference, id]) => ({
        connectorId: id as string,
        activities: Array.isArray(activities[reference]) ? (activities[reference] as unknown[]).length : 0,
      })),
  };
}

/**
 * The replacement warning of a connector the stack's flows are bound to: create-before-delete re-points them
 * before the old connector is deleted; delete-first (a kind with one connector per org) cannot keep routing.
 * Undefined when no flow of the stack is bound to it: the plan keeps the general warning.
 */
export function repointWarning(
  connector: PlannedResource,
  oldConnectorId: unknown,
  flows: FlowBinding[],
): { text: string; flag: string } | undefined {
  const using = flows
    .map(({ flow, bound }) => ({
      flow,
      activities: bound.filter((b) => b.connectorId === oldConnectorId).reduce((n, b) => n + b.activities, 0),
    }))
    .filter((u) => u.activities > 0);
  if (using.length === 0) return undefined;
  const list = using
    .map((u) => `${u.flow.name} (${u.activities} ${u.activities === 1 ? "activity" : "activities"})`)
    .join(", ");
  const who = `${connector.previousName ?? connector.name} (${connector.kindLabel})`;
  if (connector.deleteBeforeReplace) {
    return {
      flag: "stops routing",
      text:
        `${who} is replaced delete-first (the org allows one of its kind), so routing cannot continue: flows ` +
        `${list} point at a deleted connector until they are re-pointed to the new one, right after it is created.`,
    };
  }
  return {
    flag: "flows re-pointed",
    text:
      `${who} is replaced: flows re-pointed: ${list}, imported and published with the new ID before the old ` +
      "connector is deleted. Flows outside this stack that use it are not re-pointed.",
  };
}

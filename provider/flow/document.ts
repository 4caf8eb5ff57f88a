// A flow as Flow Designer exports it (a FlowVersionRes document) and the connector references in it. An
// activity names its connector twice, in process.activities and in diagram.widgets under the same activity
// id, in the main flow and in every event flow: HTTP activities under `connectorId` (with the `:name`/`_name`
// companions in newer exports), text-to-speech activities in the five-key `connector` group. Binding a
// reference rewrites every copy; reading a live flow back undoes that rewrite, so what is left is the
// document the program declared plus whatever someone changed in Flow Designer.
import { isDeepStrictEqual } from "node:util";

export type FlowDocument = Record<string, unknown>;
type Props = Record<string, unknown>;

/** The connector group an activity uses: HTTP (`connectorId…`) or text-to-speech (`connector…`). */
const GROUPS = [
  { id: "connectorId", names: ["connectorId:name", "connectorId_name"] },
  { id: "connector", names: ["connector:name", "connector_name"] },
] as const;

/** The server's own fields: an export carries them, an import ignores them, so they never count as changes. */
const METADATA_KEYS = new Set([
  "id",
  "flowId",
  "orgId",
  "version",
  "comment",
  "flowType",
  "createdBy",
  "createdDate",
  "lastModifiedBy",
  "lastModifiedDate",
  "validating",
  "validationResults",
  "persist",
]);

/** One activity that uses a connector, with where its two copies live. */
export interface ConnectorActivity {
  /** "main" or the event flow's key (e.g. GLOBAL_EVENTS). */
  part: string;
  activityId: string;
  /** The activity's name in Flow Designer (e.g. AccountByANI). */
  name: string;
  /** Which key holds the id: `connectorId` (HTTP) or `connector` (text-to-speech). */
  key: "connectorId" | "connector";
  /** The connector id (or, for Cisco's own text-to-speech, its constant name). */
  value: string;
  /** The connector name the export carries, when it carries one. */
  connectorName?: string;
}

interface Part {
  part: string;
  activities: Record<string, { name?: unknown; properties?: Props }>;
  widgets: Record<string, { properties?: Props }>;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function parts(doc: FlowDocument): Part[] {
  const of = (part: string, holder: unknown): Part => {
    const h = isObject(holder) ? holder : {};
    const activities = isObject(h.process) && isObject(h.process.activities) ? h.process.activities : {};
    const widgets = isObject(h.diagram) && isObject(h.diagram.widgets) ? h.diagram.widgets : {};
    return { part, activities: activities as Part["activities"], widgets: widgets as Part["widgets"] };
  };
  const events =
    isObject(doc.eventFlows) && isObject(doc.eventFlows.eventsMap) ? doc.eventFlows.eventsMap : {};
  return [of("main", doc), ...Object.entries(events).map(([key, flow]) => of(key, flow))];
}

/** Every activity of the document that uses a connector, main flow first. */
export function connectorActivities(doc: FlowDocument): ConnectorActivity[] {
  const found: ConnectorActivity[] = [];
  for (const { part, activities } of parts(doc)) {
    for (const [activityId, activity] of Object.entries(activities)) {
      const props = isObject(activity?.properties) ? activity.properties : {};
      for (const group of GROUPS) {
        const value = props[group.id];
        if (typeof value !== "string" || value === "") continue;
        const connectorName = group.names
          .map((key) => props[key])
          .find((v) => typeof v === "string" && v !== "");
        found.push({
          part,
          activityId,
          name: typeof activity.name === "string" ? activity.name : activityId,
          key: group.id,
          value,
          ...(connectorName === undefined ? {} : { connectorName: connectorName as string }),
        });
      }
    }
  }
  return found;
}

/** Whether a binding's reference name picks this activity: by the connector name it carries, or its id. */
export function matches(reference: string, activity: ConnectorActivity): boolean {
  return activity.connectorName === reference || activity.value === reference;
}

/** The activities each binding picks, by reference name. */
export function boundActivities(
  doc: FlowDocument,
  references: string[],
): Record<string, ConnectorActivity[]> {
  const all = connectorActivities(doc);
  return Object.fromEntries(references.map((ref) => [ref, all.filter((a) => matches(ref, a))]));
}

/** How many places (process and diagram copies) name the activity's connector. */
export function occurrences(doc: FlowDocument, activities: ConnectorActivity[]): number {
  let count = 0;
  const byPart = new Map(parts(doc).map((p) => [p.part, p]));
  for (const a of activities) {
    const part = byPart.get(a.part)!;
    count += 1 + (typeof part.widgets[a.activityId]?.properties?.[a.key] === "string" ? 1 : 0);
  }
  return count;
}

/** The properties objects of both copies of an activity (the diagram copy may be missing). */
function copiesOf(part: Part, activityId: string): Props[] {
  return [part.activities[activityId]?.properties, part.widgets[activityId]?.properties].filter(isObject);
}

/** A bound connector: its id, and its name when known (for the `:name`/`_name` companions). */
export interface BoundConnector {
  id: string;
  name?: string;
}

/**
 * The document with every activity a binding picks pointed at its connector, in both copies and every
 * event flow, under `name`. Companion keys are rewritten only where the export has them.
 */
export function bind(
  definition: FlowDocument,
  name: string,
  bindings: Record<string, BoundConnector>,
): FlowDocument {
  const doc = structuredClone(definition);
  const byPart = new Map(parts(doc).map((p) => [p.part, p]));
  for (const activity of connectorActivities(definition)) {
    const reference = Object.keys(bindings).find((ref) => matches(ref, activity));
    if (reference === undefined) continue;
    const connector = bindings[reference];
    const group = GROUPS.find((g) => g.id === activity.key)!;
    for (const props of copiesOf(byPart.get(activity.part)!, activity.activityId)) {
      if (group.id in props) props[group.id] = connector.id;
      for (const key of group.names)
        if (key in props && connector.name !== undefined) props[key] = connector.name;
    }
  }
  doc.name = name;
  return doc;
}

/**
 * Reads a live document back against the definition it was made from: for each bound activity, the
 * connector id it points at now, and the live document with the definition's connector values put back
 * (so only edits made outside the program remain).
 */
export function unbind(
  definition: FlowDocument,
  live: FlowDocument,
  references: string[],
): { document: FlowDocument; liveIds: Record<string, { activity: string; id: string | undefined }[]> } {
  const doc = structuredClone(live);
  const liveParts = new Map(parts(doc).map((p) => [p.part, p]));
  const declaredParts = new Map(parts(definition).map((p) => [p.part, p]));
  const liveIds: Record<string, { activity: string; id: string | undefined }[]> = {};
  for (const activity of connectorActivities(definition)) {
    const reference = references.find((ref) => matches(ref, activity));
    if (reference === undefined) continue;
    const part = liveParts.get(activity.part);
    const props = part?.activities[activity.activityId]?.properties;
    const id =
      isObject(props) && typeof props[activity.key] === "string"
        ? (props[activity.key] as string)
        : undefined;
    (liveIds[reference] ??= []).push({ activity: activity.name, id });
    if (!part) continue;
    const declared = copiesOf(declaredParts.get(activity.part)!, activity.activityId);
    copiesOf(part, activity.activityId).forEach((copy, index) => {
      const original = declared[index] ?? declared[0];
      const group = GROUPS.find((g) => g.id === activity.key)!;
      for (const key of [group.id, ...group.names])
        if (key in copy && key in original) copy[key] = original[key];
    });
  }
  return { document: doc, liveIds };
}

/** The document without the server's metadata: what an import changes. */
export function contentOf(doc: FlowDocument): FlowDocument {
  return Object.fromEntries(Object.entries(doc).filter(([key]) => !METADATA_KEYS.has(key)));
}

export function sameContent(a: FlowDocument, b: FlowDocument): boolean {
  return isDeepStrictEqual(contentOf(a), contentOf(b));
}

/** The activities whose content differs between two documents (by name), and whether anything else does. */
export function changedActivities(declared: FlowDocument, live: FlowDocument): string[] {
  const changed: string[] = [];
  const liveParts = new Map(parts(live).map((p) => [p.part, p]));
  for (const part of parts(declared)) {
    const other = liveParts.get(part.part);
    const ids = new Set([...Object.keys(part.activities), ...Object.keys(other?.activities ?? {})]);
    for (const id of ids) {
      const a = part.activities[id];
      const b = other?.activities[id];
      const label = String((a ?? b)?.name ?? id);
      if (!a) changed.push(`${label}: added`);
      else if (!b) changed.push(`${label}: removed`);
      else if (!isDeepStrictEqual(a, b) || !isDeepStrictEqual(part.widgets[id], other?.widgets[id])) {
        changed.push(`${label}: edited`);
      }
    }
  }
  if (changed.length === 0 && !sameContent(declared, live))
    changed.push("flow settings, links or variables: edited");
  return changed;
}

// The emulated flow store of each org: flows with their versions and tags, and the entry points that route
// live calls to a flow's tag. Kept in the emulator's state as the "flows" extension, so it persists with
// the rest. The emulator keeps its own reading of a flow document on purpose (see docs/architecture.md).
import type { EmulatorContext } from "../types";

export const FLOW_TYPES = ["FLOW", "SUBFLOW"] as const;
export type FlowType = (typeof FLOW_TYPES)[number];

/** The tags a version can be published to (the PublishParameters' tagIds). */
export const FLOW_TAGS = ["Live", "Test", "Dev", "Latest"] as const;
export type FlowTag = (typeof FLOW_TAGS)[number];

export interface FlowVersionRecord {
  id: string;
  number: number;
  /** The imported document, as uploaded (the server's metadata is laid over it on export). */
  content: Record<string, unknown>;
  published: boolean;
  comment: string;
  createdDate: string;
}

export interface FlowTagRecord {
  id: FlowTag;
  flowVersionId: string;
  versionNumber: number;
}

export interface FlowRecord {
  id: string;
  orgId: string;
  name: string;
  flowType: FlowType;
  description: string;
  createdBy: string;
  createdDate: string;
  lastModifiedBy: string;
  lastModifiedDate: string;
  /** Who has the flow open in Flow Designer (set through the control API). */
  lockedBy?: string;
  lockedAt?: string;
  versions: FlowVersionRecord[];
  tags: FlowTagRecord[];
  tagHistories: Record<string, { flowVersionId: string; versionNumber: number; date: string }[]>;
}

export interface EntryPointRecord {
  id: string;
  orgId: string;
  name: string;
  flowId: string;
  flowTagId: FlowTag;
}

/** What an entry point's live calls ran from one publish on: the history tests replay against the log. */
export interface RouteChange {
  entryPointId: string;
  flowId: string;
  versionId: string;
  versionNumber: number;
  connectorIds: string[];
  date: string;
}

export interface FlowStore {
  flows: FlowRecord[];
  entryPoints: EntryPointRecord[];
  routeHistory: RouteChange[];
}

export function flowStore(ctx: EmulatorContext): FlowStore {
  return ctx.extension<FlowStore>("flows", () => ({ flows: [], entryPoints: [], routeHistory: [] }));
}

/** A 24-hex id, the shape the flow store's ids have (they are MongoDB object ids). */
export function objectId(ctx: EmulatorContext): string {
  return ctx.newId().replace(/-/g, "").slice(0, 24);
}

export function isoNow(ctx: EmulatorContext): string {
  return new Date(ctx.now()).toISOString();
}

export function newestVersion(flow: FlowRecord): FlowVersionRecord | undefined {
  return flow.versions[flow.versions.length - 1];
}

/** The version `version=latest` exports: the newest published one, or the draft of a never published flow. */
export function latestVersion(flow: FlowRecord): FlowVersionRecord | undefined {
  return [...flow.versions].reverse().find((v) => v.published) ?? newestVersion(flow);
}

/**
 * The connector ids a document's activities use: HTTP activities' `connectorId` and text-to-speech
 * activities' `connector`, in the process of the main flow and of every event flow.
 */
export function connectorIdsIn(content: Record<string, unknown>): string[] {
  const ids = new Set<string>();
  const processes: unknown[] = [content.process];
  const eventsMap = (content.eventFlows as { eventsMap?: Record<string, { process?: unknown }> } | undefined)
    ?.eventsMap;
  for (const eventFlow of Object.values(eventsMap ?? {})) processes.push(eventFlow?.process);
  for (const proc of processes) {
    const activities = (proc as { activities?: Record<string, { properties?: Record<string, unknown> }> })
      ?.activities;
    for (const activity of Object.values(activities ?? {})) {
      for (const key of ["connectorId", "connector"]) {
        const value = activity?.properties?.[key];
        if (typeof value === "string" && value !== "") ids.add(value);
      }
    }
  }
  return [...ids];
}

/** Records what each entry point on this flow and tag now runs. */
export function recordRoutes(ctx: EmulatorContext, store: FlowStore, flow: FlowRecord): void {
  for (const entryPoint of store.entryPoints) {
    if (entryPoint.orgId !== flow.orgId || entryPoint.flowId !== flow.id) continue;
    const tag = flow.tags.find((t) => t.id === entryPoint.flowTagId);
    const version = flow.versions.find((v) => v.id === tag?.flowVersionId);
    const last = [...store.routeHistory].reverse().find((c) => c.entryPointId === entryPoint.id);
    if (!version || last?.versionId === version.id) continue;
    store.routeHistory.push({
      entryPointId: entryPoint.id,
      flowId: flow.id,
      versionId: version.id,
      versionNumber: version.number,
      connectorIds: connectorIdsIn(version.content),
      date: isoNow(ctx),
    });
  }
}

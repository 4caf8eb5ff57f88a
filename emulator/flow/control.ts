// The flow store's control endpoints under /_emulator/orgs/{orgId}/: a flow opened in Flow Designer (its
// lock), entry points that route live calls to a flow's tag, and which connectors such a call would use.
import { isPlainObject } from "../connectors/fields";
import { connectorsOf } from "../connectors/route";
import { badRequest, notFound } from "../core/errors";
import type { EmulatorRuntime } from "../core/runtime";
import type { EmulatorRequest, EmulatorResponse, Route } from "../types";
import {
  connectorIdsIn,
  type EntryPointRecord,
  FLOW_TAGS,
  type FlowStore,
  type FlowTag,
  flowStore,
  isoNow,
  objectId,
  recordRoutes,
} from "./store";

const PATH =
  /^\/_emulator\/orgs\/([^/]+)\/(flows|entry-points)(?:\/([^/]+))?(?:\/(lock|route|route-history))?$/;

function input(req: EmulatorRequest): Record<string, unknown> {
  const parsed = req.body.length === 0 ? {} : req.json();
  if (!isPlainObject(parsed)) throw badRequest("body", "The request body must be a JSON object.");
  return parsed;
}

function findFlow(store: FlowStore, orgId: string, flowId: string) {
  const flow = store.flows.find((f) => f.orgId === orgId && (f.id === flowId || f.name === flowId));
  if (!flow) throw notFound(`No flow with the id or name ${flowId} in org ${orgId}.`);
  return flow;
}

function findEntryPoint(store: FlowStore, orgId: string, id: string): EntryPointRecord {
  const entryPoint = store.entryPoints.find((e) => e.orgId === orgId && (e.id === id || e.name === id));
  if (!entryPoint) throw notFound(`No entry point with the id or name ${id} in org ${orgId}.`);
  return entryPoint;
}

/** Which flow version a live call at the entry point runs, and the connectors that version uses. */
function route(rt: EmulatorRuntime, store: FlowStore, entryPoint: EntryPointRecord) {
  const flow = store.flows.find((f) => f.id === entryPoint.flowId);
  const tag = flow?.tags.find((t) => t.id === entryPoint.flowTagId);
  const version = flow?.versions.find((v) => v.id === tag?.flowVersionId);
  const connectors = connectorsOf(rt, entryPoint.orgId);
  return {
    entryPoint,
    flowName: flow?.name ?? null,
    versionId: version?.id ?? null,
    versionNumber: version?.number ?? null,
    connectors: (version ? connectorIdsIn(version.content) : []).map((id) => {
      const connector = connectors.find((c) => c.id === id);
      return {
        id,
        name: connector?.name ?? null,
        exists: connector !== undefined,
        active: !!connector?.active,
      };
    }),
  };
}

export function flowControlRoute(rt: EmulatorRuntime): Route {
  return async (req): Promise<EmulatorResponse | undefined> => {
    const match = PATH.exec(req.path);
    if (!match) return undefined;
    const [, rawOrg, collection, rawId, action] = match;
    const orgId = decodeURIComponent(rawOrg);
    const id = rawId === undefined ? undefined : decodeURIComponent(rawId);
    const store = flowStore(rt.context);
    const key = `${req.method} ${collection}${id === undefined ? "" : "/id"}${action ? `/${action}` : ""}`;
    switch (key) {
      case "GET flows":
        return { status: 200, body: { data: store.flows.filter((f) => f.orgId === orgId) } };
      case "PUT flows/id/lock": {
        const flow = findFlow(store, orgId, id!);
        const lockedBy = input(req).lockedBy;
        if (typeof lockedBy !== "string" || lockedBy === "") {
          throw badRequest("lockedBy", "lockedBy is required: the user who has the flow open.");
        }
        flow.lockedBy = lockedBy;
        flow.lockedAt = isoNow(rt.context);
        rt.changed();
        return { status: 200, body: { lockedBy: flow.lockedBy, lockedAt: flow.lockedAt } };
      }
      case "DELETE flows/id/lock": {
        const flow = findFlow(store, orgId, id!);
        delete flow.lockedBy;
        delete flow.lockedAt;
        rt.changed();
        return { status: 204 };
      }
      case "POST entry-points": {
        const body = input(req);
        const flow = findFlow(store, orgId, String(body.flow ?? ""));
        const tag = body.flowTagId ?? "Live";
        if (!(FLOW_TAGS as readonly unknown[]).includes(tag)) {
          throw badRequest("flowTagId", `flowTagId must be one of ${FLOW_TAGS.join(", ")}.`);
        }
        if (typeof body.name !== "string" || body.name === "") {
          throw badRequest("name", "name is required: the entry point's name.");
        }
        const entryPoint = {
          id: objectId(rt.context),
          orgId,
          name: body.name,
          flowId: flow.id,
          flowTagId: tag as FlowTag,
        };
        store.entryPoints.push(entryPoint);
        recordRoutes(rt.context, store, flow);
        rt.changed();
        return { status: 201, body: entryPoint };
      }
      case "GET entry-points/id/route":
        return { status: 200, body: route(rt, store, findEntryPoint(store, orgId, id!)) };
      case "GET entry-points/id/route-history": {
        const entryPoint = findEntryPoint(store, orgId, id!);
        return {
          status: 200,
          body: { data: store.routeHistory.filter((c) => c.entryPointId === entryPoint.id) },
        };
      }
      default:
        return undefined;
    }
  };
}

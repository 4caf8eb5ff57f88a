// The flow store's four public endpoints under /flow-store/{orgId}/project/{projectId}/ (the official
// OpenAPI document, see docs/resources/flow.md): list, export, import (multipart only) and publish.
import { authorize } from "../connectors/access";
import { isPlainObject } from "../connectors/fields";
import { badRequest, EmulatorHttpError, methodNotAllowed, notFound } from "../core/errors";
import type { EmulatorRuntime } from "../core/runtime";
import type { EmulatorRequest, EmulatorResponse, Route } from "../types";
import {
  FLOW_TAGS,
  FLOW_TYPES,
  type FlowRecord,
  type FlowStore,
  type FlowTag,
  type FlowType,
  flowStore,
  isoNow,
  latestVersion,
  newestVersion,
  objectId,
  recordRoutes,
} from "./store";
import { basicFlowView, flowVersionView, flowView, PROJECT_ID } from "./views";

const PATH = /^\/flow-store\/([^/]+)\/project\/([^/]+)\/flows(?:\/([^/:]+))?(?::(import|export|publish))?$/;
const MAX_PAGE_SIZE = 100;

function flowType(value: string | null, fallback: FlowType | undefined): FlowType | undefined {
  if (value === null) return fallback;
  if ((FLOW_TYPES as readonly string[]).includes(value)) return value as FlowType;
  throw badRequest("flowType", `flowType must be FLOW or SUBFLOW; got ${JSON.stringify(value)}.`);
}

function whole(value: string | null, field: string, fallback: number, min: number): number {
  if (value === null) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min) {
    throw badRequest(field, `${field} must be a whole number of at least ${min}.`);
  }
  return Number(value);
}

function findFlow(store: FlowStore, orgId: string, flowId: string): FlowRecord {
  const flow = store.flows.find((f) => f.orgId === orgId && f.id === flowId);
  if (!flow) throw notFound(`No flow with the id ${flowId} in org ${orgId}.`);
  return flow;
}

function list(store: FlowStore, orgId: string, req: EmulatorRequest): EmulatorResponse {
  const type = flowType(req.query.get("flowType"), "FLOW");
  const ids = req.query.get("ids")?.split(",").filter(Boolean);
  const search = req.query.get("partialNameSearch")?.toLowerCase();
  const page = whole(req.query.get("page"), "page", 0, 0);
  const pageSize = Math.min(whole(req.query.get("size"), "size", 10, 1), MAX_PAGE_SIZE);
  const matching = store.flows.filter(
    (f) =>
      f.orgId === orgId &&
      f.flowType === type &&
      (ids === undefined || ids.includes(f.id)) &&
      (search === undefined || f.name.toLowerCase().includes(search)),
  );
  const data = matching.slice(page * pageSize, (page + 1) * pageSize).map(basicFlowView);
  if (req.query.get("includePagination") !== "true") return { status: 200, body: data };
  return {
    status: 200,
    body: {
      currentPage: page,
      pageSize,
      totalRecords: matching.length,
      totalPages: Math.ceil(matching.length / pageSize),
      data,
    },
  };
}

function exportFlow(flow: FlowRecord, req: EmulatorRequest): EmulatorResponse {
  const wanted = req.query.get("version") ?? "latest";
  const version =
    wanted === "latest"
      ? latestVersion(flow)
      : wanted === "draft"
        ? newestVersion(flow)
        : flow.versions.find((v) => v.id === wanted);
  if (!version) throw notFound(`Flow ${flow.id} has no version ${JSON.stringify(wanted)}.`);
  return { status: 200, body: flowVersionView(flow, version) };
}

/** The `file` part of a multipart/form-data body, as text. Anything else fails as the product does: 500. */
async function uploadedFile(req: EmulatorRequest): Promise<string> {
  const contentType = req.headers["content-type"] ?? "";
  const internal = new EmulatorHttpError(500, "INTERNAL_SERVER_ERROR", "Internal Server Error");
  if (!contentType.toLowerCase().startsWith("multipart/form-data")) throw internal;
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(req.body), {
      headers: { "content-type": contentType },
    }).formData();
  } catch {
    throw internal;
  }
  const file = form.get("file");
  if (file === null)
    throw badRequest("file", "The multipart body has no file part; upload the flow as file.");
  return typeof file === "string" ? file : file.text();
}

function parsedDocument(text: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw badRequest("file", "File parse error: the file is not a JSON FlowVersionRes object.");
  }
  if (!isPlainObject(parsed)) throw badRequest("file", "File parse error: the file is not a JSON object.");
  if (typeof parsed.name !== "string" || parsed.name.trim() === "") {
    throw badRequest("name", "Flow name is empty: give the flow a name.");
  }
  const activities = (parsed.process as { activities?: unknown } | undefined)?.activities;
  if (activities !== undefined && !isPlainObject(activities)) {
    throw badRequest("process.activities", "Invalid activity: process.activities must be an object.");
  }
  for (const [key, activity] of Object.entries(activities ?? {})) {
    if (!isPlainObject(activity)) {
      throw badRequest(`process.activities.${key}`, `Invalid activity ${key}: it must be an object.`);
    }
  }
  return parsed;
}

async function importFlow(
  rt: EmulatorRuntime,
  store: FlowStore,
  orgId: string,
  who: string,
  req: EmulatorRequest,
): Promise<EmulatorResponse> {
  if (req.headers["content-length"] === undefined) {
    throw badRequest("Content-Length", "The Content-Length header is required.");
  }
  const overwrite = req.query.get("overwrite") ?? "no";
  if (overwrite !== "yes" && overwrite !== "no") {
    throw badRequest("overwrite", "overwrite must be yes or no.");
  }
  const type = flowType(req.query.get("flowType"), "FLOW")!;
  const content = parsedDocument(await uploadedFile(req));
  const ctx = rt.context;
  const name = String(content.name);
  const now = isoNow(ctx);
  let flow = store.flows.find((f) => f.orgId === orgId && f.flowType === type && f.name === name);
  if (flow && overwrite === "no") {
    throw new EmulatorHttpError(
      409,
      "FLOW_ALREADY_EXISTS",
      `A flow/subflow with the same name already exists: ${JSON.stringify(name)} (id ${flow.id}).`,
      "name",
    );
  }
  if (!flow) {
    flow = {
      id: objectId(ctx),
      orgId,
      name,
      flowType: type,
      description: "",
      createdBy: who,
      createdDate: now,
      lastModifiedBy: who,
      lastModifiedDate: now,
      versions: [],
      tags: [],
      tagHistories: {},
    };
    store.flows.push(flow);
  }
  const previous = newestVersion(flow);
  const draft = {
    id: objectId(ctx),
    number: (previous?.number ?? 0) + 1,
    content,
    published: false,
    comment: "",
    createdDate: now,
  };
  // One draft at a time: a new import replaces an unpublished one.
  if (previous && !previous.published) flow.versions.pop();
  flow.versions.push(draft);
  flow.description = typeof content.description === "string" ? content.description : "";
  flow.lastModifiedBy = who;
  flow.lastModifiedDate = now;
  ctx.changed();
  return { status: 201, body: basicFlowView(flow) };
}

function publishParameters(req: EmulatorRequest): { comment: string; tagIds: FlowTag[] } {
  const body = req.json();
  if (!isPlainObject(body)) throw badRequest("body", "The body must be a PublishParameters object.");
  const comment = body.comment ?? "";
  if (typeof comment !== "string") throw badRequest("comment", "comment must be a string.");
  const tagIds = body.tagIds ?? [];
  if (!Array.isArray(tagIds) || tagIds.some((t) => !(FLOW_TAGS as readonly unknown[]).includes(t))) {
    throw badRequest("tagIds", `tagIds must be a list of ${FLOW_TAGS.join(", ")}.`);
  }
  return { comment, tagIds: tagIds as FlowTag[] };
}

function publish(
  rt: EmulatorRuntime,
  store: FlowStore,
  flow: FlowRecord,
  who: string,
  req: EmulatorRequest,
): EmulatorResponse {
  const { comment, tagIds } = publishParameters(req);
  const version = newestVersion(flow);
  if (!version) throw badRequest("flowId", `Flow ${flow.id} has no version to publish.`);
  const now = isoNow(rt.context);
  if (!version.published) {
    version.published = true;
    version.comment = comment;
  }
  for (const tagId of tagIds) {
    flow.tags = flow.tags.filter((t) => t.id !== tagId);
    flow.tags.push({ id: tagId, flowVersionId: version.id, versionNumber: version.number });
    (flow.tagHistories[tagId] ??= []).push({
      flowVersionId: version.id,
      versionNumber: version.number,
      date: now,
    });
  }
  flow.lastModifiedBy = who;
  flow.lastModifiedDate = now;
  recordRoutes(rt.context, store, flow);
  rt.changed();
  return { status: 200, body: flowView(flow) };
}

export function flowRoute(rt: EmulatorRuntime): Route {
  return async (req) => {
    const match = PATH.exec(req.path);
    if (!match) return undefined;
    const [, rawOrg, projectId, rawFlowId, action] = match;
    const orgId = decodeURIComponent(rawOrg);
    if (projectId !== PROJECT_ID) {
      throw notFound(`No project ${projectId}: the flow store's project id is always ${PROJECT_ID}.`);
    }
    const flowId = rawFlowId === undefined ? undefined : decodeURIComponent(rawFlowId);
    const store = flowStore(rt.context);
    const expect = (method: string) => {
      if (req.method !== method) throw methodNotAllowed(req);
    };
    if (flowId === undefined && action === undefined) {
      expect("GET");
      authorize(rt, req, orgId, "Listing flows", "read");
      return list(store, orgId, req);
    }
    if (flowId === undefined && action === "import") {
      expect("POST");
      const { grant } = authorize(rt, req, orgId, "Importing a flow", "write");
      return importFlow(rt, store, orgId, grant.clientId, req);
    }
    if (flowId !== undefined && action === "export") {
      expect("GET");
      authorize(rt, req, orgId, "Exporting a flow", "read");
      return exportFlow(findFlow(store, orgId, flowId), req);
    }
    if (flowId !== undefined && action === "publish") {
      expect("POST");
      // The official document gives publish the cjp:config_read scope.
      const { grant } = authorize(rt, req, orgId, "Publishing a flow", "read");
      return publish(rt, store, findFlow(store, orgId, flowId), grant.clientId, req);
    }
    throw notFound(`Nothing answers ${req.method} ${req.path} on this emulator.`);
  };
}

// The flow store's response shapes (BasicFlowDTO, FlowRes, FlowVersionRes of the official document).
import { type FlowRecord, type FlowVersionRecord, latestVersion, newestVersion } from "./store";

function tagViews(flow: FlowRecord) {
  return flow.tags.map((tag) => ({
    id: tag.id,
    displayName: tag.id,
    flowVersionId: tag.flowVersionId,
    versionNumber: tag.versionNumber,
    default: tag.id === "Live",
  }));
}

function status(flow: FlowRecord): "Draft" | "Published" {
  return newestVersion(flow)?.published ? "Published" : "Draft";
}

function lock(flow: FlowRecord) {
  return flow.lockedBy === undefined ? {} : { lockedBy: flow.lockedBy, lockedAt: flow.lockedAt };
}

export function basicFlowView(flow: FlowRecord) {
  return {
    id: flow.id,
    orgId: flow.orgId,
    name: flow.name,
    description: flow.description,
    flowType: flow.flowType,
    status: status(flow),
    version: newestVersion(flow)?.number ?? 0,
    tags: tagViews(flow),
    tagHistories: flow.tagHistories,
    assignedRS: [],
    createdBy: flow.createdBy,
    createdDate: flow.createdDate,
    lastModifiedBy: flow.lastModifiedBy,
    lastModifiedDate: flow.lastModifiedDate,
    ...lock(flow),
  };
}

/** A version as `:export` returns it: the uploaded document with the server's own metadata laid over it. */
export function flowVersionView(flow: FlowRecord, version: FlowVersionRecord) {
  return {
    ...version.content,
    orgId: flow.orgId,
    version: version.number,
    id: version.id,
    flowId: flow.id,
    name: flow.name,
    flowType: flow.flowType,
    comment: version.comment,
    createdBy: flow.createdBy,
    createdDate: version.createdDate,
    lastModifiedBy: flow.lastModifiedBy,
    lastModifiedDate: version.createdDate,
  };
}

export function flowView(flow: FlowRecord) {
  const latest = latestVersion(flow);
  const draft = newestVersion(flow);
  return {
    id: flow.id,
    orgId: flow.orgId,
    projectId: PROJECT_ID,
    flowType: flow.flowType,
    status: status(flow),
    version: draft?.number ?? 0,
    flowVersions: flow.versions.map((v) => v.id),
    tags: tagViews(flow),
    tagHistories: flow.tagHistories,
    assignedRS: [],
    preferences: [],
    validating: false,
    ...(latest ? { latestVersion: flowVersionView(flow, latest) } : {}),
    ...(draft ? { draftVersion: flowVersionView(flow, draft) } : {}),
    createdBy: flow.createdBy,
    createdDate: flow.createdDate,
    lastModifiedBy: flow.lastModifiedBy,
    lastModifiedDate: flow.lastModifiedDate,
    ...lock(flow),
  };
}

/** "System generated value which is the same across orgs and environments. Always use" this. */
export const PROJECT_ID = "5e5c9ad6d61f870d6d778c1b";

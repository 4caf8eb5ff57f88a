// The flow store's response shapes, written from Webex's official OpenAPI document (components.schemas
// BasicFlowDTO, FlowRes, FlowTagRes, FlowVersionRes of webex/webex-openapi-specs public-spec
// webex-contact-center.json @ 1be8332): every property with its documented type, and nothing undocumented.
import { z } from "zod";

const dateTime = z.string();

export const flowTagRes = z.strictObject({
  default: z.boolean().optional(),
  displayName: z.string().optional(),
  flowVersionId: z.string().optional(),
  id: z.string().optional(),
  versionNumber: z.number().int().optional(),
});

export const basicFlowDTO = z.strictObject({
  assignedRS: z.array(z.string()).optional(),
  createdBy: z.string().optional(),
  createdDate: dateTime.optional(),
  description: z.string().optional(),
  flowType: z.string().optional(),
  id: z.string().optional(),
  lastModifiedBy: z.string().optional(),
  lastModifiedDate: dateTime.optional(),
  lockedAt: dateTime.optional(),
  lockedBy: z.string().optional(),
  name: z.string().optional(),
  orgId: z.string().optional(),
  status: z.string().optional(),
  tagHistories: z.record(z.string(), z.unknown()).optional(),
  tags: z.array(flowTagRes).optional(),
  version: z.number().int().optional(),
});

const procRes = z.strictObject({
  activities: z.record(z.string(), z.unknown()).optional(),
  links: z.array(z.unknown()).optional(),
});
const diagramRes = z.strictObject({
  properties: z.record(z.string(), z.unknown()).optional(),
  widgets: z.record(z.string(), z.unknown()).optional(),
});

export const flowVersionRes = z.strictObject({
  comment: z.string().nullable().optional(),
  createdBy: z.string().optional(),
  createdDate: dateTime.optional(),
  description: z.string().optional(),
  diagram: diagramRes.optional(),
  eventFlows: z
    .strictObject({
      eventsMap: z.record(z.string(), z.unknown()).optional(),
      properties: z.record(z.string(), z.unknown()).optional(),
    })
    .optional(),
  flowId: z.string().optional(),
  flowType: z.string().optional(),
  id: z.string().optional(),
  lastModifiedBy: z.string().optional(),
  lastModifiedDate: dateTime.optional(),
  name: z.string().optional(),
  orgId: z.string().optional(),
  persist: z.boolean().optional(),
  process: procRes.optional(),
  runtimeVariables: z.array(z.unknown()).optional(),
  settings: z.array(z.unknown()).optional(),
  validating: z.boolean().optional(),
  validationResults: z.array(z.unknown()).optional(),
  variableOrders: z.record(z.string(), z.unknown()).optional(),
  variables: z.array(z.unknown()).optional(),
  version: z.number().int().optional(),
});

export const flowRes = z.strictObject({
  assignedRS: z.array(z.string()).optional(),
  createdBy: z.string().optional(),
  createdDate: dateTime.optional(),
  draftVersion: flowVersionRes.optional(),
  flowType: z.string().optional(),
  flowVersions: z.array(z.string()).optional(),
  id: z.string().optional(),
  lastModifiedBy: z.string().optional(),
  lastModifiedDate: dateTime.optional(),
  latestVersion: flowVersionRes.optional(),
  lockedAt: dateTime.optional(),
  lockedBy: z.string().optional(),
  orgId: z.string().optional(),
  preferences: z.array(z.unknown()).optional(),
  projectId: z.string().optional(),
  status: z.string().optional(),
  tagHistories: z.record(z.string(), z.unknown()).optional(),
  tags: z.array(flowTagRes).optional(),
  validating: z.boolean().optional(),
  version: z.number().int().optional(),
});

/** The page object `includePagination=true` returns ("currentPage, totalRecords, pageSize, totalPages"). */
export const flowPage = z.strictObject({
  currentPage: z.number().int(),
  totalRecords: z.number().int(),
  pageSize: z.number().int(),
  totalPages: z.number().int(),
  data: z.array(basicFlowDTO),
});

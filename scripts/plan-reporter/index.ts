// The plan reporter as a library: the demo and the tests render plans with it; cli.ts is the wxcc-plan bin.
export { type FieldChange, SECRET } from "./field-changes";
export { COMMENT_MARKER, renderMarkdown } from "./markdown";
export {
  buildPlan,
  DEFAULT_ORG,
  isChange,
  type OrgPlan,
  type Plan,
  type PlannedResource,
  type PlanWarning,
} from "./plan";
export {
  type PreviewDigest,
  PreviewInputError,
  parsePreviewJson,
  validatePreviewDigest,
} from "./preview-json";
export { isCredentialPath, kindRank, type WxccKind, type WxccTypeName, wxccKindOf } from "./resource-kinds";
export { type PlanSummary, toSummary } from "./summary";
export { renderText } from "./text";
export { countsLine } from "./wording";

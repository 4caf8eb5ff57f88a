import { buildPlan, type Plan, validatePreviewDigest } from "../../scripts/plan-reporter";

/** The plan `wxcc-plan` builds from a harness preview's JSON, as a pull request would show it. */
export function planOf(preview: { toPreviewJson(): unknown }): Plan {
  return buildPlan(validatePreviewDigest(preview.toPreviewJson()));
}

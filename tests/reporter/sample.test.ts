import { readFileSync } from "node:fs";
import { expect } from "chai";
import { buildPlan, parsePreviewJson, renderMarkdown } from "../../scripts/plan-reporter";
import {
  quickstartV2Sample,
  SAMPLE_MARKDOWN,
  SAMPLE_PREVIEW,
  withoutVolatile,
} from "../../scripts/samples/quickstart-v2";

describe("plan reporter: the documented quickstart v2 sample", function () {
  this.timeout(90_000);

  it("is what the reporter writes today for a real preview (run node dist/scripts/generate-samples.js)", async () => {
    const { markdown } = await quickstartV2Sample();
    const checkedIn = readFileSync(SAMPLE_MARKDOWN, "utf8");
    expect(withoutVolatile(markdown)).to.equal(withoutVolatile(checkedIn));
  });

  it("renders from the checked-in preview JSON to the checked-in Markdown", () => {
    const preview = parsePreviewJson(readFileSync(SAMPLE_PREVIEW, "utf8"), SAMPLE_PREVIEW);
    expect(renderMarkdown(buildPlan(preview))).to.equal(readFileSync(SAMPLE_MARKDOWN, "utf8"));
  });
});

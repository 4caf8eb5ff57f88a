import { expect } from "chai";
import { PreviewInputError, parsePreviewJson } from "../../scripts/plan-reporter";
import { fixtureText } from "./fixtures";

describe("plan reporter: reading preview JSON", () => {
  it("accepts the CLI's digest and keeps fields it does not know", () => {
    const digest = parsePreviewJson(fixtureText("cli-rotation-rename"));
    expect(digest.steps).to.have.length(7);
    expect(digest.changeSummary).to.deep.equal({ same: 2, update: 2, replace: 1 });
  });

  const bad: [string, string, RegExp][] = [
    ["empty input", "  \n", /is empty: expected the JSON document of a preview/],
    ["text that is not JSON", "Previewing update (dev):\n{", /is not JSON .*pulumi preview --json/],
    ["a JSON array", "[]", /must be a JSON object with a "steps" array/],
    ["an object that is not a preview", '{"hello": 1}', /none of "steps", "changeSummary" or "diagnostics"/],
    ["steps that are not a list", '{"steps": {"op": "create"}}', /field steps is invalid/],
    [
      "a step without an op",
      '{"steps": [{"urn": "urn:pulumi:a::b::c::d"}]}',
      /field steps\.0\.op is invalid/,
    ],
  ];
  for (const [what, text, message] of bad) {
    it(`refuses ${what} with an error that names the problem and the fix`, () => {
      expect(() => parsePreviewJson(text, "preview.json"))
        .to.throw(PreviewInputError, message)
        .with.property("message")
        .that.matches(/docs\/preview-json\.md/);
    });
  }
});

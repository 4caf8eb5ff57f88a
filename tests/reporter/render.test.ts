import { expect } from "chai";
import { COMMENT_MARKER, renderMarkdown, renderText, toSummary } from "../../scripts/plan-reporter";
import { fixturePlan } from "./fixtures";

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");

describe("plan reporter: renderings", () => {
  describe("Markdown", () => {
    const md = renderMarkdown(fixturePlan("harness-multi-org"));

    it("starts with the marker the workflow uses to edit its own comment", () => {
      expect(md.split("\n")[0]).to.equal(COMMENT_MARKER);
    });

    it("has one table per org, with a row per changed connector", () => {
      const headings = md.split("\n").filter((l) => l.startsWith("### "));
      expect(headings).to.deep.equal([
        "### Org `org-emea`",
        "### Org `org-apac` · sg1",
        "### Org `org-amer`",
        "### Other resources",
      ]);
      expect(md).to.contain(
        "| ⚠️ | `Surveys` → `Surveys APAC` | Experience Mgmt | **replace** (new ID: re-point flows) |",
      );
      expect(md).to.contain("| ⚠️ | `TTS` | Google TTS | **delete** (stops routing) |  |");
    });

    it("lists every routing interruption in a warning, prefixed by its org", () => {
      const block = md.split("\n").filter((l) => l.startsWith("> - "));
      expect(block).to.have.length(4);
      expect(block[0]).to.match(/^> - `org-emea`: Orders API \(Custom\) is deactivated/);
    });

    it("escapes table pipes in values", () => {
      expect(md).to.contain('`"parked \\| until Q3"` (added)');
    });

    it("never prints a secret, even one a preview leaked in plaintext", () => {
      expect(md).not.to.match(/hunter2|BEGIN PRIVATE KEY/);
      expect(md).to.contain("`auth.password`: [secret] (changed)");
    });

    it("says so when there are no changes", () => {
      expect(renderMarkdown(fixturePlan("no-changes"))).to.contain("**No changes.**");
    });

    it("puts a failed preview's errors first", () => {
      const failed = renderMarkdown(fixturePlan("preview-error"));
      expect(failed).to.match(
        /> \[!CAUTION\]\n> The preview failed[^\n]*\n> - resourceDomainUrl: must start with https/,
      );
    });
  });

  describe("text", () => {
    const plan = fixturePlan("cli-rotation-rename");

    it("prints one line per resource in aligned columns, without colour unless asked", () => {
      const text = renderText(plan);
      expect(text).not.to.match(ANSI);
      const rows = text.split("\n").filter((l) => l.startsWith("    "));
      expect(rows).to.have.length(4);
      const kindColumn = rows.map((r) => r.indexOf(r.trim().split(/\s{2,}/)[1]!));
      expect(new Set(kindColumn).size).to.equal(1);
      expect(rows[0]).to.match(
        /~ update +Salesforce +Salesforce-CRM +⚠ deactivates +privateKey: \[secret\] \(changed\)$/,
      );
      expect(rows[1]).to.match(
        /± replace +Google TTS +Offers and discounts → Offers and discounts \(EU\) +⚠ new ID/,
      );
    });

    it("puts a failed preview's errors first, before any org", () => {
      const lines = renderText(fixturePlan("preview-error")).split("\n");
      expect(lines[0]).to.match(/^ {2}error: [^\n]*resourceDomainUrl: must start with https/);
      const firstOrg = lines.findIndex((l) => /^ {2}(default org|org )/.test(l));
      const lastError = lines.map((l) => l.startsWith("  error:")).lastIndexOf(true);
      if (firstOrg >= 0) expect(lastError).to.be.below(firstOrg);
    });

    it("colours operations when asked, and the text underneath is the same", () => {
      const coloured = renderText(plan, { color: true });
      expect(coloured).to.match(ANSI);
      expect(coloured.replace(ANSI, "")).to.equal(renderText(plan));
    });
  });

  describe("JSON summary", () => {
    const summary = toSummary(fixturePlan("harness-multi-org"));

    it("says what changes and what stops routing, per org", () => {
      expect(summary.hasChanges).to.equal(true);
      expect(summary.stopsRouting).to.equal(4);
      const emea = summary.orgs.find((o) => o.orgId === "org-emea")!;
      expect(emea.resources.map((r) => [r.name, r.operation, r.deactivates, r.stopsRouting])).to.deep.equal([
        ["Agent Answers", "update", false, false],
        ["Orders API", "update", true, true],
        ["WxCC API", "update", true, true],
      ]);
      expect(emea.resources[1]!.changedFields).to.deep.equal(["auth.password", "auth.username"]);
    });

    it("holds field names but no values", () => {
      const text = JSON.stringify(summary);
      for (const value of ["svc-orders", "3MVG9", "hunter2", "parked", "BEGIN PRIVATE KEY"]) {
        expect(text).not.to.contain(value);
      }
    });
  });
});

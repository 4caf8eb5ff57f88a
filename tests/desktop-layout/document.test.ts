// The layout document checks, the JSON paths of a change, the diff decision and Cisco's Salesforce preset:
// pure units, no server.
import * as fs from "node:fs";
import * as path from "node:path";
import { expect } from "chai";
import { checkLayout } from "../../provider/desktop-layout/check";
import type { LayoutDeps } from "../../provider/desktop-layout/deps";
import { documentProblems, MAX_LAYOUT_BYTES } from "../../provider/desktop-layout/document";
import { changedPaths, jsonEqual } from "../../provider/desktop-layout/json-paths";
import { expand, type CheckedLayout } from "../../provider/desktop-layout/outputs";
import { SALESFORCE_LAYOUT_PATH } from "../../provider/desktop-layout/presets";
import { layoutDiff } from "../../provider/desktop-layout/provider";
import { desktopLayouts } from "../../sdk";

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test edits deep paths

const deps = {
  settings: () => ({ orgId: "org-1", orgs: {}, region: "us1" }),
  api: () => {
    throw new Error("check must not call the API");
  },
} as unknown as LayoutDeps;

const salesforce = () => desktopLayouts.salesforce({ outdialAni: "+14085550100" }) as Doc;
const failuresOf = (layout: unknown, more: Doc = {}) =>
  checkLayout(deps, { name: "Sales", layout, ...more }).failures ?? [];

describe("desktop layout documents", () => {
  it("ships Cisco's Salesforce layout where the compiled code finds it, with its MPL-2.0 notice", () => {
    expect(SALESFORCE_LAYOUT_PATH).to.match(
      /vendor[/\\]cisco-salesforce[/\\]salesforce_desktop_0\.1\.0_v1\.1\.9\.json$/,
    );
    expect(fs.existsSync(SALESFORCE_LAYOUT_PATH)).to.equal(true);
    expect(fs.readFileSync(path.join(path.dirname(SALESFORCE_LAYOUT_PATH), "NOTICE.md"), "utf8")).to.include(
      "Mozilla Public License",
    );
  });

  it("fills the preset's placeholder in every persona that has it, and nothing else", () => {
    const raw = JSON.parse(fs.readFileSync(SALESFORCE_LAYOUT_PATH, "utf8")) as Doc;
    const filled = salesforce();
    expect(changedPaths(raw, filled)).to.deep.equal([
      "agent.area.headless.widgets.comp1.attributes.outDialAni",
      "supervisorAgent.area.headless.widgets.comp1.attributes.outDialAni",
    ]);
    expect(filled.agent.area.headless.widgets.comp1.attributes.outDialAni).to.equal("+14085550100");
    expect(documentProblems(filled)).to.deep.equal([]);
    expect(desktopLayouts.salesforce({ outdialAni: "+1", appTitle: "Acme" }).supervisor).to.include({
      appTitle: "Acme",
    });
    expect(() => desktopLayouts.salesforce({ outdialAni: "" })).to.throw(/outdialAni is required/);
  });

  it("refuses Cisco's file as shipped, naming both placeholders", () => {
    const raw = fs.readFileSync(SALESFORCE_LAYOUT_PATH, "utf8");
    expect(failuresOf(raw).map((f) => f.property)).to.deep.equal([
      "layout.agent.area.headless.widgets.comp1.attributes.outDialAni",
      "layout.supervisorAgent.area.headless.widgets.comp1.attributes.outDialAni",
    ]);
  });

  it("names the path of every problem that would break a desktop", () => {
    const broken = salesforce();
    delete broken.supervisor.version;
    delete broken.agent.area;
    broken.supervisorAgent.area.panel.children[3] = { attributes: {} };
    broken.supervisorAgent.area.homepage.page.widgets.comp2 = { width: 1 };
    expect(failuresOf(broken).map((f) => f.property)).to.deep.equal([
      "layout.agent.area",
      "layout.supervisor.version",
      "layout.supervisorAgent.area.panel.children[3]",
      "layout.supervisorAgent.area.homepage.page.widgets.comp2",
    ]);
    expect(failuresOf("not json")[0]!.reason).to.match(/^layout is not JSON/);
    expect(failuresOf([1, 2])[0]!.reason).to.match(/must be a JSON object/);
    expect(failuresOf({ theme: "dark" })[0]!.reason).to.include(
      "none of the persona sections agent, supervisor, supervisorAgent",
    );
  });

  it("accepts the older persona-less document with a top-level area", () => {
    const older = {
      version: "0.0.6",
      appTitle: "Desktop",
      area: { headless: { widgets: { comp1: { comp: "div" } } } },
    };
    expect(failuresOf(older)).to.deep.equal([]);
    expect(failuresOf({ area: {} }).map((f) => f.property)).to.deep.equal(["layout.version"]);
  });

  it(`refuses a document over the size limit (${MAX_LAYOUT_BYTES} bytes)`, () => {
    const big = salesforce();
    big.agent.padding = "x".repeat(MAX_LAYOUT_BYTES);
    expect(failuresOf(big)[0]!.reason).to.include(`the limit is ${MAX_LAYOUT_BYTES}`);
  });

  it("checks the arguments, fills the defaults and hands on the parsed document", () => {
    const text = JSON.stringify(salesforce(), null, 2);
    const result = checkLayout(deps, { name: "Sales", layout: text });
    expect(result.failures).to.equal(undefined);
    expect(result.inputs).to.deep.include({
      orgId: "org-1",
      region: "us1",
      active: true,
      teamIds: [],
      jsonFileName: "Sales.json",
    });
    expect(result.inputs!.layout).to.deep.equal(salesforce());
    const bad = checkLayout(deps, {
      name: "x".repeat(256),
      layout: salesforce(),
      teamIds: ["a", "a"],
      colour: 1,
    }).failures!;
    expect(bad.map((f) => f.property)).to.have.members(["name", "teamIds", "colour"]);
  });

  it("lets values not known yet through at preview", () => {
    const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    expect(checkLayout(deps, { name: "Sales", layout: unknown, teamIds: unknown }).failures).to.equal(
      undefined,
    );
  });
});

describe("desktop layout diffs", () => {
  const olds = {
    orgId: "o",
    region: "us1",
    name: "Sales",
    layout: salesforce(),
    teamIds: ["a", "b"],
    active: true,
    jsonFileName: "Sales.json",
  };

  it("sees no change in key order, whitespace or the order of teams", () => {
    const reordered = JSON.parse(JSON.stringify(olds.layout, Object.keys(olds.layout).reverse())) as Doc;
    expect(jsonEqual(olds.layout, { ...reordered, ...olds.layout })).to.equal(true);
    expect(layoutDiff(olds, { ...olds, teamIds: ["b", "a"] })).to.deep.equal({ changes: false });
  });

  it("names the paths that changed, deepest first", () => {
    const edited = salesforce();
    edited.agent.area.advancedHeader[2] = { comp: "agentx-other" };
    edited.supervisor.area.navigation.push({ nav: {} });
    expect(changedPaths(olds.layout, edited)).to.deep.equal([
      "agent.area.advancedHeader[2].comp",
      "supervisor.area.navigation[2]",
    ]);
    expect(changedPaths({ "data-x": 1 }, { "data-x": 2 })).to.deep.equal(['["data-x"]']);
    expect(layoutDiff(olds, { ...olds, layout: edited })).to.deep.equal({ changes: true });
  });

  it("replaces the layout when it moves to another org", () => {
    expect(layoutDiff(olds, { ...olds, orgId: "other" })).to.deep.equal({
      changes: true,
      replaces: ["orgId"],
      deleteBeforeReplace: false,
    });
  });

  it("sends the documented DTO: the document as a string, every required field, never global", () => {
    const body = expand(olds as CheckedLayout);
    expect(body).to.deep.equal({
      name: "Sales",
      editedBy: "pulumi-wxcc",
      jsonFileName: "Sales.json",
      jsonFileContent: JSON.stringify(olds.layout),
      global: false,
      status: true,
      defaultJsonModified: false,
      validated: false,
      teamIds: ["a", "b"],
    });
  });
});

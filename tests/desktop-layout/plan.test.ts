// wxcc-plan on desktop layouts: the JSON paths that change, the teams assigned and unassigned, and the
// notice that assigned teams' agents get the change at their next sign-in.
import { expect } from "chai";
import { buildPlan, renderMarkdown, toSummary } from "../../scripts/plan-reporter";
import { desktopLayouts } from "../../sdk";

const TYPE = "pulumi-nodejs:dynamic/wxcc:DesktopLayout";
const urn = (name: string) => `urn:pulumi:dev::layouts::${TYPE}::${name}`;

function step(
  op: string,
  name: string,
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown>,
) {
  return {
    op,
    urn: urn(name),
    ...(before ? { oldState: { urn: urn(name), type: TYPE, inputs: before, outputs: before } } : {}),
    newState: { urn: urn(name), type: TYPE, inputs: after, outputs: after },
    diffReasons: ["layout"],
  };
}

describe("wxcc-plan on desktop layouts", () => {
  const base = {
    orgId: "org-a",
    name: "Sales",
    layout: desktopLayouts.salesforce({ outdialAni: "+1555" }),
    teamIds: ["t1", "t2"],
  };
  const edited = structuredClone(base) as typeof base & { layout: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any -- deep edit
  edited.layout.agent.area.advancedHeader[2].comp = "agentx-other";
  edited.teamIds = ["t2", "t3"];
  const plan = buildPlan({
    config: { "wxcc:orgId": "org-a" },
    steps: [
      step("update", "sales", base, edited),
      step("create", "quiet", undefined, { ...base, name: "Quiet", teamIds: [] }),
      step("same", "same", base, base),
    ],
  } as never);

  it("lists the JSON paths and the teams assigned and unassigned, per org", () => {
    const sales = plan.orgs[0]!.resources.find((r) => r.logicalName === "sales")!;
    expect(plan.orgs.map((o) => o.orgId)).to.deep.equal(["org-a"]);
    expect(sales.changes.map((c) => c.path)).to.deep.equal([
      "layout.agent.area.advancedHeader[2].comp",
      "teams assigned",
      "teams unassigned",
    ]);
    const markdown = renderMarkdown(plan);
    expect(markdown).to.include(
      '`layout.agent.area.advancedHeader[2].comp`: `"agentx-notification"` → `"agentx-other"`',
    );
    expect(markdown).to.include("`teams assigned`: `t3` (added)");
    expect(markdown).to.include("`teams unassigned`: `t1` (removed)");
  });

  it("flags a change to a layout assigned to teams as reaching their agents at next sign-in, not as a routing stop", () => {
    const markdown = renderMarkdown(plan);
    expect(markdown).to.include("> [!NOTE]");
    expect(markdown).to.include(
      "Desktop layout Sales changes; the agents of teams t1, t2, t3 get it at their next sign-in.",
    );
    expect(markdown).not.to.include("interrupt");
    expect(plan.warnings.map((w) => w.name)).to.deep.equal(["Sales"]);
    expect(toSummary(plan).stopsRouting).to.equal(0);
  });
});

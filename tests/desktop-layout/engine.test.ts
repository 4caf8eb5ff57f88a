// DesktopLayout through the engine harness (the real dynamic-provider plugin over gRPC) against the
// emulator: Cisco's Salesforce layout assigned to two teams goes through its whole life, and the emulator's
// request log shows what the provider did.
import { expect } from "chai";
import type { TeamView } from "../../emulator";
import { changedPaths } from "../../provider/desktop-layout/json-paths";
import { changedInputs } from "../support/changed-inputs";
import { buildPlan, type PreviewDigest, renderMarkdown } from "../../scripts/plan-reporter";
import { DesktopLayout, desktopLayouts } from "../../sdk";
import type { OperationResult, Stack } from "../../testing";
import {
  ADMIN_TOKEN,
  layoutCalls,
  type LayoutWorld,
  ORG_ID,
  READ_ONLY_TOKEN,
  reformatted,
  startLayoutWorld,
} from "./support";

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test edits deep paths

function expectOk<T extends OperationResult>(result: T): T {
  if (!result.ok)
    expect.fail(
      `${result.operation} failed: ${result.error}\n${result.diagnostics.map((d) => d.message).join("\n")}`,
    );
  return result;
}

describe("DesktopLayout through the engine harness, against the emulator", function () {
  this.timeout(120_000);
  let world: LayoutWorld;
  let stack: Stack;
  let sales: TeamView;
  let service: TeamView;
  let layout: Doc | string;
  let teamIds: string[];
  const program = () => {
    new DesktopLayout("salesforce", {
      name: "Salesforce Agents",
      description: "Cisco's Salesforce layout",
      layout,
      teamIds,
    });
  };
  const layoutId = () => String(stack.resource("salesforce")!.outputs.layoutId);
  const stored = async () => (await world.layouts.layouts(ORG_ID)).find((l) => l.id === layoutId())!;
  const teamLayout = async (team: TeamView) =>
    (await world.layouts.teams(ORG_ID)).find((t) => t.id === team.id)!.desktopLayoutId;
  const calls = async () => layoutCalls(await world.emulator.control.requests());

  before(async () => {
    world = await startLayoutWorld();
    sales = await world.layouts.addTeam(ORG_ID, { name: "Sales" });
    service = await world.layouts.addTeam(ORG_ID, { name: "Service" });
    stack = world.stack("lifecycle");
    layout = desktopLayouts.salesforce({ outdialAni: "+14085550100" });
    teamIds = [sales.id, service.id];
  });

  after(async () => world?.close());

  it("creates the Salesforce preset assigned to two teams, with the documented DTO", async () => {
    await world.emulator.control.clearRequests();
    expectOk(await stack.up(program));
    expect(await calls()).to.deep.equal(["POST /desktop-layout"]);
    const live = await stored();
    expect(typeof live.jsonFileContent).to.equal("string");
    expect(JSON.parse(live.jsonFileContent)).to.deep.equal(layout);
    expect(live.jsonFileContent).not.to.include("<OutDialAniValue>");
    expect(live).to.include({ global: false, status: true, editedBy: "pulumi-wxcc", validated: false });
    expect(live.jsonFileName).to.equal("Salesforce Agents.json");
    expect(live.teamIds).to.have.members(teamIds);
    expect(await teamLayout(sales)).to.equal(live.id);
    expect(await teamLayout(service)).to.equal(live.id);
    const outputs = stack.resource("salesforce")!.outputs;
    expect(outputs).to.include({ layoutId: live.id, version: 0, validated: false, active: true });
    const global = (await world.layouts.layouts(ORG_ID)).find((l) => l.systemDefault)!;
    expect(global.version, "the system-default layout is never touched").to.equal(0);
  });

  it("previews no change with zero API calls", async () => {
    await world.emulator.control.clearRequests();
    const preview = expectOk(await stack.preview(program));
    expect(preview.changeSummary).to.deep.equal({ same: 1 });
    expect(await world.emulator.control.requests()).to.deep.equal([]);
  });

  it("sees no change in a reformatted but equal JSON string, with zero API calls", async () => {
    const before = layout;
    layout = reformatted(before);
    expect(layout).not.to.equal(JSON.stringify(before));
    await world.emulator.control.clearRequests();
    const preview = expectOk(await stack.preview(program));
    expect(preview.changeSummary).to.deep.equal({ same: 1 });
    expect(await world.emulator.control.requests()).to.deep.equal([]);
    layout = before;
  });

  it("previews an edit of one widget as its JSON path, then applies it with one PUT", async () => {
    const edited = structuredClone(layout) as Doc;
    edited.agent.area.advancedHeader[2].comp = "agentx-notification-center";
    layout = edited;
    const preview = expectOk(await stack.preview(program));
    expect(preview.changeSummary).to.deep.equal({ update: 1 });
    const step = preview.step("salesforce")!;
    expect(step.diffReasons).to.deep.equal([]);
    expect(changedInputs(step)).to.deep.equal(["layout"]);
    expect(changedPaths(step.oldState!.inputs.layout, step.newState!.inputs.layout)).to.deep.equal([
      "agent.area.advancedHeader[2].comp",
    ]);
    const plan = renderMarkdown(buildPlan(preview.toPreviewJson() as PreviewDigest));
    expect(plan).to.include("`layout.agent.area.advancedHeader[2].comp`");
    expect(plan).to.include(`the agents of teams ${sales.id}, ${service.id} get it at their next sign-in`);
    await world.emulator.control.clearRequests();
    expectOk(await stack.up(program));
    expect(await calls()).to.deep.equal([
      `GET /desktop-layout/${layoutId()}`,
      `PUT /desktop-layout/${layoutId()}`,
    ]);
    const live = await stored();
    expect(JSON.parse(live.jsonFileContent).agent.area.advancedHeader[2].comp).to.equal(
      "agentx-notification-center",
    );
    expect(live.version).to.equal(1);
  });

  it("refuses a broken layout at preview, naming the path, with zero API calls", async () => {
    const good = layout;
    const broken = structuredClone(layout) as Doc;
    broken.supervisor.area.advancedHeader[1] = { attributes: {} };
    broken.agent.area.headless.widgets.comp1.attributes.outDialAni = "<OutDialAniValue>";
    await world.emulator.control.clearRequests();
    for (const [bad, path] of [
      [broken, "layout.supervisor.area.advancedHeader[1]"],
      ['{"agent": {', "layout"],
      [{ appTitle: "no personas" }, "layout"],
    ] as const) {
      layout = bad as Doc | string;
      const preview = await stack.preview(program);
      expect(preview.ok).to.equal(false);
      const failures = preview.step("salesforce")!.checkFailures;
      expect(failures.map((f) => f.property)).to.include(path);
    }
    layout = broken;
    const failures = (await stack.preview(program)).step("salesforce")!.checkFailures;
    expect(failures.map((f) => f.reason).join("\n")).to.include(
      'layout.agent.area.headless.widgets.comp1.attributes.outDialAni still holds the placeholder "<OutDialAniValue>"',
    );
    expect(await world.emulator.control.requests()).to.deep.equal([]);
    layout = good;
  });

  it("shows an out-of-band edit of the document as drift on refresh, and the next up puts it back", async () => {
    const changed = structuredClone(layout) as Doc;
    changed.agent.appTitle = "Edited in the portal";
    await world.layouts.editLayout(ORG_ID, layoutId(), { jsonFileContent: JSON.stringify(changed) });
    const refresh = expectOk(await stack.refresh());
    expect(refresh.step("salesforce")!.inputDrift).to.include("layout");
    const preview = expectOk(await stack.preview(program));
    expect(preview.changeSummary).to.deep.equal({ update: 1 });
    const step = preview.step("salesforce")!;
    expect(changedPaths(step.oldState!.inputs.layout, step.newState!.inputs.layout)).to.deep.equal([
      "agent.appTitle",
    ]);
    expectOk(await stack.up(program));
    expect(JSON.parse((await stored()).jsonFileContent)).to.deep.equal(layout);
  });

  it("shows a team pointed at another layout as drift on refresh, and the next up points it back", async () => {
    const global = (await world.layouts.layouts(ORG_ID)).find((l) => l.systemDefault)!;
    await world.layouts.repointTeam(ORG_ID, service.id, global.id);
    expect((await stored()).teamIds, "the layout's own side still lists the team").to.include(service.id);
    const refresh = expectOk(await stack.refresh());
    expect(refresh.step("salesforce")!.inputDrift).to.include("teamIds");
    const outputs = stack.resource("salesforce")!.outputs;
    expect(outputs.teamIds).to.deep.equal([sales.id]);
    expect(outputs.teamsPointingElsewhere).to.deep.equal([
      { teamId: service.id, desktopLayoutId: global.id },
    ]);
    const preview = expectOk(await stack.preview(program));
    expect(changedInputs(preview.step("salesforce"))).to.deep.equal(["teamIds"]);
    expectOk(await stack.up(program));
    expect(await teamLayout(service)).to.equal(layoutId());
  });

  it("refuses to write with a read-only administrator's token", async () => {
    const readOnly = world.stack("read-only", READ_ONLY_TOKEN);
    const up = await readOnly.up(() => {
      new DesktopLayout("other", {
        name: "Other",
        layout: desktopLayouts.salesforce({ outdialAni: "+1555" }),
      });
    });
    expect(up.ok).to.equal(false);
    expect(up.error).to.match(/Creating desktop layout "Other" in org .* failed: HTTP 403/);
    expect(up.error).to.include("read/write administrator");
    for (const text of [up.error ?? "", up.pluginLog, readOnly.rawState() ?? "", stack.rawState() ?? ""]) {
      expect(text).not.to.include(READ_ONLY_TOKEN);
      expect(text).not.to.include(ADMIN_TOKEN);
    }
  });

  it("never adopts the global layout: a layout named like it is refused with the reason", async () => {
    const other = world.stack("global-name");
    const up = await other.up(() => {
      new DesktopLayout("global", {
        name: "global layout",
        layout: desktopLayouts.salesforce({ outdialAni: "+1555" }),
      });
    });
    expect(up.ok).to.equal(false);
    expect(up.error).to.include("the tenant's global layout, which a DesktopLayout never adopts");
  });

  it("refuses the delete while another team refers to the layout, naming it and what to do; then deletes", async () => {
    const stray = await world.layouts.addTeam(ORG_ID, { name: "Stray", desktopLayoutId: layoutId() });
    const id = layoutId();
    await world.emulator.control.clearRequests();
    const refused = await stack.destroy();
    expect(refused.ok).to.equal(false);
    expect(refused.error).to.include(`team "Stray" (id ${stray.id})`);
    expect(refused.error).to.include("Point those teams at another layout");
    expect(await calls()).to.deep.equal([
      `DELETE /desktop-layout/${id}`,
      `GET /desktop-layout/${id}/incoming-references`,
    ]);
    expect(await teamLayout(sales), "the org is as it was").to.equal(id);
    expect((await stored()).teamIds).to.have.members([sales.id, service.id]);

    await world.layouts.repointTeam(ORG_ID, stray.id, null);
    expectOk(await stack.destroy());
    const left = await world.layouts.layouts(ORG_ID);
    expect(left.map((l) => l.id)).not.to.include(id);
    expect(left.filter((l) => l.systemDefault)).to.have.length(1);
    expect(await teamLayout(sales)).to.equal(undefined);
    expect(await teamLayout(service)).to.equal(undefined);
  });
});

// DesktopLayout adopt: true through the engine harness against the emulator: a layout made by hand is taken
// over (no POST, its id kept) and written only where the program differs; the preview shows the adoption
// with the changed fields and document paths; the tenant's global layout is refused at preview.
import { expect } from "chai";
import { buildPlan, type PreviewDigest } from "../../scripts/plan-reporter";
import { DesktopLayout, desktopLayouts } from "../../sdk";
import { layoutCalls, type LayoutWorld, ORG_ID, ADMIN_TOKEN, startLayoutWorld } from "./support";

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test edits deep paths

describe("DesktopLayout adopt: true, through the engine harness", function () {
  this.timeout(120_000);
  let world: LayoutWorld;
  let handMadeId: string;
  const document = desktopLayouts.salesforce({ outdialAni: "+14085550100" }) as Doc;

  before(async () => {
    world = await startLayoutWorld();
    const res = await fetch(`${world.emulator.url}/organization/${ORG_ID}/desktop-layout`, {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({
        name: "Sales desktop",
        editedBy: "admin@example.com",
        jsonFileName: "Sales desktop.json",
        jsonFileContent: JSON.stringify(document),
        global: false,
        status: true,
        defaultJsonModified: false,
        validated: false,
        teamIds: [],
      }),
    });
    handMadeId = ((await res.json()) as { id: string }).id;
  });
  after(async () => world?.close());

  it("takes the existing layout over: the preview shows its id and the changes, up PUTs them, no POST", async () => {
    const edited = structuredClone(document);
    edited.agent.appTitle = "Sales";
    const program = () => {
      new DesktopLayout("sales", {
        name: "Sales desktop",
        description: "Salesforce for the sales floor",
        layout: edited,
        adopt: true,
      });
    };
    const stack = world.stack("adopt");
    await world.emulator.control.clearRequests();
    const preview = await stack.preview(program);
    preview.assertOk();
    const plan = buildPlan(preview.toPreviewJson() as PreviewDigest);
    expect(plan.counts).to.deep.equal({ adopt: 1 });
    expect(plan.orgs[0]!.resources[0]!.adoption).to.deep.equal({
      connectorId: handMadeId,
      changes: ["description", "layout.agent.appTitle"],
      credentials: "",
    });
    expect((await world.emulator.control.requests()).filter((r) => r.method !== "GET")).to.deep.equal([]);

    await world.emulator.control.clearRequests();
    (await stack.up(program)).assertOk();
    const writes = layoutCalls(await world.emulator.control.requests()).filter((c) => !c.startsWith("GET"));
    expect(writes).to.deep.equal([`PUT /desktop-layout/${handMadeId}`]);
    expect(stack.resource("sales")!.outputs.layoutId).to.equal(handMadeId);
    const live = (await world.layouts.layouts(ORG_ID)).find((l) => l.id === handMadeId)!;
    expect(live.description).to.equal("Salesforce for the sales floor");
    expect(JSON.parse(live.jsonFileContent).agent.appTitle).to.equal("Sales");

    const again = await stack.preview(program);
    again.assertOk();
    expect(again.changeSummary).to.deep.equal({ same: 1 });
  });

  it("refuses at preview to adopt the tenant's global layout, naming it", async () => {
    const global = (await world.layouts.layouts(ORG_ID)).find((l) => l.global)!;
    const stack = world.stack("adopt-global");
    await world.emulator.control.clearRequests();
    const preview = await stack.preview(() => {
      new DesktopLayout("global", { name: global.name, layout: document, adopt: true });
    });
    expect(preview.ok).to.equal(false);
    const failures = preview.step("global")!.checkFailures;
    expect(failures.map((f) => f.property)).to.deep.equal(["name"]);
    expect(failures[0]!.reason).to.include("global layout").and.include("another name");
    expect((await world.emulator.control.requests()).filter((r) => r.method !== "GET")).to.deep.equal([]);
  });
});

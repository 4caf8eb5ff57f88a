// Resource.get for DesktopLayout and Flow, through the engine harness against the emulator: the plugin's
// read receives only what get() registers (the id, and orgId/region left to the provider's config
// defaults), fills the outputs from the org, and a missing id fails the read step as the engine words it.
import { expect } from "chai";
import { DesktopLayout, desktopLayouts, Flow } from "../../sdk";
import { Stack } from "../../testing";
import { ciscoFlow } from "../flow/support";
import { FlowStoreUser } from "../flow/support";
import { ADMIN_TOKEN, ORG_ID, PROJECT_DIR, startWorld, type World } from "../provider/support/emulator-world";

describe("sdk: get() reads an existing desktop layout or flow by id", function () {
  this.timeout(120_000);
  let world: World;
  let count = 0;
  const stack = () =>
    new Stack({ projectDir: PROJECT_DIR, project: `get-${++count}`, stack: "dev", config: world.config() });
  before(async () => {
    world = await startWorld();
  });
  after(async () => {
    await world?.emulator.close();
  });

  it("reads a layout created elsewhere, exports its outputs, and only discards it on destroy", async () => {
    const owner = stack();
    const layout = desktopLayouts.salesforce({ outdialAni: "+14085550100" });
    const made = await owner.up(() => {
      const agents = new DesktopLayout("agents", { name: "Shared Agents", layout });
      return { id: agents.layoutId };
    });
    made.assertOk();
    const id = String((made.exports as { id?: unknown }).id);

    const reader = stack();
    const program = () => {
      const shared = DesktopLayout.get("shared", id);
      return { name: shared.name, layout: shared.layout, orgId: shared.orgId, active: shared.active };
    };
    const up = await reader.up(program);
    up.assertOk();
    expect(up.opLog).to.deep.equal(["read:shared"]);
    expect(up.exports).to.deep.equal({ name: "Shared Agents", layout, orgId: ORG_ID, active: true });
    expect(reader.resource("shared")).to.deep.include({
      id,
      external: true,
      type: DesktopLayout.__pulumiType,
    });
    const destroy = await reader.destroy();
    destroy.assertOk();
    expect(destroy.opLog).to.deep.equal(["discard:shared"]);
    (await owner.destroy()).assertOk();
  });

  it("reads a flow imported in Flow Designer, with its name, version and tags", async () => {
    const user = new FlowStoreUser(world.emulator.url, ORG_ID, ADMIN_TOKEN);
    const created = await user.import(ciscoFlow(), "no");
    expect(created.status).to.equal(201);
    const { id } = (await created.json()) as { id: string };
    expect((await user.publish(id, ["Live"], "by hand")).status).to.equal(200);

    const reader = stack();
    const up = await reader.up(() => {
      const shared = Flow.get("shared", id);
      return { flowId: shared.flowId, name: shared.name, tags: shared.tags, liveChanges: shared.liveChanges };
    });
    up.assertOk();
    expect(up.opLog).to.deep.equal(["read:shared"]);
    expect(up.exports).to.deep.equal({
      flowId: id,
      name: "Salesforce_HTTP_Connector_Flow",
      tags: ["Live"],
      liveChanges: [],
    });
    expect(reader.resource("shared")?.outputs.definition).to.include({
      name: "Salesforce_HTTP_Connector_Flow",
    });
    (await reader.destroy()).assertOk();
  });

  for (const [kind, get] of [
    ["DesktopLayout", (id: string) => DesktopLayout.get("nothing", id)],
    ["Flow", (id: string) => Flow.get("nothing", id)],
  ] as const) {
    it(`fails the read step when no ${kind} has that id`, async () => {
      const missing = await stack().preview(() => {
        get(`no-such-${kind}-id`);
      });
      expect(missing.ok).to.equal(false);
      expect(missing.error).to.equal(`resource 'no-such-${kind}-id' does not exist`);
    });
  }
});

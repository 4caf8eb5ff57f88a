// SalesforceCallCenterDefinition.get through the engine harness against the emulated Salesforce org: the
// read step finds the call center by internal name, the program sees its outputs, destroy leaves it alone.
import * as path from "node:path";
import { expect } from "chai";
import { SalesforceCallCenterDefinition } from "pulumi-wxcc";
import { isSecret, Stack } from "pulumi-wxcc/testing";
import { definitionArgs, type SalesforceWorld, salesforceWorld } from "../salesforce/support/world";

const PROJECT_DIR = path.resolve(__dirname, "../../../examples/salesforce");
const NAME = "WebexCCAgentDesktopV20241121";

describe("sdk: SalesforceCallCenterDefinition.get", function () {
  this.timeout(120_000);
  let world: SalesforceWorld;
  before(async () => {
    world = await salesforceWorld();
  });
  after(() => world?.close());

  it("reads a call center deployed elsewhere by internal name, and only forgets it on destroy", async () => {
    const owner = new Stack({ projectDir: PROJECT_DIR, project: "salesforce", stack: "owner" });
    const made = await owner.up(() => {
      const cc = new SalesforceCallCenterDefinition("cc", definitionArgs(world) as never);
      return { id: cc.callCenterId };
    });
    made.assertOk();
    const id = String((made.exports as { id?: unknown }).id);

    const reader = new Stack({ projectDir: PROJECT_DIR, project: "salesforce", stack: "reader" });
    const { salesforce } = definitionArgs(world) as { salesforce: never };
    const up = await reader.up(() => {
      const shared = SalesforceCallCenterDefinition.get("shared", id, { salesforce, internalName: NAME });
      return { callCenterId: shared.callCenterId, xml: shared.definitionXml };
    });
    up.assertOk();
    expect(up.opLog).to.deep.equal(["read:shared"]);
    const exports = up.exports as { callCenterId?: string; xml?: string };
    expect(exports.callCenterId).to.equal(id);
    expect(exports.xml).to.include(`>${NAME}</item>`);
    const state = reader.resource("shared");
    expect(state?.external).to.equal(true);
    expect(isSecret(state?.outputs.salesforce), "the credentials stay a secret").to.equal(true);

    const destroy = await reader.destroy();
    destroy.assertOk();
    expect(destroy.opLog).to.deep.equal(["discard:shared"]);
    expect((await world.sf.callCenter(NAME))?.id).to.equal(id);
    (await owner.destroy()).assertOk();
  });
});

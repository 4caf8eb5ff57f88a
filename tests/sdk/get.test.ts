// Resource.get for connectors, through the engine harness against the emulator: the harness issues a read
// step (as the engine does for ReadResource), the plugin reads the connector by id with the registration's
// properties, the program sees its outputs, and destroy only drops it from state.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { expect } from "chai";
import { CustomConnector, SalesforceConnector } from "../../sdk";
import { Stack } from "../../testing";
import { PROJECT_DIR, startWorld, type World } from "../provider/support/emulator-world";
import { rsaKey } from "../provider/support/fixtures";

describe("sdk: get() reads an existing connector by id", function () {
  this.timeout(120_000);
  let world: World;
  before(async () => {
    world = await startWorld();
  });
  after(async () => {
    await world?.emulator.close();
  });

  it("previews, reads and discards a connector created elsewhere, and exports its outputs", async () => {
    const owner = new Stack({
      projectDir: PROJECT_DIR,
      project: "owner",
      stack: "dev",
      config: world.config(),
    });
    const made = await owner.up(() => {
      const crm = new SalesforceConnector("crm", {
        name: "Salesforce-Shared",
        clientId: "3MVG9-consumer-key",
        userEmail: "integration@acme.example",
        privateKey: rsaKey(0).privateKeyPem,
      });
      return { id: crm.connectorId };
    });
    made.assertOk();
    const id = String((made.exports as { id?: unknown }).id);

    const reader = new Stack({
      projectDir: PROJECT_DIR,
      project: "reader",
      stack: "dev",
      config: world.config(),
    });
    const program = () => {
      const shared = SalesforceConnector.get("shared", id);
      return { name: shared.name, clientId: shared.clientId, active: shared.active };
    };
    const preview = await reader.preview(program);
    preview.assertOk();
    expect(preview.opLog).to.deep.equal(["read:shared"]);

    const up = await reader.up(program);
    up.assertOk();
    expect(up.exports).to.deep.include({
      name: "Salesforce-Shared",
      clientId: "3MVG9-consumer-key",
      active: true,
    });
    const state = reader.resource("shared");
    expect(state).to.deep.include({ id, external: true });
    expect(state?.type).to.equal(SalesforceConnector.__pulumiType);

    const destroy = await reader.destroy();
    destroy.assertOk();
    expect(destroy.opLog).to.deep.equal(["discard:shared"]);
    expect(reader.resources()).to.deep.equal([]);
    // The connector is untouched: its owner still destroys it.
    (await owner.destroy()).assertOk();
  });

  it("reads with a state file: the read is pending in a checkpoint, then recorded with the id read", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wxcc-get-"));
    try {
      const owner = new Stack({
        projectDir: PROJECT_DIR,
        project: "owner3",
        stack: "dev",
        config: world.config(),
      });
      const made = await owner.up(() => ({
        id: new CustomConnector("orders", {
          name: "Orders-Shared",
          resourceDomainUrl: "https://orders.example.com",
          auth: { type: "basic", username: "svc", password: "orders-password-1" },
        }).connectorId,
      }));
      made.assertOk();
      const id = String((made.exports as { id?: unknown }).id);
      const stateFile = path.join(dir, "reader.json");
      const reader = new Stack({
        projectDir: PROJECT_DIR,
        project: "reader3",
        stack: "dev",
        config: world.config(),
        stateFile,
        passphrase: "get-test",
      });
      const up = await reader.up(() => ({ name: CustomConnector.get("shared", id).name }));
      up.assertOk();
      expect(up.exports).to.deep.equal({ name: "Orders-Shared" });
      // The read's begin and end, and the final save.
      expect(reader.checkpointWrites.writes).to.equal(3);
      expect(reader.resource("shared")).to.deep.include({ id, external: true });
      expect(reader.pendingOperations()).to.deep.equal([]);
      expect(fs.readFileSync(stateFile, "utf8")).not.to.contain("orders-password-1");
      (await reader.destroy()).assertOk();
      (await owner.destroy()).assertOk();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("fails the read step when no connector has that id", async () => {
    const reader = new Stack({
      projectDir: PROJECT_DIR,
      project: "reader2",
      stack: "dev",
      config: world.config(),
    });
    const missing = await reader.preview(() => {
      CustomConnector.get("nothing", "no-such-connector-id");
    });
    expect(missing.ok).to.equal(false);
    expect(missing.error).to.equal("resource 'no-such-connector-id' does not exist");
  });

  it("recognises instances by type token, as generated Pulumi SDKs do", () => {
    expect(SalesforceConnector.__pulumiType).to.equal("pulumi-nodejs:dynamic/wxcc:SalesforceConnector");
    const fake = { __pulumiType: "pulumi-nodejs:dynamic/wxcc:CustomConnector" };
    expect(CustomConnector.isInstance(fake)).to.equal(true);
    expect(SalesforceConnector.isInstance(fake)).to.equal(false);
    expect(SalesforceConnector.isInstance(undefined)).to.equal(false);
  });
});

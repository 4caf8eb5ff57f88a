// The control API as a newcomer meets it: listing what exists, being told which roles there are, and the
// emulated Salesforce's control client reachable from the package's emulator entry point.
import { expect } from "chai";
import * as emulatorModule from "../../emulator";
import { EmulatorControlError, type RunningEmulator, SalesforceControl, startEmulator } from "../../emulator";

describe("emulator: control API discovery", () => {
  let emulator: RunningEmulator;

  beforeEach(async () => {
    emulator = await startEmulator({ port: 0 });
  });
  afterEach(() => emulator.close());

  it("lists every org with GET /_emulator/orgs, in creation order", async () => {
    expect(await emulator.control.orgs()).to.deep.equal([]);
    await emulator.control.createOrg({ orgId: "org-a" });
    await emulator.control.createOrg({ orgId: "org-b", platform: "1.0", licenses: [] });
    const orgs = await emulator.control.orgs();
    expect(orgs.map((o) => [o.orgId, o.platform, o.licenses])).to.deep.equal([
      ["org-a", "2.0", ["FLEX3"]],
      ["org-b", "1.0", []],
    ]);
    const raw = await fetch(`${emulator.url}/_emulator/orgs`);
    expect(raw.status).to.equal(200);
  });

  it("names the roles that exist when a role is unknown, and asks for one when none is given", async () => {
    await emulator.control.createOrg({ orgId: "org-a" });
    const unknown = await emulator.control.createAdmin("org-a", { role: "admin" as never }).then(
      () => expect.fail("an unknown role was accepted"),
      (e: unknown) => e as EmulatorControlError,
    );
    expect(unknown.status).to.equal(400);
    expect(unknown.message).to.contain('role "admin" is not a role the emulator knows');
    expect(unknown.message).to.contain("full-admin, cc-service-admin");
    expect(unknown.message).to.contain("view-only");
    expect(unknown.message).not.to.contain("is required");
    const missing = await emulator.control.createAdmin("org-a", {} as never).then(
      () => expect.fail("a missing role was accepted"),
      (e: unknown) => e as EmulatorControlError,
    );
    expect(missing.message).to.contain("role is required: one of full-admin");
  });

  it("exports the Salesforce control client like the core one, and a running emulator carries one", async () => {
    expect(emulatorModule.SalesforceControl).to.equal(SalesforceControl);
    expect(emulator.salesforce).to.be.instanceOf(SalesforceControl);
    const org = await emulator.salesforce.org();
    expect(org).to.have.property("apiLimit");
    await emulator.salesforce.createUser("agent@acme.example");
    expect((await new SalesforceControl(emulator.url).users()).map((u) => u.username)).to.include(
      "agent@acme.example",
    );
  });
});

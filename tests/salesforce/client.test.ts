import { expect } from "chai";
import { failure } from "../support/failure";
import { SalesforceClient } from "../../provider/salesforce/client";
import { deletePackage } from "../../provider/salesforce/deploy-package";
import { SalesforceDeployError, SalesforceError } from "../../provider/salesforce/errors";
import { rsaKeys } from "./support/fixtures";
import { type SalesforceWorld, salesforceWorld } from "./support/world";

describe("the Salesforce client against the emulated org", () => {
  let world: SalesforceWorld;
  before(async () => {
    world = await salesforceWorld();
  });
  after(() => world.close());

  const tokenRequests = async () =>
    (await world.emulator.control.requests()).filter((r) => r.path === "/salesforce/services/oauth2/token")
      .length;

  it("reuses one session per connected app and user across clients", async () => {
    const before = await tokenRequests();
    await new SalesforceClient(world.creds).findCallCenter("Nothing");
    await new SalesforceClient(world.creds).findCallCenter("Nothing");
    expect((await tokenRequests()) - before).to.equal(1);
  });

  it("logs in again for another key: a wrong or rotated key is never covered by an earlier key's session", async () => {
    await new SalesforceClient(world.creds).findCallCenter("Nothing");
    const before = await tokenRequests();
    const wrongKey = { ...world.creds, privateKey: rsaKeys("not-on-the-connected-app").privateKeyPem };
    const e = await failure(new SalesforceClient(wrongKey).findCallCenter("Nothing"));
    expect(e.message).to.contain("invalid_grant");
    expect(e.message).not.to.contain(wrongKey.privateKey.split("\n")[3]);
    expect((await tokenRequests()) - before).to.equal(1);
  });

  it("follows nextRecordsUrl to the last page", async () => {
    const names = ["q1@acme.com", "q2@acme.com", "q3@acme.com", "q4@acme.com", "q5@acme.com"];
    for (const n of names) await world.sf.createUser(n);
    await world.sf.settings({ queryBatchSize: 2 });
    try {
      const found = await new SalesforceClient(world.creds).findUsers(names.map((n) => n.toUpperCase()));
      expect([...found.keys()].sort()).to.deep.equal(names);
    } finally {
      await world.sf.settings({ queryBatchSize: 2000 });
    }
  });

  it("reports Salesforce's error array with the fields it names", async () => {
    const user = (await world.sf.createUser("fields@acme.com")).id;
    const e = await failure(
      new SalesforceClient(world.creds).setUserCallCenter(
        { Id: user, Username: "fields@acme.com", CallCenterId: null },
        "04v0000000000ZZAAA",
      ),
    );
    expect(e).to.be.instanceOf(SalesforceError);
    expect(e.message).to.equal(
      "Salesforce assigning user fields@acme.com (User.CallCenterId) failed: HTTP 400 INVALID_CROSS_REFERENCE_KEY: invalid cross reference id (fields: CallCenterId). A referenced record does not exist (for example a call center that was deleted meanwhile). Run pulumi refresh, then pulumi up.",
    );
    expect((e as SalesforceError).details).to.deep.include({
      status: 400,
      code: "INVALID_CROSS_REFERENCE_KEY",
      fields: ["CallCenterId"],
    });
  });

  it("gives up on a deploy that does not finish in the bounded wait, naming the deploy", async () => {
    await world.sf.settings({ deployPolls: 1000 });
    try {
      const client = new SalesforceClient(world.creds, { deployTimeoutMs: 300, pollDelaysMs: [50] });
      const e = await failure(
        client.deploy(deletePackage(client.apiVersion, "Nothing"), "deletion of CallCenter Nothing"),
      );
      expect(e).to.be.instanceOf(SalesforceDeployError);
      expect(e.message).to.match(
        /deploy 0Af\w+ of deletion of CallCenter Nothing did not finish within 0\.3 s\. It may still complete: check Setup > Deployment Status/,
      );
      const polls = (await world.emulator.control.requests()).filter((r) =>
        r.path.includes("/metadata/deployRequest/"),
      );
      expect(polls.length).to.be.within(2, 7);
    } finally {
      await world.sf.settings({ deployPolls: 1 });
    }
  });
});

import { expect } from "chai";
import { failure } from "../support/failure";
import { callCenterProvider as provider } from "../../provider/salesforce/callcenter-provider";
import { checkInputs } from "../../provider/salesforce/inputs";
import { rsaKeys } from "./support/fixtures";
import { definitionArgs, type SalesforceWorld, salesforceWorld } from "./support/world";

const NAME = "WebexCCAgentDesktopV20241121";

function checked(args: Record<string, unknown>): Record<string, unknown> {
  const { inputs, failures } = checkInputs({ ...args, __provider: "provider text" });
  expect(failures).to.deep.equal([]);
  return inputs;
}

function expectNoSecrets(message: string): void {
  expect(message).to.not.include("PRIVATE KEY");
  expect(message).to.not.include(rsaKeys().privateKeyPem.split("\n")[1]);
  expect(message).to.not.match(/eyJ[\w-]+\.eyJ/);
  expect(message).to.not.match(/00D\w+![\w.-]+/);
}

describe("SalesforceCallCenterDefinition against the emulated org", () => {
  let world: SalesforceWorld;
  beforeEach(async () => {
    world = await salesforceWorld();
    for (const u of ["agent1@acme.com", "agent2@acme.com", "agent3@acme.com"]) await world.sf.createUser(u);
  });
  afterEach(() => world.close());

  async function created(extra: Record<string, unknown> = {}) {
    const inputs = checked(definitionArgs(world, extra));
    const result = await provider.create(inputs);
    return {
      inputs,
      outs: { ...result.outs, __provider: "provider text" } as Record<string, unknown>,
      id: result.id,
    };
  }

  it("creates: deploys the CallCenter metadata and assigns the users", async () => {
    const { id, outs } = await created({
      region: "eu1",
      assignedUsers: ["agent1@acme.com", "AGENT2@acme.com"],
      settings: {
        general: { softphoneHeight: 640 },
        advancedScreenPop: { enabled: true, searchCadVariable: "AccountNumber" },
      },
    });
    expect(id).to.equal(NAME);
    const live = (await world.sf.callCenter(NAME))!;
    expect(outs.callCenterId).to.equal(live.id);
    expect(live).to.deep.include({
      displayName: "Webex Contact Center Agent Desktop 2.0(Nov 2024)",
      adapterUrl: "https://desktop.wxcc-eu1.cisco.com/",
    });
    expect(live.assignedUsers.sort()).to.deep.equal(["agent1@acme.com", "agent2@acme.com"]);
    const general = live.sections.find((s) => s.name === "reqGeneralInfo")!;
    expect(general.items.map((i) => i.name)).to.deep.equal([
      "reqAdapterUrl",
      "reqUseApi",
      "reqSoftphoneHeight",
      "reqSoftphoneWidth",
      "reqSalesforceCompatibilityMode",
    ]);
    expect(general.items.find((i) => i.name === "reqSoftphoneHeight")!.value).to.equal("640");
    expect(JSON.parse(live.customSettings!)).to.deep.equal({
      reqUseApi: "true",
      reqSoftphoneHeight: "640",
      reqSoftphoneWidth: "500",
      reqSalesforceCompatibilityMode: "Lightning",
    });
    const screenPop = live.sections.find((s) => s.name === "reqAdvanceScreenpopConfig")!;
    expect(screenPop.items.map((i) => [i.name, i.value])).to.deep.equal([
      ["reqIsAdvancedScreenpopEnabled", "true"],
      ["screenpopSearchParamCadName", "AccountNumber"],
      ["prefixStringTobeRemoved", "+1,+91"],
    ]);
    expect(outs.definitionXml).to.include('label="Softphone Height">640</item>');
  });

  it("reads back exactly what it deployed: no drift, and diff sees no change", async () => {
    const { inputs, outs } = await created({
      assignedUsers: ["agent1@acme.com"],
      extraSections: [
        { name: "futureSection", label: "Future", items: [{ name: "x", label: "X", value: "1" }] },
      ],
    });
    const read = await provider.read!(NAME, outs);
    expect(read.id).to.equal(NAME);
    expect(read.props!.definitionXml).to.equal(outs.definitionXml);
    const { __provider, ...expected } = inputs;
    expect(read.inputs).to.deep.equal(expected);
    expect(await provider.diff!(NAME, { ...read.props, __provider }, inputs)).to.include({ changes: false });
  });

  it("records what an update deployed when assigning users then fails, with the provider refresh and delete load", async () => {
    const { outs } = await created({ assignedUsers: ["agent1@acme.com"] });
    const news = checked(
      definitionArgs(world, {
        assignedUsers: ["agent1@acme.com", "agent2@acme.com"],
        settings: { general: { softphoneHeight: 700 } },
      }),
    );
    await world.emulator.control.injectFault({
      method: "PATCH",
      path: "/salesforce/services/data/*/sobjects/User/*",
      status: 400,
    });
    const e = (await failure(provider.update!(NAME, outs, news))) as Error & {
      id?: string;
      properties?: Record<string, unknown>;
    };
    expect(e.message).to.contain("assigning its users failed");
    expect(e.id).to.equal(NAME);
    expect(e.properties!.__provider).to.equal("provider text");
    expect(e.properties!.assignedUsers).to.deep.equal(["agent1@acme.com"]);
    expect(e.properties!.definitionXml).to.include(">700</item>");
    expectNoSecrets(e.message);
    // What the engine stores as outputs is enough for refresh and delete.
    const read = await provider.read!(NAME, e.properties!);
    expect(read.id).to.equal(NAME);
    await provider.delete!(NAME, e.properties!);
    expect(await world.sf.callCenter(NAME)).to.equal(undefined);
  });

  it("refresh shows drift made in the org: an edited item and a user assigned out of band", async () => {
    const { inputs, outs } = await created({ assignedUsers: ["agent1@acme.com"] });
    await world.sf.editItem(NAME, {
      section: "reqOutDialConfig",
      item: "reqIsOutDialAniToBeSet",
      value: "true",
    });
    await world.sf.assignUser("agent3@acme.com", NAME);
    const read = await provider.read!(NAME, outs);
    const settings = read.inputs!.settings as { outdial: { setOutdialAni: boolean } };
    expect(settings.outdial.setOutdialAni).to.equal(true);
    expect(read.inputs!.assignedUsers).to.deep.equal(["agent1@acme.com", "agent3@acme.com"]);
    expect((read.inputs!.salesforce as { privateKey: string }).privateKey).to.equal(rsaKeys().privateKeyPem);
    expect(read.props!.definitionXml).to.include('label="Set Out Dial ANI">true</item>');
    const olds = { ...read.props, __provider: "provider text" };
    expect(await provider.diff!(NAME, olds, inputs)).to.deep.include({ changes: true, replaces: [] });

    // The next update puts the program's definition back and unassigns the user added out of band.
    await provider.update!(NAME, olds, inputs);
    const live = (await world.sf.callCenter(NAME))!;
    const outdial = live.sections.find((s) => s.name === "reqOutDialConfig")!;
    expect(outdial.items.find((i) => i.name === "reqIsOutDialAniToBeSet")!.value).to.equal("false");
    expect(live.assignedUsers).to.deep.equal(["agent1@acme.com"]);
  });

  it("survives a value edited out of band into something check refuses: refresh, refresh again, update, delete", async () => {
    const { inputs, outs } = await created({ assignedUsers: ["agent1@acme.com"] });
    await world.sf.editItem(NAME, { section: "reqGeneralInfo", item: "reqSoftphoneHeight", value: "tall" });
    await world.sf.editItem(NAME, { section: "reqGeneralInfo", item: "reqSoftphoneWidth", value: "5000" });
    const first = await provider.read!(NAME, outs);
    expect(first.inputs!.extraSections).to.deep.equal([
      {
        name: "reqGeneralInfo",
        label: "Cisco Webex Contact Center Desktop Information",
        items: [{ name: "reqSoftphoneHeight", label: "Softphone Height", value: "tall" }],
      },
    ]);
    expect(
      (first.inputs!.settings as { general: { softphoneWidth: number } }).general.softphoneWidth,
    ).to.equal(5000);
    const refreshed = { ...first.props, __provider: "provider text" };
    const second = await provider.read!(NAME, refreshed);
    expect(second.props).to.deep.equal(first.props);
    expect(await provider.diff!(NAME, refreshed, inputs)).to.include({ changes: true });
    await provider.update!(NAME, refreshed, inputs);
    const general = (await world.sf.callCenter(NAME))!.sections.find((s) => s.name === "reqGeneralInfo")!;
    expect(general.items.filter((i) => i.name.startsWith("reqSoftphone")).map((i) => i.value)).to.deep.equal([
      "550",
      "500",
    ]);
    await provider.delete!(NAME, refreshed);
    expect(await world.sf.callCenter(NAME)).to.equal(undefined);
  });

  it("refresh of a call center deleted in the org returns a blank id", async () => {
    const { outs } = await created();
    await world.sf.deleteCallCenter(NAME);
    expect(await provider.read!(NAME, outs)).to.deep.include({ id: "" });
  });

  it("updates: a settings change deploys; a user change alone only moves users", async () => {
    const { outs } = await created({ assignedUsers: ["agent1@acme.com"] });
    const deploysAfterCreate = (await world.sf.deploys()).length;

    const changedSettings = checked(
      definitionArgs(world, {
        assignedUsers: ["agent1@acme.com"],
        settings: { caseManagement: { autoCreateForInbound: true } },
      }),
    );
    const updated = await provider.update!(NAME, outs, changedSettings);
    expect((await world.sf.deploys()).length).to.equal(deploysAfterCreate + 1);
    const caseSection = (await world.sf.callCenter(NAME))!.sections.find(
      (s) => s.name === "reqSFDCCaseConfig",
    )!;
    expect(caseSection.items[0]).to.deep.equal({
      name: "isCaseCreationEnabledForInboundCalls",
      label: "Auto Case Creation For Inbound Calls",
      value: "true",
    });

    const movedUsers = checked(
      definitionArgs(world, {
        assignedUsers: ["agent2@acme.com"],
        settings: { caseManagement: { autoCreateForInbound: true } },
      }),
    );
    await provider.update!(NAME, { ...updated.outs, __provider: "provider text" }, movedUsers);
    expect((await world.sf.deploys()).length).to.equal(deploysAfterCreate + 1);
    expect((await world.sf.callCenter(NAME))!.assignedUsers).to.deep.equal(["agent2@acme.com"]);
  });

  it("leaves a user alone who was moved to another call center meanwhile", async () => {
    const { outs } = await created({ assignedUsers: ["agent1@acme.com"] });
    await created({ internalName: "OtherCallCenter", assignedUsers: [] });
    await world.sf.assignUser("agent1@acme.com", "OtherCallCenter");
    await provider.update!(NAME, outs, checked(definitionArgs(world, { assignedUsers: [] })));
    expect((await world.sf.users()).find((u) => u.username === "agent1@acme.com")!.callCenter).to.equal(
      "OtherCallCenter",
    );
  });

  it("deletes: unassigns the users, then removes the call center with a destructive deploy", async () => {
    const { outs } = await created({ assignedUsers: ["agent1@acme.com", "agent2@acme.com"] });
    await world.sf.assignUser("agent3@acme.com", NAME);
    await provider.delete!(NAME, outs);
    expect(await world.sf.callCenter(NAME)).to.equal(undefined);
    expect((await world.sf.users()).every((u) => u.callCenter === null)).to.equal(true);
    const last = (await world.sf.deploys()).at(-1)!;
    expect(last.summary).to.deep.equal({ upserted: [], deleted: [NAME] });
    // Deleting again (already gone) is a no-op.
    await provider.delete!(NAME, outs);
  });

  it("refuses to create over an existing call center unless told to adopt it", async () => {
    await created();
    const again = await failure(provider.create(checked(definitionArgs(world))));
    expect(again.message).to.match(/already exists.*Set adopt: true/);
    const adopted = await provider.create(
      checked(definitionArgs(world, { adopt: true, displayName: "Adopted" })),
    );
    expect((await world.sf.callCenter(NAME))!.displayName).to.equal("Adopted");
    expect(adopted.outs.callCenterId).to.match(/^04v/);
    // The deprecated name keeps working.
    const again2 = await provider.create(
      checked(definitionArgs(world, { adoptExisting: true, displayName: "Adopted again" })),
    );
    expect((await world.sf.callCenter(NAME))!.displayName).to.equal("Adopted again");
    expect(again2.outs.callCenterId).to.equal(adopted.outs.callCenterId);
  });

  it("fails before writing anything when an assigned user does not exist", async () => {
    const e = await failure(
      provider.create(
        checked(definitionArgs(world, { assignedUsers: ["agent1@acme.com", "ghost@acme.com"] })),
      ),
    );
    expect(e.message).to.match(/assignedUsers: Salesforce has no user with the username ghost@acme\.com/);
    expect(await world.sf.deploys()).to.deep.equal([]);
  });

  it("records a partial create when the users cannot be assigned after the deploy", async () => {
    await world.emulator.control.injectFault({
      method: "PATCH",
      path: "/salesforce/services/data/v62.0/sobjects/User/*",
      status: 500,
      body: [{ message: "An unexpected error occurred.", errorCode: "UNKNOWN_EXCEPTION" }],
    });
    const inputs = checked(definitionArgs(world, { assignedUsers: ["agent1@acme.com"] }));
    const e = (await failure(provider.create(inputs))) as Error & {
      id?: string;
      properties?: Record<string, unknown>;
    };
    expect(e.id).to.equal(NAME);
    expect(e.message).to.match(/deployed, but assigning its users failed.*UNKNOWN_EXCEPTION/);
    expect(e.properties).to.deep.include({
      callCenterId: (await world.sf.callCenter(NAME))!.id,
      assignedUsers: [],
      __provider: "provider text",
    });
  });

  it("mints a new session once when Salesforce says INVALID_SESSION_ID", async () => {
    const { outs } = await created();
    await world.sf.expireSessions();
    const before = (await world.emulator.control.requests()).at(-1)!.seq;
    const read = await provider.read!(NAME, outs);
    expect(read.id).to.equal(NAME);
    const log = (await world.emulator.control.requests(before)).map(
      (r) => `${r.method} ${r.path.replace(/\/v62\.0/, "")} ${r.status}`,
    );
    expect(log.slice(0, 3)).to.deep.equal([
      "GET /salesforce/services/data/query 401",
      "POST /salesforce/services/oauth2/token 200",
      "GET /salesforce/services/data/query 200",
    ]);
  });

  it("reports REQUEST_LIMIT_EXCEEDED with what to do, and the usage", async () => {
    const { outs } = await created();
    await world.sf.setLimits({ apiUsage: 15000 });
    const e = await failure(provider.read!(NAME, outs));
    expect(e.message).to.match(
      /HTTP 403 REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded\. The org's API request limit is used up.*Current usage: api-usage=15000\/15000/,
    );
    expectNoSecrets(e.message);
  });

  it("reports the deploy's component failures and changes nothing", async () => {
    const { outs } = await created();
    await world.sf.failNextDeploy("Invalid adapter URL: the host is not allowed by this org");
    const e = await failure(
      provider.update!(
        NAME,
        outs,
        checked(definitionArgs(world, { settings: { general: { softphoneWidth: 600 } } })),
      ),
    );
    expect(e.message).to.match(
      /deploy 0Af\w+ of CallCenter WebexCCAgentDesktopV20241121 ended Failed and changed nothing/,
    );
    expect(e.message).to.include(
      `CallCenter ${NAME} (callCenters/${NAME}.callCenter): Error: Invalid adapter URL: the host is not allowed by this org`,
    );
    const general = (await world.sf.callCenter(NAME))!.sections.find((s) => s.name === "reqGeneralInfo")!;
    expect(general.items.find((i) => i.name === "reqSoftphoneWidth")!.value).to.equal("500");
  });

  describe("token refusals become errors with a remediation hint and no secret", () => {
    const cases: [string, (a: Record<string, unknown>) => void, RegExp][] = [
      [
        "a wrong audience",
        (s) => {
          s.audience = "https://test.salesforce.com";
        },
        /invalid_grant: audience is invalid\. Salesforce does not accept the assertion's audience "https:\/\/test\.salesforce\.com"\. Set salesforce\.audience/,
      ],
      [
        "an unknown consumer key",
        (s) => {
          s.clientId = "3MVGnotregistered";
        },
        /invalid_client_id: client identifier invalid\. No connected app has the consumer key given in salesforce\.clientId/,
      ],
      [
        "a user the app has not approved",
        (s) => {
          s.username = "agent1@acme.com";
        },
        /invalid_grant: user hasn't approved this consumer\. User agent1@acme\.com is not pre-authorized.*Admin approved users are pre-authorized/,
      ],
      [
        "a key that does not match the certificate",
        (s) => {
          s.privateKey = rsaKeys("other").privateKeyPem;
        },
        /invalid_grant: invalid assertion\. The assertion's signature did not verify: salesforce\.privateKey does not belong to the certificate/,
      ],
    ];
    for (const [what, change, message] of cases) {
      it(what, async () => {
        const args = definitionArgs(world);
        change(args.salesforce as Record<string, unknown>);
        const e = await failure(provider.create(checked(args)));
        expect(e.message).to.match(message);
        expect(e.message).to.match(/^Salesforce refused the JWT bearer login of \S+ through connected app/);
        expectNoSecrets(e.message);
        expect(e.message).to.not.include(rsaKeys("other").privateKeyPem.split("\n")[1]);
      });
    }

    it("an expired assertion (the org's clock is ahead)", async () => {
      const skewed = await salesforceWorld({ clock: () => Date.now() + 10 * 60 * 1000 });
      try {
        const e = await failure(provider.create(checked(definitionArgs(skewed))));
        expect(e.message).to.match(
          /invalid_grant: expired authorization code\. The assertion had already expired.*clock/,
        );
        expectNoSecrets(e.message);
      } finally {
        await skewed.close();
      }
    });
  });
});

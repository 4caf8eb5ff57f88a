import { generateKeyPairSync } from "node:crypto";
import { expect } from "chai";
import { callCenterProvider } from "../../provider/salesforce/callcenter-provider";
import { type CheckFailure, checkInputs, UNKNOWN } from "../../provider/salesforce/inputs";
import { rsaKeys } from "./support/fixtures";

function base(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    salesforce: {
      clientId: "3MVG9test",
      username: "integration@acme.com",
      privateKey: rsaKeys().privateKeyPem,
    },
    ...overrides,
  };
}

function failuresOf(news: Record<string, unknown>): CheckFailure[] {
  return checkInputs(news).failures;
}

function expectFailure(news: Record<string, unknown>, property: string, reason: RegExp): void {
  const failures = failuresOf(news);
  const hit = failures.find((f) => f.property === property);
  expect(hit, `no failure on ${property}; got ${JSON.stringify(failures)}`).to.not.equal(undefined);
  expect(hit!.reason).to.match(reason);
}

describe("SalesforceCallCenterDefinition check", () => {
  it("fills Cisco's defaults, the audience and the region, and keeps __provider", () => {
    const { inputs, failures } = checkInputs({ ...base(), __provider: "serialized" });
    expect(failures).to.deep.equal([]);
    expect(inputs).to.deep.include({
      internalName: "WebexCCAgentDesktopV20241121",
      region: "us1",
      deploy: true,
      assignedUsers: [],
      extraSections: [],
      __provider: "serialized",
    });
    const salesforce = inputs.salesforce as Record<string, unknown>;
    expect(salesforce.loginUrl).to.equal("https://login.salesforce.com");
    expect(salesforce.audience).to.equal("https://login.salesforce.com");
    expect((inputs.settings as { general: unknown }).general).to.deep.equal({
      useCtiApi: true,
      softphoneHeight: 550,
      softphoneWidth: 500,
      compatibilityMode: "Lightning",
    });
  });

  const bad: [string, Record<string, unknown>, string, RegExp][] = [
    [
      "a boolean given as a string",
      { settings: { advancedScreenPop: { enabled: "true" } } },
      "settings.advancedScreenPop.enabled",
      /expected true or false.*got the string "true"/,
    ],
    [
      "a softphone height out of Lightning's range",
      { settings: { general: { softphoneHeight: 100 } } },
      "settings.general.softphoneHeight",
      /240 to 2560/,
    ],
    [
      "a fractional width",
      { settings: { general: { softphoneWidth: 500.5 } } },
      "settings.general.softphoneWidth",
      /whole number/,
    ],
    [
      "an unknown compatibility mode",
      { settings: { general: { compatibilityMode: "Mobile" } } },
      "settings.general.compatibilityMode",
      /"Classic", "Lightning" or "Classic_and_Lightning"/,
    ],
    [
      "an unknown subject placeholder",
      { settings: { activityRecord: { subjectTemplate: "{direction} call with {caller}" } } },
      "settings.activityRecord.subjectTemplate",
      /unknown placeholder \{caller\}.*\{direction\} and \{activityDatetime\}/,
    ],
    [
      "an unbalanced brace",
      { settings: { activityRecord: { subjectTemplate: "{direction Call" } } },
      "settings.activityRecord.subjectTemplate",
      /unbalanced/,
    ],
    [
      "a bad date token",
      { settings: { activityRecord: { subjectDateFormat: "MM-DD-YYYY" } } },
      "settings.activityRecord.subjectDateFormat",
      /unknown token "DD"/,
    ],
    [
      "a mapping without its Salesforce field",
      { settings: { noMatchScreenPop: { fieldMappings: [{ cadVariable: "ani" }] } } },
      "settings.noMatchScreenPop.fieldMappings[0].salesforceField",
      /is required/,
    ],
    [
      "a mapping to a field name with spaces",
      {
        settings: {
          caseManagement: { fieldMappings: [{ cadVariable: "x", salesforceField: "Account Name" }] },
        },
      },
      "settings.caseManagement.fieldMappings[0].salesforceField",
      /Salesforce API name/,
    ],
    [
      "a mapping given as a JSON string",
      { settings: { caseManagement: { objectFieldMappings: '[{"wxccFieldName":"a"}]' } } },
      "settings.caseManagement.objectFieldMappings",
      /expected a list, got the string/,
    ],
    [
      "an unknown mapping property",
      {
        settings: {
          noMatchScreenPop: {
            fieldMappings: [{ cadVariable: "a", salesforceField: "B", wxccFieldName: "a" }],
          },
        },
      },
      "settings.noMatchScreenPop.fieldMappings[0]",
      /unknown property wxccFieldName/,
    ],
    [
      "a conditional mapping with no conditional field mapping",
      {
        settings: {
          noMatchScreenPop: {
            conditionalMappings: [{ cadVariable: "queueName", cadValue: "Gold", salesforceValue: "VIP" }],
          },
        },
      },
      "settings.noMatchScreenPop.conditionalMappings[0].cadVariable",
      /conditionalEnabled: true/,
    ],
    [
      "an activity mapping with neither variable nor constant",
      { settings: { activityRecord: { customFieldMappings: [{ salesforceField: "Status" }] } } },
      "settings.activityRecord.customFieldMappings[0].cadVariable",
      /defaultValueEnabled: true/,
    ],
    [
      "edit mode at connected without the record",
      { settings: { activityRecord: { openInEditModeOnConnected: true } } },
      "settings.activityRecord.openInEditModeOnConnected",
      /createAtConnected to true/,
    ],
    [
      "a prefix list as one string",
      { settings: { outdial: { prefixesToRemove: "+1,+44" } } },
      "settings.outdial.prefixesToRemove",
      /expected a list/,
    ],
    [
      "a prefix with a comma",
      { settings: { outdial: { prefixesToRemove: ["+1,+44"] } } },
      "settings.outdial.prefixesToRemove[0]",
      /no commas/,
    ],
    [
      "a misspelt setting",
      { settings: { general: { softphoneHieght: 600 } } },
      "settings.general",
      /unknown property softphoneHieght.*softphoneHeight.*extraSections/,
    ],
    [
      "an unknown group",
      { settings: { screenPop: {} } },
      "settings",
      /unknown property screenPop.*advancedScreenPop/,
    ],
    ["a region that does not exist", { region: "us2" }, "region", /us1, eu1, eu2, anz1, ca1, jp1, sg1/],
    [
      "an adapter URL of another region",
      { region: "eu1", adapterUrl: "https://desktop.wxcc-us1.cisco.com/" },
      "adapterUrl",
      /us1 data centre but region is eu1.*leave adapterUrl out/,
    ],
    [
      "an adapter URL of a region that does not exist",
      { adapterUrl: "https://desktop.wxcc-xx9.cisco.com/" },
      "adapterUrl",
      /not a Webex Contact Center data centre/,
    ],
    ["a plain-http adapter URL", { adapterUrl: "http://desktop.example.com/" }, "adapterUrl", /https/],
    ["an internal name with a dash", { internalName: "Webex-CC" }, "internalName", /letters and digits/],
    [
      "a display name beyond Salesforce's 80 characters",
      { displayName: "x".repeat(81) },
      "displayName",
      /80/,
    ],
    [
      "an assigned user that is not a username",
      { assignedUsers: ["Jane Doe"] },
      "assignedUsers[0]",
      /email address/,
    ],
    [
      "a user listed twice",
      { assignedUsers: ["a@acme.com", "A@acme.com"] },
      "assignedUsers[1]",
      /twice.*case-insensitive/,
    ],
    [
      "an extra item that is a typed setting",
      { extraSections: [{ name: "reqGeneralInfo", items: [{ name: "reqUseApi", value: "false" }] }] },
      "extraSections[0].items[0].name",
      /set settings\.general\.useCtiApi instead/,
    ],
    [
      "an extra section name with spaces",
      { extraSections: [{ name: "my section", items: [] }] },
      "extraSections[0].name",
      /no spaces/,
    ],
    ["an unknown top-level input", { sections: [] }, "(inputs)", /unknown property sections/],
    [
      "a login URL over plain http",
      { salesforce: { ...(base().salesforce as object), loginUrl: "http://login.salesforce.com" } },
      "salesforce.loginUrl",
      /https/,
    ],
    [
      "a login URL carrying user info",
      {
        salesforce: {
          ...(base().salesforce as object),
          loginUrl: "https://admin:sf-password-1@login.salesforce.com",
        },
      },
      "salesforce.loginUrl",
      /user info.*secret fields/,
    ],
    [
      "a consumer key with whitespace",
      { salesforce: { ...(base().salesforce as object), clientId: "3MVG abc" } },
      "salesforce.clientId",
      /whitespace/,
    ],
  ];
  for (const [what, overrides, property, reason] of bad) {
    it(`refuses ${what}, naming ${property} and the fix`, () =>
      expectFailure(base(overrides), property, reason));
  }

  describe("the private key", () => {
    const salesforce = (privateKey: string) => ({
      salesforce: { ...(base().salesforce as object), privateKey },
    });

    it("is refused when it is not a PEM key, without quoting it", () => {
      const garbage =
        "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5IGF0IGFsbCBzZWNyZXRzZWNyZXQ=\n-----END PRIVATE KEY-----\n";
      expectFailure(base(salesforce(garbage)), "salesforce.privateKey", /not a PEM private key/);
      expect(JSON.stringify(failuresOf(base(salesforce(garbage))))).to.not.include("bm90IGEga2V5");
    });

    it("is refused when it is shorter than 2048 bits", () => {
      expectFailure(
        base(salesforce(rsaKeys("short", 1024).privateKeyPem)),
        "salesforce.privateKey",
        /1024-bit.*at least 2048/,
      );
    });

    it("is refused when it is not RSA", () => {
      const ec = generateKeyPairSync("ec", { namedCurve: "P-256" })
        .privateKey.export({ type: "pkcs8", format: "pem" })
        .toString();
      expectFailure(base(salesforce(ec)), "salesforce.privateKey", /ec key.*RS256/);
    });

    it("is accepted in PKCS#1 form too", () => {
      const pkcs1 = generateKeyPairSync("rsa", { modulusLength: 2048 })
        .privateKey.export({ type: "pkcs1", format: "pem" })
        .toString();
      expect(failuresOf(base(salesforce(pkcs1)))).to.deep.equal([]);
    });
  });

  it("reports every problem at once", () => {
    const failures = failuresOf(base({ region: "mars", settings: { general: { softphoneHeight: 1 } } }));
    expect(failures.map((f) => f.property).sort()).to.deep.equal([
      "region",
      "settings.general.softphoneHeight",
    ]);
  });

  it("accepts an adapter URL outside Cisco's hosts as a deliberate override", () => {
    expect(
      failuresOf(base({ region: "eu1", adapterUrl: "https://cti-proxy.acme.com/webex/" })),
    ).to.deep.equal([]);
  });

  it("accepts Cisco's documented mappings, conditional ones included", () => {
    const news = base({
      settings: {
        noMatchScreenPop: {
          fieldMappings: [
            { cadVariable: "queueName", salesforceField: "CustomerType__c", conditionalEnabled: true },
          ],
          conditionalMappings: [{ cadVariable: "queueName", cadValue: "Gold", salesforceValue: "VIP" }],
        },
        activityRecord: {
          customFieldUpdateEnabled: true,
          customFieldMappings: [
            { cadVariable: "Language", salesforceField: "Language__c" },
            { salesforceField: "Status", defaultValueEnabled: true, defaultValue: "Completed" },
          ],
        },
      },
    });
    expect(failuresOf(news)).to.deep.equal([]);
  });

  describe("during a preview with values not known yet", () => {
    it("skips the unknown values and still judges the known ones", () => {
      const news = base({
        region: UNKNOWN,
        assignedUsers: ["a@acme.com", UNKNOWN],
        settings: { general: { softphoneHeight: UNKNOWN, softphoneWidth: 5 }, activityRecord: UNKNOWN },
      });
      const failures = failuresOf(news);
      expect(failures.map((f) => f.property)).to.deep.equal(["settings.general.softphoneWidth"]);
    });

    it("passes inputs with unknowns through untouched", () => {
      const news = base({ settings: UNKNOWN, salesforce: UNKNOWN });
      expect(checkInputs(news)).to.deep.equal({ inputs: news, failures: [] });
    });
  });

  describe("diff", () => {
    const outputsOf = async (news: Record<string, unknown>) => {
      const { inputs } = checkInputs(news);
      const created = await callCenterProvider.create({ ...inputs, deploy: false });
      return { ...created.outs, __provider: "old provider text" };
    };
    const checked = (news: Record<string, unknown>) => ({
      ...checkInputs(news).inputs,
      deploy: false,
      __provider: "new provider text",
    });

    it("reports no change when only the serialized provider changed", async () => {
      const olds = await outputsOf(base());
      expect(await callCenterProvider.diff!("id", olds, checked(base()))).to.include({ changes: false });
    });

    it("reports no change for the same definition written differently (defaults spelled out, region vs its URL)", async () => {
      const olds = await outputsOf(base({ region: "eu1" }));
      const news = checked(
        base({
          adapterUrl: "https://desktop.wxcc-eu1.cisco.com/",
          settings: { general: { softphoneHeight: 550 } },
        }),
      );
      expect(await callCenterProvider.diff!("id", olds, news)).to.include({ changes: false });
    });

    it("updates in place for a settings change and replaces for an internalName change", async () => {
      const olds = await outputsOf(base());
      const settings = await callCenterProvider.diff!(
        "id",
        olds,
        checked(base({ settings: { outdial: { setOutdialAni: true } } })),
      );
      expect(settings).to.deep.include({ changes: true, replaces: [] });
      const renamed = await callCenterProvider.diff!(
        "id",
        olds,
        checked(base({ internalName: "WebexCCAgentDesktopV20990101" })),
      );
      expect(renamed).to.deep.include({ changes: true, replaces: ["internalName"] });
    });

    it("sees a rotated private key and a changed user list, but not the users' order", async () => {
      const olds = await outputsOf(base({ assignedUsers: ["a@acme.com", "b@acme.com"] }));
      const reordered = checked(base({ assignedUsers: ["b@acme.com", "a@acme.com"] }));
      expect(await callCenterProvider.diff!("id", olds, reordered)).to.include({ changes: false });
      const fewer = checked(base({ assignedUsers: ["a@acme.com"] }));
      expect(await callCenterProvider.diff!("id", olds, fewer)).to.include({ changes: true });
      const rotated = base({ assignedUsers: ["a@acme.com", "b@acme.com"] });
      (rotated.salesforce as Record<string, unknown>).privateKey = rsaKeys("rotated").privateKeyPem;
      expect(await callCenterProvider.diff!("id", olds, checked(rotated))).to.include({ changes: true });
    });

    it("assumes a change, and a replace when the internal name itself is unknown, while values are unknown", async () => {
      const olds = await outputsOf(base());
      const news = { ...checked(base()), internalName: UNKNOWN };
      expect(await callCenterProvider.diff!("id", olds, news)).to.deep.include({
        changes: true,
        replaces: ["internalName"],
      });
      const unknownSetting = { ...checked(base()), displayName: UNKNOWN };
      expect(await callCenterProvider.diff!("id", olds, unknownSetting)).to.deep.include({
        changes: true,
        replaces: [],
      });
    });
  });

  it("with deploy: false renders the definition and talks to no one", async () => {
    const { inputs } = checkInputs(
      base({ deploy: false, region: "eu2", settings: { general: { softphoneHeight: 600 } } }),
    );
    const created = await callCenterProvider.create(inputs);
    expect(created.id).to.equal("WebexCCAgentDesktopV20241121");
    expect(created.outs.callCenterId).to.equal("");
    expect(created.outs.adapterUrl).to.equal("https://desktop.wxcc-eu2.cisco.com/");
    expect(created.outs.definitionXml).to.include(
      'name="reqAdapterUrl" label="CTI Adapter URL">https://desktop.wxcc-eu2.cisco.com/</item>',
    );
    expect(created.outs.definitionXml).to.include(
      'name="reqSoftphoneHeight" label="Softphone Height">600</item>',
    );
  });
});

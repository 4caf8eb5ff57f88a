import { expect } from "chai";
import { UNKNOWN } from "../../provider/lifecycle/values";
import { parseMaintenanceWindow } from "../../provider/maintenance-window";
import { providerFor, testBed } from "./support/deps";
import { badInputs, CONNECTOR_TYPES, rsaKey, validArgs } from "./support/fixtures";

const PROVIDER_TEXT = "exports.handler = () => ({})";

describe("check", () => {
  for (const type of CONNECTOR_TYPES) {
    describe(type, () => {
      it("accepts valid arguments and fills the defaults", async () => {
        const bed = testBed();
        const { provider } = providerFor(type, bed);
        const result = await provider.check!({}, { ...validArgs(type), __provider: PROVIDER_TEXT });
        expect(result.failures ?? []).to.deep.equal([]);
        expect(result.inputs).to.include({ orgId: "org-test", region: "us1", active: true });
        expect(bed.api.calls, "check makes no API call").to.deep.equal([]);
      });

      for (const { property, args } of badInputs(type)) {
        it(`rejects a bad ${property} naming it, with no API call and no secret in the reason`, async () => {
          const bed = testBed();
          const { provider } = providerFor(type, bed);
          const result = await provider.check!({}, args);
          const failures = result.failures ?? [];
          // A misspelled argument is reported without a property, so the engine never prints its value (it
          // may be a secret); its reason names it.
          const failure =
            failures.find((f) => f.property === property) ??
            failures.find((f) => f.property === "" && f.reason.startsWith(`${property} is not an argument`));
          expect(failure, `a failure naming ${property}`).to.not.equal(undefined);
          const reason = failure!.reason;
          expect(reason).to.contain(property);
          for (const secret of [rsaKey(0).privateKeyPem, "orders-client-secret-0001", "wxm-api-key-0001"]) {
            expect(reason).not.to.contain(secret);
          }
          expect(bed.api.calls).to.deep.equal([]);
        });
      }

      it("tolerates values not known yet, whatever the field's type", async () => {
        const { provider } = providerFor(type, testBed());
        const args = validArgs(type);
        const unknownEverywhere = Object.fromEntries(Object.keys(args).map((key) => [key, UNKNOWN]));
        const result = await provider.check!({}, { ...unknownEverywhere, active: UNKNOWN, region: UNKNOWN });
        expect(result.failures ?? []).to.deep.equal([]);
      });
    });
  }

  it("keeps every input under its own key, nested secrets included", async () => {
    const { provider } = providerFor("CustomConnector", testBed());
    const args = validArgs("CustomConnector");
    const result = await provider.check!({}, args);
    expect(result.inputs.auth).to.deep.equal(args.auth);
    expect(result.inputs.resourceDomainUrl).to.equal(args.resourceDomainUrl);
    expect(Object.keys(result.inputs).sort()).to.deep.equal(
      [...Object.keys(args), "orgId", "region", "active"].sort(),
    );
  });

  it("fills authorizationServerUrl and the org's own region from wxcc:orgs", async () => {
    const bed = testBed({ orgs: { "org-eu": { region: "eu2" } } });
    const { provider } = providerFor("SalesforceConnector", bed);
    const result = await provider.check!({}, { ...validArgs("SalesforceConnector"), orgId: "org-eu" });
    expect(result.inputs).to.include({
      region: "eu2",
      authorizationServerUrl: "https://login.salesforce.com",
    });
  });

  it("fails naming orgId and the config key when no org is given or configured", async () => {
    const { provider } = providerFor("GoogleConnector", testBed({ orgId: undefined }));
    const result = await provider.check!({}, validArgs("GoogleConnector"));
    expect(result.failures).to.deep.include({
      property: "orgId",
      reason:
        "orgId is not set: pass orgId to the GoogleConnector or set wxcc:orgId (WXCC_ORG_ID) in the stack configuration.",
    });
  });

  it("requires the HTTP connector's consent, quoting it", async () => {
    const { provider } = providerFor("ContactCenterConnector", testBed());
    const result = await provider.check!({}, { ...validArgs("ContactCenterConnector"), authorize: false });
    expect(result.failures![0].reason).to.contain(
      "I authorize this connector to read, write, modify and delete data in the Contact Center solution",
    );
  });

  describe("the maintenance-window guard", () => {
    // The test bed's clock says Tuesday 12:00 UTC.
    const outside = parseMaintenanceWindow("Sat,Sun 00:00-06:00 Europe/Berlin");
    const inside = parseMaintenanceWindow("Tue 11:00-13:00 UTC");

    async function checkChange(
      window: ReturnType<typeof parseMaintenanceWindow>,
      change: Record<string, unknown>,
      olds: Record<string, unknown> = {},
    ) {
      const bed = testBed({ maintenanceWindow: window });
      const { provider } = providerFor("SalesforceConnector", bed);
      const first = await provider.check!({}, validArgs("SalesforceConnector", "crm"));
      const previous = { ...first.inputs, ...olds };
      return provider.check!(previous, { ...validArgs("SalesforceConnector", "crm"), ...change });
    }

    it("fails a credential edit of an active connector outside the window, naming the connector and window", async () => {
      const result = await checkChange(outside, { privateKey: rsaKey(1).privateKeyPem });
      expect(result.failures).to.have.length(1);
      const [failure] = result.failures!;
      expect(failure.property).to.equal("privateKey");
      expect(failure.reason).to.contain('SalesforceConnector "crm"');
      expect(failure.reason).to.contain('"Sat,Sun 00:00-06:00 Europe/Berlin"');
      expect(failure.reason).to.contain("it is now Tue 13:00 Europe/Berlin");
      expect(failure.reason).not.to.contain("PRIVATE KEY");
    });

    it("fails deactivation and replacement outside the window", async () => {
      expect((await checkChange(outside, { active: false })).failures![0].property).to.equal("active");
      expect((await checkChange(outside, { name: "crm-2" })).failures![0].property).to.equal("name");
    });

    it("allows the same changes inside the window", async () => {
      expect((await checkChange(inside, { privateKey: rsaKey(1).privateKeyPem })).failures).to.equal(
        undefined,
      );
    });

    it("allows what does not deactivate: creating, description changes, inactive connectors", async () => {
      const bed = testBed({ maintenanceWindow: outside });
      const { provider } = providerFor("SalesforceConnector", bed);
      expect((await provider.check!({}, validArgs("SalesforceConnector"))).failures).to.equal(undefined);
      expect((await checkChange(outside, { description: "new words" })).failures).to.equal(undefined);
      const inactive = await checkChange(
        outside,
        { privateKey: rsaKey(1).privateKeyPem, active: false },
        {
          active: false,
        },
      );
      expect(inactive.failures).to.equal(undefined);
    });
  });
});

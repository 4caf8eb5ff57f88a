import { expect } from "chai";
import type { ConnectorTypeName } from "../../provider/kinds/spec";
import { isSameConnector } from "../../provider/lifecycle/create";
import { isSecretDigest, secretDigest, withSecretDigests } from "../../provider/lifecycle/secret-digest";
import { UNKNOWN } from "../../provider/lifecycle/values";
import { parseMaintenanceWindow } from "../../provider/maintenance-window";
import { providerFor, type TestBed, testBed } from "./support/deps";
import { apiError } from "./support/fake-connectors-api";
import { CONNECTOR_TYPES, rsaKey, serviceAccountKey, validArgs } from "./support/fixtures";

type Values = Record<string, unknown>;

/** A rotated value for the kind's credential, and the field it lives in. */
const ROTATIONS: Record<ConnectorTypeName, { field: string; args: (args: Values) => Values }> = {
  SalesforceConnector: { field: "privateKey", args: (a) => ({ ...a, privateKey: rsaKey(1).privateKeyPem }) },
  GoogleConnector: { field: "authKey", args: (a) => ({ ...a, authKey: serviceAccountKey(1) }) },
  GoogleCcaiConnector: {
    field: "serviceAccount",
    args: (a) => ({ ...a, serviceAccount: "new@acme-ccai.iam.example" }),
  },
  ExperienceManagementConnector: { field: "apiKey", args: (a) => ({ ...a, apiKey: "wxm-api-key-0002" }) },
  CustomConnector: {
    field: "auth",
    args: (a) => ({ ...a, auth: { ...(a.auth as Values), clientSecret: "orders-client-secret-0002" } }),
  },
  ContactCenterConnector: { field: "access", args: (a) => ({ ...a, access: "read-write" }) },
};

/** Runs check then create, as the engine would, and returns the id, the checked inputs and the outputs. */
async function created(bed: TestBed, type: ConnectorTypeName, args: Values = validArgs(type)) {
  const { provider } = providerFor(type, bed);
  const { inputs } = await provider.check!({}, args);
  const { id, outs } = await provider.create(inputs);
  return { provider, id, inputs, outs: outs as Values };
}

async function checked(bed: TestBed, type: ConnectorTypeName, olds: Values, args: Values) {
  const { provider } = providerFor(type, bed);
  const result = await provider.check!(olds, args);
  expect(result.failures ?? []).to.deep.equal([]);
  return result.inputs as Values;
}

/** The secret strings at the given paths, and each of their lines long enough to identify them. */
function secretsIn(paths: readonly string[], values: Values): string[] {
  const found: string[] = [];
  for (const path of paths) {
    const [top, leaf] = path.split(".");
    const value = leaf === undefined ? values[top] : (values[top] as Values | undefined)?.[leaf];
    if (typeof value !== "string") continue;
    expect(isSecretDigest(value), path).to.equal(false);
    found.push(value, ...value.split("\n").filter((line) => line.length >= 20 && !line.startsWith("-----")));
  }
  return found;
}

describe("connector lifecycle (in-memory API)", () => {
  for (const type of CONNECTOR_TYPES) {
    describe(type, () => {
      it("creates an active connector and outputs it, with digests of the secrets under their input keys", async () => {
        const bed = testBed();
        const { id, inputs, outs } = await created(bed, type);
        expect(bed.api.ops()).to.deep.equal(["create"]);
        expect(outs).to.include({
          connectorId: id,
          orgId: "org-test",
          region: "us1",
          active: true,
          version: 0,
        });
        expect(outs.kind).to.equal(providerFor(type, bed).spec.apiType);
        expect(outs.createdAt).to.match(/^\d{4}-\d\d-\d\dT/);
        const { spec } = providerFor(type, bed);
        const recorded = withSecretDigests(spec.secretPaths, inputs);
        for (const key of Object.keys(spec.fields)) {
          expect(outs[key], key).to.deep.equal(recorded[key]);
        }
        expect(Object.values(outs)).not.to.include(undefined);
        expect(outs.schemaVersion).to.equal(2);
        // No secret is in the outputs, in any piece: only its digest.
        const text = JSON.stringify(outs);
        for (const secret of secretsIn(spec.secretPaths, inputs)) expect(text).not.to.contain(secret);
      });

      it("diffs a state that holds the secrets themselves (schema 1) without seeing a change, and sees a rotation", async () => {
        const bed = testBed();
        const { provider, id, inputs, outs } = await created(bed, type);
        const { spec } = providerFor(type, bed);
        const schema1 = { ...outs, schemaVersion: 1 } as Values;
        for (const path of spec.secretPaths) {
          const [top, leaf] = path.split(".");
          if (leaf === undefined) schema1[top] = inputs[top];
          else schema1[top] = { ...(schema1[top] as Values), [leaf]: (inputs[top] as Values)[leaf] };
        }
        expect(await provider.diff!(id, schema1, inputs)).to.deep.equal({ changes: false });
        const rotation = ROTATIONS[type];
        if (spec.secretPaths.some((path) => path.split(".")[0] === rotation.field)) {
          const news = await checked(bed, type, inputs, rotation.args(validArgs(type)));
          expect(await provider.diff!(id, schema1, news)).to.deep.equal({ changes: true });
          const { outs: after } = (await provider.update!(id, schema1, news)) as { outs: Values };
          expect(after.schemaVersion).to.equal(2);
          expect(await provider.diff!(id, after, news)).to.deep.equal({ changes: false });
        }
      });

      it("diffs the created state against the same inputs as no change", async () => {
        const bed = testBed();
        const { provider, id, inputs, outs } = await created(bed, type);
        const again = await checked(bed, type, inputs, validArgs(type));
        expect(
          await provider.diff!(id, outs, { ...again, __provider: "changed provider text" }),
        ).to.deep.equal({
          changes: false,
        });
      });

      it("rotates a credential by deactivate → edit → activate", async () => {
        const bed = testBed();
        const { provider, id, inputs, outs } = await created(bed, type);
        const rotation = ROTATIONS[type];
        const news = await checked(bed, type, inputs, rotation.args(validArgs(type)));
        expect(await provider.diff!(id, outs, news)).to.deep.equal({ changes: true });
        bed.api.calls.length = 0;
        const { outs: after } = (await provider.update!(id, outs, news)) as { outs: Values };
        const writes = bed.api
          .writes()
          .map((c) => (c.op === "update" ? `update(credentials=${c.withCredentials})` : c.op));
        const expected =
          type === "GoogleCcaiConnector"
            ? ["deactivate", "update(credentials=true)", "reauthorize", "activate"]
            : ["deactivate", "update(credentials=true)", "activate"];
        expect(writes).to.deep.equal(expected);
        expect(
          bed.api.reservations,
          "every call of the downtime set aside before deactivating",
        ).to.deep.equal([expected.length]);
        const { spec } = providerFor(type, bed);
        expect(after[rotation.field]).to.deep.equal(
          withSecretDigests(spec.secretPaths, news)[rotation.field],
        );
        expect(after[rotation.field]).not.to.deep.equal(outs[rotation.field]);
        expect(after.active).to.equal(true);
        expect(await provider.diff!(id, after, news)).to.deep.equal({ changes: false });
      });

      it("replaces on a rename, deleting first only where creating first would clash", async () => {
        const bed = testBed();
        const { provider, id, inputs, outs } = await created(bed, type);
        const renamed = await checked(bed, type, inputs, { ...validArgs(type), name: "renamed" });
        const result = await provider.diff!(id, outs, renamed);
        expect(result.changes).to.equal(true);
        expect(result.replaces).to.deep.equal(["name"]);
        expect(result.deleteBeforeReplace ?? false).to.equal(type === "ExperienceManagementConnector");
        const caseOnly = await checked(bed, type, inputs, {
          ...validArgs(type),
          name: String(inputs.name).toUpperCase(),
        });
        expect(await provider.diff!(id, outs, caseOnly)).to.deep.include({
          replaces: ["name"],
          deleteBeforeReplace: true,
        });
      });

      it("deletes by deactivating first; a connector already gone is success", async () => {
        const bed = testBed();
        const { provider, id, outs } = await created(bed, type);
        bed.api.calls.length = 0;
        await provider.delete!(id, outs);
        expect(bed.api.writes().map((c) => c.op)).to.deep.equal(["deactivate", "delete"]);
        expect(bed.api.connectors.size).to.equal(0);
        await provider.delete!(id, outs);
      });

      it("refreshes: gone → no id; deactivated out of band → drift in inputs", async () => {
        const bed = testBed();
        const { provider, id, inputs, outs } = await created(bed, type);
        const unchanged = await provider.read!(id, outs);
        // Nothing drifted: no inputs, so the engine keeps the stored ones (with the secrets themselves).
        expect(unchanged).to.deep.equal({ id, props: outs });
        await bed.api.deactivate(id);
        const refreshed = await provider.read!(id, outs);
        expect(refreshed.id).to.equal(id);
        expect(refreshed.props).to.include({ active: false });
        expect(refreshed.inputs).to.include({ active: false });
        const { spec } = providerFor(type, bed);
        const recorded = withSecretDigests(spec.secretPaths, inputs);
        for (const key of Object.keys(spec.fields)) {
          expect((refreshed.inputs as Values)[key], key).to.deep.equal(recorded[key]);
        }
        expect(await provider.diff!(id, refreshed.props, inputs)).to.deep.equal({ changes: true });
        // The refreshed inputs' digests stand for the same secrets: only the activation differs.
        const reactivate = await checked(bed, type, refreshed.inputs as Values, validArgs(type));
        bed.api.calls.length = 0;
        await provider.update!(id, refreshed.props as Values, reactivate);
        expect(bed.api.writes().map((c) => c.op)).to.deep.equal(["activate"]);
        bed.api.connectors.delete(id);
        expect((await provider.read!(id, outs)).id).to.equal(undefined);
      });
    });
  }

  describe("create", () => {
    it("creates, then deactivates when the program says active: false", async () => {
      const bed = testBed();
      const { outs } = await created(bed, "GoogleConnector", {
        ...validArgs("GoogleConnector"),
        active: false,
      });
      expect(bed.api.ops()).to.deep.equal(["create", "deactivate"]);
      expect(outs.active).to.equal(false);
    });

    it("reports a connector that exists but failed to deactivate with its id, so Pulumi records it", async () => {
      const bed = testBed();
      bed.api.failNext("deactivate");
      const error = await created(bed, "GoogleConnector", {
        ...validArgs("GoogleConnector"),
        active: false,
      }).then(
        () => undefined,
        (e: unknown) => e as { id?: string; properties?: Values; message: string },
      );
      const [stored] = [...bed.api.connectors.values()];
      expect(error?.id).to.equal(stored.id);
      expect(error?.properties).to.include({ connectorId: stored.id, active: true });
      expect(error?.message).to.contain("It is ACTIVE");
    });

    it("explains a duplicate name in Pulumi's terms: the holder's id, and that adopt: true takes it over", async () => {
      const bed = testBed();
      const { outs } = await created(bed, "CustomConnector");
      const error = await created(bed, "CustomConnector").catch((e: Error) => e);
      expect(String(error)).to.contain(`id ${String(outs.connectorId)}`);
      expect(String(error)).to.contain("Set adopt: true on this CustomConnector to take it over");
    });

    it("adopts after an ambiguous POST only the connector it sent", async () => {
      const bed = testBed();
      const { spec } = providerFor("CustomConnector", bed);
      const { outs, inputs } = await created(bed, "CustomConnector");
      const live = await bed.api.get(String(outs.connectorId));
      expect(isSameConnector(spec, inputs, live!)).to.equal(true);
      expect(
        isSameConnector(spec, { ...inputs, resourceDomainUrl: "https://other.example.com" }, live!),
      ).to.equal(false);
      expect(isSameConnector(spec, { ...inputs, description: "someone else's" }, live!)).to.equal(false);
    });

    it("scrubs secrets from failure messages", async () => {
      const bed = testBed();
      const key = rsaKey(0).privateKeyPem;
      bed.api.failNext("create", apiError(400, "X", `rejected ${key} and orders-client-secret-0001`));
      const error = await created(bed, "SalesforceConnector").catch((e: Error) => e);
      expect(String(error)).not.to.contain(key.split("\n")[1]);
      expect(String((error as Error).stack)).not.to.contain(key.split("\n")[1]);
    });
  });

  describe("update", () => {
    it("changes a description, and a Custom connector's resource domain URL, without deactivating", async () => {
      const bed = testBed();
      const { provider, id, inputs, outs } = await created(bed, "CustomConnector");
      const news = await checked(bed, "CustomConnector", inputs, {
        ...validArgs("CustomConnector"),
        description: "orders and returns",
        resourceDomainUrl: "https://orders-v2.example.com",
      });
      bed.api.calls.length = 0;
      const { outs: after } = (await provider.update!(id, outs, news)) as { outs: Values };
      expect(bed.api.writes()).to.deep.equal([{ op: "update", id, withCredentials: false }]);
      expect(bed.api.reservations, "no downtime, nothing to set aside").to.deep.equal([]);
      expect(after).to.include({
        description: "orders and returns",
        resourceDomainUrl: "https://orders-v2.example.com",
      });
    });

    it("toggles active alone", async () => {
      const bed = testBed();
      const { provider, id, inputs, outs } = await created(bed, "SalesforceConnector");
      const off = await checked(bed, "SalesforceConnector", inputs, {
        ...validArgs("SalesforceConnector"),
        active: false,
      });
      bed.api.calls.length = 0;
      const { outs: inactive } = (await provider.update!(id, outs, off)) as { outs: Values };
      expect(bed.api.writes().map((c) => c.op)).to.deep.equal(["deactivate"]);
      expect(inactive.active).to.equal(false);
      bed.api.calls.length = 0;
      await provider.update!(id, inactive, inputs);
      expect(bed.api.writes().map((c) => c.op)).to.deep.equal(["activate"]);
    });

    it("sets aside only the deactivation and the edit when the program also turns the connector off", async () => {
      const bed = testBed();
      const { provider, id, inputs, outs } = await created(bed, "SalesforceConnector");
      const news = await checked(bed, "SalesforceConnector", inputs, {
        ...validArgs("SalesforceConnector"),
        privateKey: rsaKey(1).privateKeyPem,
        active: false,
      });
      bed.api.calls.length = 0;
      const { outs: after } = (await provider.update!(id, outs, news)) as { outs: Values };
      expect(bed.api.writes().map((c) => c.op)).to.deep.equal(["deactivate", "update"]);
      expect(bed.api.reservations).to.deep.equal([2]);
      expect(after.active).to.equal(false);
    });

    it("edits the credentials of an inactive connector without activating it", async () => {
      const bed = testBed();
      const args = { ...validArgs("SalesforceConnector"), active: false };
      const { provider, id, inputs, outs } = await created(bed, "SalesforceConnector", args);
      const news = await checked(bed, "SalesforceConnector", inputs, {
        ...args,
        privateKey: rsaKey(1).privateKeyPem,
      });
      bed.api.calls.length = 0;
      await provider.update!(id, outs, news);
      expect(bed.api.writes().map((c) => c.op)).to.deep.equal(["update"]);
    });

    it("re-authorizes a CCAI connector on a new googleAuthorization, without an edit or deactivation", async () => {
      const bed = testBed();
      const { provider, id, inputs, outs } = await created(bed, "GoogleCcaiConnector");
      const news = await checked(bed, "GoogleCcaiConnector", inputs, {
        ...validArgs("GoogleCcaiConnector"),
        googleAuthorization: "google-authorization-code-0002",
      });
      expect(await provider.diff!(id, outs, news)).to.deep.equal({ changes: true });
      bed.api.calls.length = 0;
      const { outs: after } = (await provider.update!(id, outs, news)) as { outs: Values };
      expect(bed.api.writes().map((c) => c.op)).to.deep.equal(["reauthorize"]);
      expect(bed.api.secretsOf(id).googleAuthorization).to.equal("google-authorization-code-0002");
      expect(after.googleAuthorization).to.equal(secretDigest("google-authorization-code-0002"));
    });

    it("restores a connector whose credential edit was rejected, and reports the failure", async () => {
      const bed = testBed();
      const { provider, id, inputs, outs } = await created(bed, "SalesforceConnector");
      const rejected = rsaKey(1).privateKeyPem;
      bed.api.rejectSecret = rejected;
      const news = await checked(bed, "SalesforceConnector", inputs, {
        ...validArgs("SalesforceConnector"),
        privateKey: rejected,
      });
      bed.api.calls.length = 0;
      const error = (await provider.update!(id, outs, news).catch((e: Error) => e)) as Error;
      expect(bed.api.writes().map((c) => c.op)).to.deep.equal(["deactivate", "update", "activate"]);
      expect(error.message).to.contain("invalid_grant");
      expect(error.message).to.contain("re-activated with its previous credentials");
      expect(error.message).to.contain("Nothing was changed");
      // Read back as the state records it: the recorded state stands.
      expect(error).not.to.have.property("id");
      expect(bed.api.connectors.get(id)!.active).to.equal(true);
      expect(bed.api.secretsOf(id).privateKey).to.equal(rsaKey(0).privateKeyPem);
    });

    it("says exactly what state the connector is in when even the restore fails", async () => {
      const bed = testBed();
      const { provider, id, inputs, outs } = await created(bed, "SalesforceConnector");
      const news = await checked(bed, "SalesforceConnector", inputs, {
        ...validArgs("SalesforceConnector"),
        privateKey: rsaKey(1).privateKeyPem,
      });
      bed.api.failNext("update", apiError(503, "UNAVAILABLE", "edit failed"));
      bed.api.failNext("activate", apiError(503, "UNAVAILABLE", "activate failed"));
      const error = (await provider.update!(id, outs, news).catch((e: unknown) => e)) as Error & {
        id?: string;
        properties?: Values;
      };
      expect(error.message).to.contain("INACTIVE with its previous credentials");
      expect(error.id).to.equal(id);
      expect(error.properties).to.include({
        active: false,
        privateKey: secretDigest(rsaKey(0).privateKeyPem),
      });
      expect(error.message).not.to.contain("PRIVATE KEY-----\nMII");
    });

    it("reports a connector left inactive when re-activation after a successful edit fails", async () => {
      const bed = testBed();
      const { provider, id, inputs, outs } = await created(bed, "ExperienceManagementConnector");
      const news = await checked(bed, "ExperienceManagementConnector", inputs, {
        ...validArgs("ExperienceManagementConnector"),
        apiKey: "wxm-api-key-0002",
      });
      bed.api.failNext("activate");
      const error = (await provider.update!(id, outs, news).catch((e: unknown) => e)) as Error & {
        properties?: Values;
      };
      expect(error.message).to.match(/re-activating it failed.*INACTIVE with the new credentials/s);
      expect(error.message).not.to.contain("wxm-api-key-0002");
      expect(error.properties).to.include({ active: false, apiKey: secretDigest("wxm-api-key-0002") });
    });

    it("fails clearly when the connector was deleted out of band", async () => {
      const bed = testBed();
      const { provider, id, inputs, outs } = await created(bed, "GoogleConnector");
      bed.api.connectors.delete(id);
      const error = await provider.update!(id, outs, { ...inputs, description: "x" }).catch((e: Error) => e);
      expect(String(error)).to.contain("deleted outside Pulumi");
    });

    it("rotates without reading first, and says so when the connector was deleted out of band", async () => {
      const bed = testBed();
      const { provider, id, inputs, outs } = await created(bed, "GoogleConnector");
      const news = { ...inputs, authKey: serviceAccountKey(1) };
      bed.api.calls.length = 0;
      await provider.update!(id, outs, news);
      expect(bed.api.calls.map((c) => c.op)).to.deep.equal(["deactivate", "update", "activate"]);
      bed.api.connectors.delete(id);
      const error = await provider.update!(id, outs, news).catch((e: Error) => e);
      expect(String(error)).to.contain("deleted outside Pulumi");
    });
  });

  describe("diff", () => {
    it("replaces on org, region or kind changes, deleting first only within the same org", async () => {
      const bed = testBed();
      const { provider, id, inputs, outs } = await created(bed, "SalesforceConnector");
      const otherOrg = { ...inputs, orgId: "org-other" };
      expect(await provider.diff!(id, outs, otherOrg)).to.deep.equal({
        changes: true,
        replaces: ["orgId"],
        deleteBeforeReplace: false,
      });
      expect(await provider.diff!(id, outs, { ...inputs, region: "eu1" })).to.deep.include({
        replaces: ["region"],
      });
      expect(await provider.diff!(id, { ...outs, kind: "GOOGLE" }, inputs)).to.deep.include({
        replaces: ["kind"],
      });
    });

    it("deletes first when the per-org limit leaves no room for the replacement", async () => {
      const bed = testBed();
      const { provider, id, inputs, outs } = await created(
        bed,
        "SalesforceConnector",
        validArgs("SalesforceConnector", "sf-0"),
      );
      const renamed = { ...inputs, name: "sf-new" };
      expect(await provider.diff!(id, outs, renamed)).to.deep.include({ deleteBeforeReplace: false });
      for (let i = 1; i < 5; i++)
        await created(bed, "SalesforceConnector", validArgs("SalesforceConnector", `sf-${i}`));
      expect(await provider.diff!(id, outs, renamed)).to.deep.include({ deleteBeforeReplace: true });
    });

    it("treats unknown values as possible changes", async () => {
      const bed = testBed();
      const { provider, id, inputs, outs } = await created(bed, "SalesforceConnector");
      expect(await provider.diff!(id, outs, { ...inputs, privateKey: UNKNOWN })).to.deep.equal({
        changes: true,
      });
      expect(await provider.diff!(id, outs, { ...inputs, name: UNKNOWN })).to.deep.include({
        replaces: ["name"],
        deleteBeforeReplace: true,
      });
    });

    it("sees a credential change although the API never returns credentials", async () => {
      const bed = testBed();
      const { provider, id, inputs, outs } = await created(bed, "CustomConnector");
      const refreshed = await provider.read!(id, outs);
      const rotated = {
        ...inputs,
        auth: { ...(inputs.auth as Values), clientSecret: "orders-client-secret-0009" },
      };
      expect(await provider.diff!(id, refreshed.props, rotated)).to.deep.equal({ changes: true });
      expect(await provider.diff!(id, refreshed.props, inputs)).to.deep.equal({ changes: false });
    });
  });

  describe("delete", () => {
    it("refuses to delete a CCAI connector a CCAI config uses, before deactivating it", async () => {
      const bed = testBed();
      const { provider, id, outs } = await created(bed, "GoogleCcaiConnector");
      bed.api.references.set(id, [{ type: "ccai-config", id: "cfg-1", name: "Agent Answers EN" }]);
      bed.api.calls.length = 0;
      const error = await provider.delete!(id, outs).catch((e: Error) => e);
      expect(String(error)).to.contain('CCAI config "Agent Answers EN" (id cfg-1)');
      expect(bed.api.writes()).to.deep.equal([]);
      expect(bed.api.connectors.get(id)!.active).to.equal(true);
    });

    it("re-activates the connector when the delete itself fails", async () => {
      const bed = testBed();
      const { provider, id, outs } = await created(bed, "GoogleConnector");
      bed.api.failNext("delete");
      const error = await provider.delete!(id, outs).catch((e: Error) => e);
      expect(String(error)).to.contain("The connector was re-activated.");
      expect(bed.api.connectors.get(id)!.active).to.equal(true);
    });

    it("refuses to delete an active connector outside the maintenance window", async () => {
      const bed = testBed({ maintenanceWindow: parseMaintenanceWindow("Sun 01:00-02:00 UTC") });
      const { provider, id, outs } = await created(bed, "GoogleConnector");
      const error = await provider.delete!(id, outs).catch((e: Error) => e);
      expect(String(error)).to.contain('"Sun 01:00-02:00 UTC"');
      expect(bed.api.connectors.get(id)!.active).to.equal(true);
    });
  });

  it("passes the resource's org and region and the configured overrides to the client", async () => {
    const bed = testBed({
      baseUrl: "http://127.0.0.1:9",
      identityUrl: "http://127.0.0.1:8",
      rateLimitPerMinute: 120,
    });
    await created(bed, "ExperienceManagementConnector", {
      ...validArgs("ExperienceManagementConnector"),
      region: "eu1",
    });
    expect(bed.targets[0]).to.deep.equal({
      orgId: "org-test",
      region: "eu1",
      credentials: { accessToken: "admin-token-abcdef" },
    });
    expect(bed.options[0]).to.include({
      baseUrl: "http://127.0.0.1:9",
      identityUrl: "http://127.0.0.1:8",
      rateLimitPerMinute: 120,
    });
    // The resource's own secrets, and the configuration's as the one list every call shares.
    expect(bed.options[0].secrets).to.include.members(["wxm-api-key-0001"]);
    expect(bed.options[0].sharedSecrets).to.include.members(["admin-token-abcdef"]);
  });
});

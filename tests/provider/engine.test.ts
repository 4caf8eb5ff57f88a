// Every connector kind through the engine harness (the real dynamic-provider plugin over gRPC) against the
// emulator: one stack holding one connector of each kind goes through the whole life, and the emulator's
// request log shows what the provider did.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { expect } from "chai";
import type { LoggedRequest } from "../../emulator";
import { kindSpec } from "../../provider/kinds/registry";
import { planOf } from "../support/plan-of";
import { type ConnectorTypeName, secretOutputKeys } from "../../provider/kinds/spec";
import { CONNECTOR_CLASSES, type ConnectorResource } from "../../sdk/connectors";
import { providerText as providerTextOf } from "../../sdk/thin-provider";
import {
  type ConfigValue,
  DynamicProviderPlugin,
  makeUrn,
  type OperationResult,
  Stack,
  toProviderWire,
} from "../../testing";
import {
  ADMIN_TOKEN,
  ORG_ID,
  PROJECT_DIR,
  READ_ONLY_TOKEN,
  startWorld,
  trustOrdersSecret,
  trustSalesforceKey,
  type World,
} from "./support/emulator-world";
import { badInputs, CONNECTOR_TYPES, rsaKey, serviceAccountKey, validArgs } from "./support/fixtures";

type Values = Record<string, unknown>;
type Args = Record<ConnectorTypeName, Values>;

const CLASSES = CONNECTOR_CLASSES as unknown as Record<
  ConnectorTypeName,
  new (name: string, args: object) => ConnectorResource
>;

const PROJECT = "wxcc-connectors";

/** Every secret the tests hand to the provider: none may appear in state text, logs or messages. */
function secretsInPlay(): string[] {
  const keyLines = (pem: string) => pem.split("\n").filter((line) => line.length > 40);
  return [
    ADMIN_TOKEN,
    READ_ONLY_TOKEN,
    ...[0, 1, 2].flatMap((n) => keyLines(rsaKey(n).privateKeyPem)),
    "google-authorization-code-0001",
    "google-authorization-code-0002",
    "wxm-api-key-0001",
    "wxm-api-key-0002",
    "wxm-api-key-0003",
    "orders-client-secret-0001",
    "orders-client-secret-0002",
    "orders-client-secret-0003",
  ];
}

function expectNoSecret(text: string, where: string): void {
  for (const secret of secretsInPlay()) {
    expect(text.includes(secret), `${where} holds a secret (${secret.slice(0, 12)}…)`).to.equal(false);
  }
}

/** The write requests per connector id, as "METHOD action" ("PUT" for the edit itself). */
function writesById(requests: LoggedRequest[]): Map<string, string[]> {
  const byId = new Map<string, string[]>();
  for (const request of requests) {
    if (request.method === "GET") continue;
    const match = /\/organization\/[^/]+\/connector\/([^/]+)(?:\/([a-z-]+))?$/.exec(request.path);
    if (!match) continue;
    const list = byId.get(match[1]) ?? [];
    list.push(match[2] ? `${request.method} ${match[2]}` : request.method);
    byId.set(match[1], list);
  }
  return byId;
}

/** Stack config as Configure carries it: secrets as envelopes. */
function wireConfig(config: Record<string, ConfigValue>): Values {
  return Object.fromEntries(
    Object.entries(config).map(([key, value]) => [
      key,
      typeof value === "string"
        ? value
        : { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: value.secret },
    ]),
  );
}

function writes(requests: LoggedRequest[]): LoggedRequest[] {
  return requests.filter((request) => request.method !== "GET");
}

describe("connectors through the engine harness, against the emulator", function () {
  this.timeout(120_000);
  let world: World;
  let stateDir: string;
  const results: OperationResult[] = [];

  before(async () => {
    world = await startWorld();
    stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "wxcc-engine-"));
  });

  after(async () => {
    await world?.emulator.close();
    if (stateDir) fs.rmSync(stateDir, { recursive: true, force: true });
  });

  describe("one connector of every kind, through its whole life", () => {
    let stack: Stack;
    let args: Args;
    const program = () => {
      for (const type of CONNECTOR_TYPES) new CLASSES[type](type, args[type]);
    };
    const run = async <T extends OperationResult>(operation: Promise<T>): Promise<T> => {
      const result = await operation;
      results.push(result);
      return result;
    };
    const connectorId = (type: ConnectorTypeName) => String(stack.resource(type)?.outputs.connectorId);
    const live = async () => world.control.connectors(ORG_ID);

    before(() => {
      args = Object.fromEntries(CONNECTOR_TYPES.map((type) => [type, validArgs(type)])) as Args;
      stack = new Stack({
        projectDir: PROJECT_DIR,
        project: PROJECT,
        stack: "lifecycle",
        config: world.config(),
        stateFile: path.join(stateDir, "lifecycle.json"),
        passphrase: "engine-test",
      });
    });

    it("creates one active connector of each kind", async () => {
      const up = await run(stack.up(program));
      up.assertOk();
      expect(up.opLog).to.have.members(CONNECTOR_TYPES.map((type) => `create:${type}`));
      const connectors = await live();
      expect(connectors.map((c) => c.type).sort()).to.deep.equal(
        ["CUSTOM", "GOOGLE", "GOOGLE_CCAI", "SALESFORCE", "WEBEX_CC", "WXM"].sort(),
      );
      expect(connectors.every((c) => c.active)).to.equal(true);
      const http = stack.resource("ContactCenterConnector")!.outputs;
      expect(http.scopes).to.deep.equal(["cjp_config", "cjp_config_read"]);
      expect(stack.resource("SalesforceConnector")!.outputs).to.include({
        kind: "SALESFORCE",
        orgId: ORG_ID,
        region: "us1",
        active: true,
        authorizationServerUrl: "https://login.salesforce.com",
      });
    });

    it("previews no change a second time, with zero write calls", async () => {
      await world.control.clearRequests();
      const preview = await run(stack.preview(program));
      preview.assertOk();
      expect(preview.changeSummary).to.deep.equal({ same: CONNECTOR_TYPES.length });
      expect(writes(await world.control.requests())).to.deep.equal([]);
    });

    it("rotates every kind's credential by deactivate → edit → activate", async () => {
      await trustSalesforceKey(world.control, 1);
      await trustOrdersSecret(world.control, "orders-client-secret-0002");
      args.SalesforceConnector.privateKey = rsaKey(1).privateKeyPem;
      args.GoogleConnector.authKey = serviceAccountKey(1);
      args.GoogleCcaiConnector.serviceAccount = "agent-answers@acme-ccai.iam.gserviceaccount.com";
      args.ExperienceManagementConnector.apiKey = "wxm-api-key-0002";
      args.CustomConnector.auth = {
        ...(args.CustomConnector.auth as Values),
        clientSecret: "orders-client-secret-0002",
      };
      args.ContactCenterConnector.access = "read-write";
      const preview = await run(stack.preview(program));
      expect(preview.changeSummary).to.deep.equal({ update: CONNECTOR_TYPES.length });
      await world.control.clearRequests();
      const up = await run(stack.up(program));
      up.assertOk();
      const byId = writesById(await world.control.requests());
      for (const type of CONNECTOR_TYPES) {
        const expected =
          type === "GoogleCcaiConnector"
            ? ["POST deactivate", "PUT", "POST reauthorize", "POST activate"]
            : ["POST deactivate", "PUT", "POST activate"];
        expect(byId.get(connectorId(type)), type).to.deep.equal(expected);
      }
      expect((await live()).every((c) => c.active)).to.equal(true);
      expect(stack.resource("ContactCenterConnector")!.outputs.scopes).to.have.members([
        "cjp_config",
        "cjp_config_read",
        "cjp_config_write",
        "cjp_user",
      ]);
    });

    it("re-authorizes a CCAI connector on a new Google authorization, without deactivating it", async () => {
      args.GoogleCcaiConnector.googleAuthorization = "google-authorization-code-0002";
      await world.control.clearRequests();
      (await run(stack.up(program))).assertOk();
      expect([...writesById(await world.control.requests()).values()]).to.deep.equal([["POST reauthorize"]]);
    });

    it("changes descriptions, and the Custom connector's URL, without deactivating", async () => {
      for (const type of CONNECTOR_TYPES) args[type].description = `managed by Pulumi (${type})`;
      args.CustomConnector.resourceDomainUrl = "https://orders-v2.example.com";
      await world.control.clearRequests();
      const up = await run(stack.up(program));
      up.assertOk();
      expect(up.changeSummary).to.deep.equal({ update: CONNECTOR_TYPES.length });
      const byId = writesById(await world.control.requests());
      for (const type of CONNECTOR_TYPES) expect(byId.get(connectorId(type)), type).to.deep.equal(["PUT"]);
      const custom = (await live()).find((c) => c.type === "CUSTOM")!;
      expect(custom.settings).to.deep.equal({ resourceDomainUrl: "https://orders-v2.example.com" });
      expect(custom.active).to.equal(true);
    });

    it("fails a disruptive change outside wxcc:maintenanceWindow at check, naming connector and window", async () => {
      // A two-hour window starting two hours from now: now is certainly outside it.
      const hour = (offset: number) => String((new Date().getUTCHours() + offset) % 24).padStart(2, "0");
      const window = `${hour(2)}:00-${hour(4)}:00 UTC`;
      const disruptive: Record<ConnectorTypeName, [string, unknown]> = {
        SalesforceConnector: ["privateKey", rsaKey(2).privateKeyPem],
        GoogleConnector: ["authKey", serviceAccountKey(2)],
        GoogleCcaiConnector: ["ccaiProject", "acme-ccai-2"],
        ExperienceManagementConnector: ["apiKey", "wxm-api-key-0003"],
        CustomConnector: [
          "auth",
          { ...(args.CustomConnector.auth as Values), clientSecret: "orders-client-secret-0003" },
        ],
        ContactCenterConnector: ["active", false],
      };
      const expectGuard = (
        type: ConnectorTypeName,
        failure: { property: string; reason: string } | undefined,
      ) => {
        expect(failure?.property, type).to.equal(disruptive[type][0]);
        expect(failure?.reason).to.contain(`${type} "${args[type].name}"`);
        expect(failure?.reason).to.contain(
          `wxcc:maintenanceWindow (WXCC_MAINTENANCE_WINDOW) allows that only within "${window}"`,
        );
      };
      await world.control.clearRequests();

      // In a preview, as the CLI shows it.
      stack.setConfig("wxcc:maintenanceWindow", window);
      try {
        const changed = { ...args.SalesforceConnector, privateKey: disruptive.SalesforceConnector[1] };
        const preview = await run(
          stack.preview(() => {
            for (const t of CONNECTOR_TYPES)
              new CLASSES[t](t, t === "SalesforceConnector" ? changed : args[t]);
          }),
        );
        expect(preview.ok).to.equal(false);
        expectGuard("SalesforceConnector", preview.step("SalesforceConnector")!.checkFailures[0]);
        expect(preview.diagnostics.map((d) => d.message).join("\n")).to.contain("wxcc:maintenanceWindow");
      } finally {
        stack.removeConfig("wxcc:maintenanceWindow");
      }

      // Every kind, through the plugin's Check with the recorded inputs as the engine sends them.
      const plugin = await DynamicProviderPlugin.start({
        projectDir: PROJECT_DIR,
        project: PROJECT,
        stack: "guard",
      });
      try {
        await plugin.configure({ ...wireConfig(world.config()), "wxcc:maintenanceWindow": window });
        for (const type of CONNECTOR_TYPES) {
          const recorded = stack.resource(type)!;
          const olds = toProviderWire(recorded.inputs) as Values;
          const [field, value] = disruptive[type];
          const { failures } = await plugin.check(recorded.urn, olds, {
            ...olds,
            ...args[type],
            [field]: value,
          });
          expectGuard(type, failures[0]);
        }
      } finally {
        await plugin.close();
      }
      expect(writes(await world.control.requests())).to.deep.equal([]);
    });

    {
      // Salesforce and Custom are refused by the remote side on save; the other kinds by an injected 400.
      const rejected: Record<ConnectorTypeName, [string, unknown, string]> = {
        SalesforceConnector: ["privateKey", rsaKey(2).privateKeyPem, "invalid_grant"],
        GoogleConnector: ["authKey", serviceAccountKey(2), "INJECTED_FAULT"],
        GoogleCcaiConnector: ["ccaiProject", "acme-ccai-2", "INJECTED_FAULT"],
        ExperienceManagementConnector: ["apiKey", "wxm-api-key-0003", "INJECTED_FAULT"],
        CustomConnector: ["auth", undefined, "OAUTH_VALIDATION_FAILED"],
        ContactCenterConnector: ["access", "read-only", "INJECTED_FAULT"],
      };
      for (const type of CONNECTOR_TYPES) {
        it(`restores ${type} when its credential edit fails, and reports the failure`, async () => {
          const [field, value, cause] = rejected[type];
          const bad =
            type === "CustomConnector"
              ? { ...(args.CustomConnector.auth as Values), clientSecret: "orders-client-secret-0003" }
              : value;
          const id = connectorId(type);
          if (cause === "INJECTED_FAULT") {
            await world.control.injectFault({
              method: "PUT",
              path: `/organization/${ORG_ID}/connector/${id}`,
              status: 400,
            });
          }
          const changed = { ...args, [type]: { ...args[type], [field]: bad } } as Args;
          await world.control.clearRequests();
          const up = await run(
            stack.up(() => {
              for (const t of CONNECTOR_TYPES) new CLASSES[t](t, changed[t]);
            }),
          );
          expect(up.ok).to.equal(false);
          expect(up.error).to.contain(cause);
          expect(up.error).to.contain("re-activated with its previous credentials");
          expect(writesById(await world.control.requests()).get(id)).to.deep.equal([
            "POST deactivate",
            "PUT",
            "POST activate",
          ]);
          expect((await live()).find((c) => c.id === id)!.active).to.equal(true);
          if (type === "SalesforceConnector") {
            // The rejected credential is still pending: the next preview plans the edit again.
            const again = await run(
              stack.preview(() => {
                for (const t of CONNECTOR_TYPES) new CLASSES[t](t, changed[t]);
              }),
            );
            expect(again.step(type)!.op).to.equal("update");
          }
        });
      }
    }

    it("shows an out-of-band deactivation as drift on refresh, and up re-activates", async () => {
      for (const type of CONNECTOR_TYPES) await world.control.deactivateOutOfBand(ORG_ID, connectorId(type));
      const refresh = await run(stack.refresh());
      refresh.assertOk();
      for (const type of CONNECTOR_TYPES) {
        const step = refresh.step(type)!;
        expect(step.drift, type).to.include("active");
        // The rebuilt inputs hold the recorded digests where the stored ones held the secrets (a read sees
        // outputs only), so the secret fields are listed too; the up below proves nothing is rotated.
        expect(step.inputDrift, type).to.deep.equal(["active", ...secretOutputKeys(kindSpec(type))].sort());
        expect(stack.resource(type)!.inputs.active).to.equal(false);
      }
      const preview = await run(stack.preview(program));
      expect(preview.changeSummary).to.deep.equal({ update: CONNECTOR_TYPES.length });
      // The plan shows the re-activation and nothing else: no credential edit, no deactivation, although the
      // refreshed inputs hold digests where the program declares the credentials.
      const plan = planOf(preview);
      const planned = plan.orgs.flatMap((org) => org.resources);
      expect(planned).to.have.length(CONNECTOR_TYPES.length);
      for (const r of planned) {
        expect(
          r.changes.map((c) => c.path),
          r.logicalName,
        ).to.deep.equal(["active"]);
        expect(r, r.logicalName).to.include({ reactivates: true, deactivates: false });
        expect(r.warnings, r.logicalName).to.deep.equal([]);
      }
      await world.control.clearRequests();
      (await run(stack.up(program))).assertOk();
      const byId = writesById(await world.control.requests());
      for (const type of CONNECTOR_TYPES)
        expect(byId.get(connectorId(type)), type).to.deep.equal(["POST activate"]);
    });

    it("plans and runs a rename as a replacement", async () => {
      const oldIds = CONNECTOR_TYPES.map(connectorId);
      for (const type of CONNECTOR_TYPES) args[type].name = `${args[type].name}-renamed`;
      const preview = await run(stack.preview(program));
      preview.assertOk();
      for (const type of CONNECTOR_TYPES) {
        const step = preview.step(type)!;
        expect(step.op, type).to.equal("replace");
        expect(step.replaceReasons, type).to.deep.equal(["name"]);
        expect(step.deleteBeforeReplace ?? false, type).to.equal(type === "ExperienceManagementConnector");
      }
      (await run(stack.up(program))).assertOk();
      const connectors = await live();
      expect(connectors.map((c) => c.name).sort()).to.deep.equal(
        CONNECTOR_TYPES.map((type) => String(args[type].name)).sort(),
      );
      expect(connectors.some((c) => oldIds.includes(c.id))).to.equal(false);
    });

    it("forgets connectors deleted out of band on refresh, and up creates them again", async () => {
      for (const type of CONNECTOR_TYPES) await world.control.deleteOutOfBand(ORG_ID, connectorId(type));
      const refresh = await run(stack.refresh());
      refresh.assertOk();
      expect(refresh.steps.every((step) => step.gone)).to.equal(true);
      expect(stack.resources()).to.deep.equal([]);
      const up = await run(stack.up(program));
      up.assertOk();
      expect(up.changeSummary).to.deep.equal({ create: CONNECTOR_TYPES.length });
    });

    it("keeps every secret out of the state file, the plugin's output and the messages", () => {
      const raw = fs.readFileSync(path.join(stateDir, "lifecycle.json"), "utf8");
      expectNoSecret(raw, "the state file");
      const salesforce = stack.resource("SalesforceConnector")!;
      expect(JSON.stringify(salesforce.outputs.privateKey)).to.contain("4dabf18193072939515e22adb298388d");
      expect(JSON.stringify(stack.resource("CustomConnector")!.outputs.auth)).to.contain(
        "4dabf18193072939515e22adb298388d",
      );
      for (const result of results) {
        expectNoSecret(result.pluginLog, `the plugin output of ${result.operation}`);
        expectNoSecret(JSON.stringify(result.diagnostics), `the diagnostics of ${result.operation}`);
        expectNoSecret(String(result.error ?? ""), `the error of ${result.operation}`);
      }
    });

    it("destroys every connector", async () => {
      await world.control.clearRequests();
      (await run(stack.destroy())).assertOk();
      expect(await live()).to.deep.equal([]);
      const byId = writesById(await world.control.requests());
      for (const ops of byId.values()) expect(ops).to.deep.equal(["POST deactivate", "DELETE"]);
    });
  });

  describe("the plugin itself", () => {
    let plugin: DynamicProviderPlugin;
    const providerText = new Map<ConnectorTypeName, string>();

    before(() => {
      for (const type of CONNECTOR_TYPES) providerText.set(type, providerTextOf(type));
    });

    afterEach(async () => {
      await plugin?.close();
    });

    const urn = (type: ConnectorTypeName, name: string) =>
      makeUrn("plugin", PROJECT, `pulumi-nodejs:dynamic/wxcc:${type}`, name);

    async function startPlugin(token: string): Promise<DynamicProviderPlugin> {
      plugin = await DynamicProviderPlugin.start({
        projectDir: PROJECT_DIR,
        project: PROJECT,
        stack: "plugin",
      });
      await plugin.configure(wireConfig(world.config(token)));
      return plugin;
    }

    it("rejects bad input for every field of every kind at check, with no API call", async () => {
      await startPlugin(ADMIN_TOKEN);
      await world.control.clearRequests();
      for (const type of CONNECTOR_TYPES) {
        for (const { property, args } of badInputs(type)) {
          const { failures } = await plugin.check(
            urn(type, "bad"),
            {},
            {
              ...args,
              __provider: providerText.get(type)!,
            },
          );
          // A misspelled argument is reported without a property (its value may be a secret), named in the reason.
          const named = failures.some(
            (f) =>
              f.property === property ||
              (f.property === "" && f.reason.startsWith(`${property} is not an argument`)),
          );
          expect(named, `${type} ${property}: ${JSON.stringify(failures)}`).to.equal(true);
        }
      }
      expect(await world.control.requests()).to.deep.equal([]);
    });

    it("adopts the connector an ambiguous create applied, when it is the one sent", async () => {
      await startPlugin(ADMIN_TOKEN);
      // A kind Webex does not validate remotely, so the outcome depends on the dropped connection alone.
      const type = "ContactCenterConnector";
      const { inputs } = await plugin.check(
        urn(type, "adopt"),
        {},
        { ...validArgs(type, "adopted"), __provider: providerText.get(type)! },
      );
      await world.control.injectFault({
        method: "POST",
        path: `/organization/${ORG_ID}/connector`,
        mode: "drop-after-apply",
      });
      const { id, properties } = await plugin.create(urn(type, "adopt"), inputs);
      const stored = await world.control.connectors(ORG_ID);
      expect(stored.map((c) => c.id)).to.deep.equal([id]);
      expect(properties).to.include({ connectorId: id, name: "adopted", active: true });
      await plugin.delete(urn(type, "adopt"), id, properties, inputs);
      expect(await world.control.connectors(ORG_ID)).to.deep.equal([]);
    });

    it("reads credentials at call time: the environment wins over stack config, and wxcc:orgs picks per org", async () => {
      const secondOrg = "org-globex";
      await world.control.createOrg({ orgId: secondOrg });
      await world.control.createAdmin(secondOrg, {
        role: "full-admin",
        accessToken: "globex-admin-token-0001",
      });
      plugin = await DynamicProviderPlugin.start({
        projectDir: PROJECT_DIR,
        project: PROJECT,
        stack: "plugin",
        env: { WXCC_ACCESS_TOKEN: READ_ONLY_TOKEN },
      });
      await plugin.configure({
        ...wireConfig(world.config(ADMIN_TOKEN)),
        "wxcc:orgs": {
          "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
          value: JSON.stringify({ [secondOrg]: { region: "eu1", accessToken: "globex-admin-token-0001" } }),
        },
      });
      const type = "ContactCenterConnector";
      const check = (name: string, extra: Values = {}) =>
        plugin.check(
          urn(type, name),
          {},
          { ...validArgs(type, name), ...extra, __provider: providerText.get(type)! },
        );
      // The default org uses the environment's (read-only) token, not the stack's admin token.
      const refused = await plugin
        .create(urn(type, "env"), (await check("env")).inputs)
        .catch((e: Error) => e);
      expect(String(refused)).to.contain("external-read-only");
      // The second org uses its own entry, and its region.
      const { inputs } = await check("globex", { orgId: secondOrg });
      expect(inputs).to.include({ orgId: secondOrg, region: "eu1" });
      const { id, properties } = await plugin.create(urn(type, "globex"), inputs);
      expect((await world.control.connectors(secondOrg)).map((c) => c.id)).to.deep.equal([id]);
      await plugin.delete(urn(type, "globex"), id, properties, inputs);
    });

    it("fails with the role named when the token belongs to a read-only administrator", async () => {
      await startPlugin(READ_ONLY_TOKEN);
      for (const type of CONNECTOR_TYPES) {
        const inputs = await plugin.check(
          urn(type, "ro"),
          {},
          { ...validArgs(type), __provider: providerText.get(type)! },
        );
        const error = await plugin.create(urn(type, "ro"), inputs.inputs).catch((e: Error) => e);
        expect(String(error), type).to.contain("external-read-only");
        expect(String(error), type).to.match(/read\/write administrator role/i);
        expectNoSecret(String(error), `the ${type} error`);
      }
      expect(await world.control.connectors(ORG_ID)).to.deep.equal([]);
    });
  });
});

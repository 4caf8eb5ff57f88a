// Failure paths through the engine harness (Pulumi's real dynamic-provider plugin over gRPC) against the
// emulator, with faults injected where an independent suite found the product losing track of a connector:
// answers lost after the server applied a write, partial state that refresh and destroy must load, a
// connector of another stack found after an uncertain create, changes made outside Pulumi, bad URL
// overrides, and key material echoed in an error body.
import { expect } from "chai";
import { createWebexClient } from "../../provider/webex";
import { CONNECTOR_CLASSES } from "../../sdk/connectors";
import { isSecret, Stack } from "../../testing";
import { ADMIN_TOKEN, ORG_ID, PROJECT_DIR, startWorld, type World } from "./support/emulator-world";
import { rsaKey, validArgs } from "./support/fixtures";
import { secretDigest } from "../../provider/lifecycle/secret-digest";

const { ExperienceManagementConnector, GoogleConnector } = CONNECTOR_CLASSES;
type XmArgs = ConstructorParameters<typeof ExperienceManagementConnector>[1];
type GoogleArgs = ConstructorParameters<typeof GoogleConnector>[1];
const PROJECT = "wxcc-failure-paths";

describe("failure paths through the engine harness, against the emulator", function () {
  this.timeout(120_000);
  let world: World;
  /** How far the emulator's clock runs ahead of this machine's. */
  let serverAheadMs = 0;

  before(async () => {
    world = await startWorld({ clock: () => Date.now() + serverAheadMs });
  });
  after(async () => {
    await world?.emulator.close();
  });
  afterEach(async () => {
    await world.control.clearFaults();
    serverAheadMs = 0;
    // A failed test must not leave a connector that the next one collides with.
    for (const connector of await world.control.connectors(ORG_ID)) {
      await world.control.deleteOutOfBand(ORG_ID, connector.id);
    }
  });

  const stackNamed = (name: string, config = world.config()) =>
    new Stack({ projectDir: PROJECT_DIR, project: PROJECT, stack: name, config });
  const connectorPath = (id: string, suffix = "") => `/organization/${ORG_ID}/connector/${id}${suffix}`;
  /** A recorded output, its secret envelope (if any) opened. */
  const plain = (value: unknown) => (isSecret(value) ? value.value : value);
  const liveConnector = async (id: string) =>
    (await world.control.connectors(ORG_ID)).find((c) => c.id === id);
  const xm = (extra: Partial<XmArgs> = {}): XmArgs => ({
    name: "surveys",
    username: "wxm-user",
    apiKey: "wxm-api-key-0001",
    description: "Survey feedback",
    ...extra,
  });

  it("records partial state the plugin can load, so refresh and destroy work after a failed create", async () => {
    const stack = stackNamed("partial");
    await world.control.injectFault({ method: "POST", path: connectorPath("*", "/deactivate"), status: 400 });
    const up = await stack.up(() => new ExperienceManagementConnector("surveys", xm({ active: false })));
    expect(up.ok).to.equal(false);
    expect(up.error).to.contain("was created");
    const recorded = stack.resource("surveys")!;
    expect(recorded.initErrors).to.have.length(1);
    expect(recorded.outputs).to.include({ active: true });
    expect(recorded.outputs.__provider, "the serialized provider in the recorded outputs").to.be.a("string");

    const refresh = await stack.refresh();
    refresh.assertOk();
    expect(stack.resource("surveys")!.outputs).to.include({ active: true });
    const destroy = await stack.destroy();
    destroy.assertOk();
    expect(await liveConnector(recorded.id!)).to.equal(undefined);
  });

  it("reads the connector after a deactivation whose answers were lost, says its state, and re-activates it", async () => {
    const stack = stackNamed("lost-deactivate");
    (await stack.up(() => new ExperienceManagementConnector("surveys", xm()))).assertOk();
    const id = stack.resource("surveys")!.id!;
    await world.control.injectFault({
      method: "POST",
      path: connectorPath(id, "/deactivate"),
      mode: "drop-after-apply",
      count: 5,
    });
    const up = await stack.up(
      () => new ExperienceManagementConnector("surveys", xm({ apiKey: "wxm-api-key-0002" })),
    );
    expect(up.ok).to.equal(false);
    expect(up.error).to.contain("no response from Webex");
    expect(up.error).to.contain("re-activated with its previous credentials");
    expect(up.error).to.contain("Nothing was changed");
    expect((await liveConnector(id))!.active).to.equal(true);
    // Back as the state records it, with its previous credentials: the recorded state stands.
    const kept = stack.resource("surveys")!.outputs;
    expect(kept.active).to.equal(true);
    expect(plain(kept.apiKey)).to.equal(secretDigest("wxm-api-key-0001"));

    // The edit is still pending: the next up makes it.
    const again = await stack.up(
      () => new ExperienceManagementConnector("surveys", xm({ apiKey: "wxm-api-key-0002" })),
    );
    again.assertOk();
    expect(plain(stack.resource("surveys")!.outputs.apiKey)).to.equal(secretDigest("wxm-api-key-0002"));
    (await stack.destroy()).assertOk();
  });

  it("decides from the stored version that an edit whose answers were lost was applied, and finishes the job", async () => {
    const stack = stackNamed("lost-edit");
    (await stack.up(() => new ExperienceManagementConnector("surveys", xm()))).assertOk();
    const id = stack.resource("surveys")!.id!;
    await world.control.injectFault({
      method: "PUT",
      path: connectorPath(id),
      mode: "drop-after-apply",
      count: 5,
    });
    const rotated = () => new ExperienceManagementConnector("surveys", xm({ apiKey: "wxm-api-key-0002" }));
    const up = await stack.up(rotated);
    up.assertOk();
    expect(up.error ?? "").not.to.contain("nothing was changed");
    const live = (await liveConnector(id))!;
    expect(live.active).to.equal(true);
    const outputs = stack.resource("surveys")!.outputs;
    expect(plain(outputs.apiKey)).to.equal(secretDigest("wxm-api-key-0002"));
    expect(outputs).to.include({ active: true, version: live.version });
    const preview = await stack.preview(rotated);
    preview.assertOk();
    expect(preview.changeSummary).to.deep.equal({ same: 1 });
    (await stack.destroy()).assertOk();
  });

  it("never adopts another stack's connector of the same name after an uncertain create", async () => {
    const other = stackNamed("other");
    const googleArgs = validArgs("GoogleConnector", "tts-shared") as unknown as GoogleArgs;
    (await other.up(() => new GoogleConnector("tts", googleArgs))).assertOk();
    const theirs = other.resource("tts")!;
    // A later run, an hour on by the server's clock: the POST is lost before the server sees it.
    serverAheadMs = 3_600_000;
    await world.control.injectFault({
      method: "POST",
      path: `/organization/${ORG_ID}/connector`,
      mode: "drop-before-apply",
    });
    const ours = stackNamed("ours");
    const up = await ours.up(() => new GoogleConnector("tts", googleArgs));
    expect(up.ok).to.equal(false);
    expect(up.error).to.contain("may belong to someone else");
    expect(up.error).to.contain(`id ${theirs.id}`);
    expect(up.error).to.contain(String(theirs.outputs.createdAt));
    expect(ours.resources()).to.deep.equal([]);
    (await ours.destroy()).assertOk();
    const untouched = (await liveConnector(theirs.id!))!;
    expect(untouched).to.include({ active: true, version: theirs.outputs.version });
    (await other.destroy()).assertOk();
  });

  it("warns when the live connector differs from the state in fields the program did not change", async () => {
    const stack = stackNamed("drift");
    (await stack.up(() => new ExperienceManagementConnector("surveys", xm()))).assertOk();
    const id = stack.resource("surveys")!.id!;
    // Someone edits the description in Control Hub between preview and up.
    const api = createWebexClient({
      baseUrl: world.emulator.url,
      identityUrl: world.emulator.url,
    }).connectors({
      orgId: ORG_ID,
      region: "us1",
      credentials: { accessToken: ADMIN_TOKEN },
    });
    const current = (await api.get(id))!;
    await api.update({
      id,
      name: current.name,
      type: current.type,
      version: current.version,
      description: "Edited in Control Hub",
      settings: current.settings,
    });
    const up = await stack.up(
      () => new ExperienceManagementConnector("surveys", xm({ apiKey: "wxm-api-key-0002" })),
    );
    up.assertOk();
    expect(up.pluginLog).to.contain("changed outside Pulumi");
    expect(up.pluginLog).to.contain('description (state: "Survey feedback", live: "Edited in Control Hub")');
    expect(up.pluginLog).not.to.contain("wxm-api-key");
    expect((await liveConnector(id))!.description).to.equal("Survey feedback");
    (await stack.destroy()).assertOk();
  });

  for (const [key, value, problem] of [
    ["wxcc:baseUrl", "https://admin:hunter2-pass@api.example.com", "user info"],
    ["wxcc:identityUrl", "http://idbroker.example.com", "plain http"],
  ]) {
    it(`refuses ${key} = ${value.replace(/\/\/.*@/, "//…@")} at preview, before any request`, async () => {
      await world.control.clearRequests();
      const stack = stackNamed("bad-url", { ...world.config(), [key]: value });
      const preview = await stack.preview(() => new ExperienceManagementConnector("surveys", xm()));
      expect(preview.ok).to.equal(false);
      expect(preview.error).to.contain(key);
      expect(preview.error).to.contain(problem);
      expect(preview.error).not.to.contain("hunter2-pass");
      expect(await world.control.requests()).to.deep.equal([]);
    });
  }

  it("keeps a Google key's private_key lines and private_key_id out of an error that echoes them", async () => {
    const keyId = "8f14e45fceea167a5a36dedd4bea2543a1b2c3d4";
    const authKey = JSON.stringify({
      type: "service_account",
      project_id: "tts-project",
      private_key_id: keyId,
      private_key: rsaKey(0).privateKeyPem,
      client_email: "tts@tts-project.iam.gserviceaccount.com",
    });
    const line = rsaKey(0).privateKeyPem.split("\n")[3];
    const echoed = [line, encodeURIComponent(line), JSON.stringify(`${line}\n${line}`), keyId];
    await world.control.injectFault({
      method: "POST",
      path: `/organization/${ORG_ID}/connector`,
      status: 400,
      body: {
        trackingId: "echo-1",
        error: { reason: "INVALID_KEY", message: [{ description: `Key rejected: ${echoed.join(" | ")}` }] },
      },
    });
    const stack = stackNamed("echo");
    const up = await stack.up(() => new GoogleConnector("tts", { name: "tts-echo", authKey }));
    expect(up.ok).to.equal(false);
    expect(up.error).to.contain("INVALID_KEY");
    for (const text of [up.error ?? "", up.pluginLog, JSON.stringify(up.diagnostics)]) {
      for (const secret of [line, encodeURIComponent(line), keyId]) {
        expect(text.includes(secret), `${secret.slice(0, 16)}… in the output`).to.equal(false);
      }
    }
  });
});

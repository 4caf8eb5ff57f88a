// State written by version 0.1.0 (tests/fixtures/state-0.1.0, see old-state-fixture.ts) is read by this
// version: refresh, a no-change preview, an update and destroy all go through the real plugin against an
// emulator holding the connectors that state points at. The old entries carry the old serialized provider,
// which the plugin runs for read and delete, so it must keep reaching the implementation.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { expect } from "chai";
import { type RunningEmulator, startEmulator } from "../../emulator";
import type { ConnectorTypeName } from "../../provider/kinds/spec";
import { isSecretDigest } from "../../provider/lifecycle/secret-digest";
import { Stack, toProviderWire } from "../../testing";
import { PROJECT_DIR } from "../provider/support/emulator-world";
import { CONNECTOR_TYPES } from "../provider/support/fixtures";
import {
  OLD_STATES,
  OLD_STATE_ORG,
  OLD_STATE_PASSPHRASE,
  OLD_STATE_PROJECT,
  OLD_STATE_STACK,
  OLD_STATE_URL_PATTERN,
  oldStateConfig,
  oneOfEachKind,
} from "./old-state-fixture";

for (const fixture of OLD_STATES) {
  describe(`state written by ${fixture.writtenBy}`, function () {
    this.timeout(120_000);
    let dir: string;
    let emulator: RunningEmulator;
    let stack: Stack;
    let oldText: string;

    beforeEach(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "wxcc-old-state-"));
      fs.copyFileSync(path.join(fixture.dir, "emulator-state.json"), path.join(dir, "emulator.json"));
      emulator = await startEmulator({ stateFile: path.join(dir, "emulator.json") });
      // The provider config in the old state names the emulator it was written against; this one listens
      // elsewhere (refresh and destroy take their config from the state, as the CLI does).
      oldText = fs.readFileSync(path.join(fixture.dir, "pulumi-state.json"), "utf8");
      fs.writeFileSync(path.join(dir, "state.json"), oldText.replace(OLD_STATE_URL_PATTERN, emulator.url));
      stack = new Stack({
        projectDir: PROJECT_DIR,
        project: OLD_STATE_PROJECT,
        stack: OLD_STATE_STACK,
        config: oldStateConfig(emulator.url),
        stateFile: path.join(dir, "state.json"),
        passphrase: OLD_STATE_PASSPHRASE,
      });
    });

    afterEach(async () => {
      await emulator.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    /** The program that declared the old state: each resource's stored inputs, as plain arguments. */
    function argsInState(): (type: ConnectorTypeName) => Record<string, unknown> {
      const byType = new Map(
        stack.resources().map((r) => {
          const { __provider: _provider, ...inputs } = toProviderWire(r.inputs) as Record<string, unknown>;
          return [r.type.split(":").pop()!, inputs];
        }),
      );
      return (type) => ({ ...byType.get(type)! });
    }

    const connectorsInEmulator = async () => (await emulator.control.connectors(OLD_STATE_ORG)).length;

    it("holds what makes it old (so the test exercises it)", () => {
      expect(oldText).to.contain(fixture.marker);
      expect(stack.resources()).to.have.length(CONNECTOR_TYPES.length);
    });

    it("refreshes, previews no change, updates and destroys", async () => {
      const refresh = await stack.refresh();
      expect(refresh.ok, refresh.error).to.equal(true);
      expect(refresh.steps.map((s) => s.drift ?? [])).to.deep.equal(CONNECTOR_TYPES.map(() => []));

      const args = argsInState();
      const preview = await stack.preview(oneOfEachKind(args));
      expect(preview.ok, preview.error).to.equal(true);
      expect(preview.steps.map((s) => s.op)).to.deep.equal(CONNECTOR_TYPES.map(() => "same"));

      const changed = (type: ConnectorTypeName) =>
        type === "ExperienceManagementConnector" || type === "CustomConnector"
          ? { ...args(type), description: "changed after the upgrade" }
          : args(type);
      const up = await stack.up(oneOfEachKind(changed));
      expect(up.ok, up.error).to.equal(true);
      expect(up.steps.filter((s) => s.op === "update").map((s) => s.name)).to.deep.equal([
        "old-ExperienceManagementConnector",
        "old-CustomConnector",
      ]);
      expect(stack.resource("old-CustomConnector")?.outputs.description).to.equal(
        "changed after the upgrade",
      );
      // A write records the digests of the secrets (schema 2); what was not written keeps its form.
      const xm = stack.resource("old-ExperienceManagementConnector")!.outputs;
      expect(xm.schemaVersion).to.equal(2);
      expect(isSecretDigest((xm.apiKey as { value?: unknown }).value)).to.equal(true);
      expect(stack.resource("old-SalesforceConnector")?.outputs.schemaVersion).to.equal(1);

      expect(await connectorsInEmulator()).to.equal(CONNECTOR_TYPES.length);
      const destroy = await stack.destroy();
      expect(destroy.ok, destroy.error).to.equal(true);
      expect(stack.resources()).to.deep.equal([]);
      expect(await connectorsInEmulator()).to.equal(0);
    });

    it("destroys straight from the old state, each delete through the old serialized provider", async () => {
      const destroy = await stack.destroy();
      expect(destroy.ok, destroy.error).to.equal(true);
      expect(destroy.steps.map((s) => s.op)).to.deep.equal(CONNECTOR_TYPES.map(() => "delete"));
      expect(await connectorsInEmulator()).to.equal(0);
    });
  });
}

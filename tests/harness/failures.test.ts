import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { Stack } from "pulumi-wxcc/testing";
import { DynamicProviderPlugin, PluginCallError } from "../../testing/plugin";
import { Thing } from "./fixtures/toy-provider";
import { fixturesDir, ToyWorld } from "./helpers";

describe("harness: failures are reported like the CLI reports them", () => {
  const world = new ToyWorld();
  after(() => world.dispose());

  it("reports Check failures per resource, masks secret values, and fails the preview without creating", async () => {
    const stack = world.stack({ stateFile: null });
    const preview = await stack.preview(() => {
      new Thing("good", { name: "good" });
      new Thing("bad", { name: "bad", value: "invalid", password: pulumi.secret("rejected-password") });
    });
    expect(preview.ok).to.equal(false);
    const bad = preview.step("bad");
    expect(bad?.checkFailures).to.deep.equal([
      { property: "value", reason: "value must not be 'invalid'" },
      { property: "password", reason: "password is too weak" },
    ]);
    const messages = preview.diagnostics.map((d) => d.message);
    expect(messages).to.include(
      `pulumi-nodejs:dynamic/toy:Thing resource 'bad's property 'value' value "invalid" has a problem: value must not be 'invalid'`,
    );
    expect(messages).to.include(
      "pulumi-nodejs:dynamic/toy:Thing resource 'bad's property 'password' value [secret] has a problem: password is too weak",
    );
    expect(JSON.stringify(preview.toPreviewJson())).not.to.include("rejected-password");
    expect(preview.error).to.match(/bad is invalid/);

    const up = await stack.up(() => {
      const bad = new Thing("bad", { name: "" });
      new Thing("after", { name: "after", value: bad.id });
    });
    expect(up.ok).to.equal(false);
    expect(up.step("bad")?.checkFailures).to.deep.equal([{ property: "name", reason: "name is required" }]);
    expect(up.step("after")).to.equal(undefined);
    expect(world.newLog()).to.deep.equal([]);
  });

  it("stops up at the first failing create, with the provider's message, keeping what succeeded", async () => {
    const stack = world.stack({ stateFile: null });
    world.newLog();
    const up = await stack.up(() => {
      const first = new Thing("first", { name: "first" });
      const broken = new Thing("broken", {
        name: "broken",
        value: first.id,
        failCreate: "quota exceeded for broken",
      });
      new Thing("never", { name: "never", value: broken.id });
    });
    expect(up.ok).to.equal(false);
    expect(up.error).to.equal("quota exceeded for broken");
    expect(up.step("broken")).to.include({ op: "create", error: "quota exceeded for broken" });
    expect(up.diagnostics).to.deep.include({
      urn: up.step("broken")?.urn,
      severity: "error",
      message: "quota exceeded for broken",
    });
    expect(up.opLog).to.deep.equal(["create:first", "create:broken"]);
    expect(world.newLog()).to.deep.equal(["create:first:id1", "create-failed:broken"]);
    expect(stack.resources().map((r) => r.urn.split("::").pop())).to.deep.equal(["first"]);
  });

  it("records a partially created resource (ErrorResourceInitFailed) and updates it on the next up", async () => {
    const stack = world.stack({ stateFile: null });
    world.newLog();
    const up = await stack.up(() => {
      new Thing("flaky", { name: "flaky", failInit: true });
    });
    expect(up.ok).to.equal(false);
    expect(up.step("flaky")?.error).to.equal("flaky was created but did not become ready");
    const recorded = stack.resource("flaky");
    const [created] = world.newLog();
    expect(created).to.equal(`create:flaky:${recorded?.id}`);
    expect(recorded?.initErrors).to.deep.equal(["health check failed"]);
    expect(recorded?.outputs.ready).to.equal(false);

    // Same inputs but init errors: the engine updates the resource instead of creating a second one.
    const retry = await stack.up(() => {
      new Thing("flaky", { name: "flaky", failInit: true });
    });
    retry.assertOk();
    expect(retry.opLog).to.deep.equal(["update:flaky"]);
    expect(world.newLog()).to.deep.equal([`update:flaky:${recorded?.id}`]);
    expect(stack.resource("flaky")?.initErrors).to.equal(undefined);
  });

  it("keeps the old state when an update fails, and reports a program error", async () => {
    const stack = world.stack({ stateFile: null });
    (await stack.up(() => new Thing("u", { name: "u", value: 1 }))).assertOk();
    const failed = await stack.up(() => new Thing("u", { name: "u", value: 2, failUpdate: "conflict on u" }));
    expect(failed.ok).to.equal(false);
    expect(failed.step("u")).to.include({ op: "update", error: "conflict on u" });
    expect(stack.resource("u")?.inputs.value).to.equal(1);

    const thrown = await stack.up(() => {
      new Thing("u", { name: "u", value: 1 });
      throw new Error("bad program");
    });
    expect(thrown.ok).to.equal(false);
    expect(thrown.error).to.equal("the program failed: bad program");
    expect(stack.resource("u")).not.to.equal(undefined);
  });

  it("surfaces a provider that cannot load in the plugin's working directory", async () => {
    const stack = new Stack({
      projectDir: fixturesDir,
      pluginCwd: world.dir,
      project: "toyproj",
      stack: "dev",
      env: { TOY_STORE: world.storeFile },
    });
    const preview = await stack.preview(() => new Thing("lost", { name: "lost" }));
    expect(preview.ok).to.equal(false);
    expect(preview.step("lost")?.error).to.match(/Cannot find module '\.\/toy-impl'/);
    expect(preview.diagnostics[0]).to.include({ severity: "error", urn: preview.step("lost")?.urn });
  });
});

describe("harness: a request the harness cannot encode", () => {
  const world = new ToyWorld();
  after(() => world.dispose());

  it("is the harness's own error, not reported as the plugin's, and the plugin stays usable", async () => {
    const plugin = await DynamicProviderPlugin.start({
      projectDir: fixturesDir,
      project: "toyproj",
      stack: "dev",
      env: { TOY_STORE: world.storeFile },
    });
    try {
      const urn = "urn:pulumi:dev::toyproj::pulumi-nodejs:dynamic/toy:Thing::t";
      const error = await plugin.check(urn, {}, { name: 1n } as never).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(error).to.be.instanceOf(Error);
      expect(error).not.to.be.instanceOf(PluginCallError);
      expect((error as Error).message).to.equal("Unexpected struct type.");
      // The plugin is still there, and what it rejects (no provider text to load) is reported as its own.
      const pluginError = await plugin.check(urn, {}, { name: "t" }).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(pluginError).to.be.instanceOf(PluginCallError);
      expect(pluginError).to.have.property("method", "check");
    } finally {
      await plugin.close();
    }
  });
});

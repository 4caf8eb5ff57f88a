import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import type { Stack } from "pulumi-wxcc/testing";
import { Thing } from "./fixtures/toy-provider";
import { ToyWorld } from "./helpers";

// Two resources where b depends on a's output, as a program the tests vary by `value`.
function program(value: number) {
  return () => {
    const a = new Thing("a", { name: "a", value });
    new Thing("b", { name: "b", value: a.token });
  };
}

describe("harness: create, no-change, update, destroy", () => {
  const world = new ToyWorld();
  let stack: Stack;

  before(() => {
    stack = world.stack();
  });
  after(() => world.dispose());

  it("previews creates without calling Create, and writes no state", async () => {
    const preview = await stack.preview(program(1));
    preview.assertOk();
    expect(preview.opLog).to.deep.equal(["create:a", "create:b"]);
    expect(world.store().log).to.deep.equal([]);
    expect(stack.rawState()).to.equal(undefined);
    // b's value comes from a's token, which is unknown until a exists.
    expect(preview.step("b")?.newState?.inputs.value).to.equal("04da6b54-80e4-46f7-96ec-b56ff0331ba9");
  });

  it("creates in dependency order, and dependents see the real outputs", async () => {
    const up = await stack.up(program(1));
    up.assertOk();
    expect(up.opLog).to.deep.equal(["create:a", "create:b"]);
    expect(world.newLog()).to.deep.equal(["create:a:id1", "create:b:id2"]);
    expect(stack.resource("b")?.inputs.value).to.equal("tok-id1");
    expect(stack.resource("a")?.id).to.equal("id1");
    expect(stack.resource("b")?.dependencies).to.deep.equal([stack.resource("a")?.urn]);
  });

  it("reports no changes on a second preview and up", async () => {
    const preview = await stack.preview(program(1));
    expect(preview.opLog).to.deep.equal(["same:a", "same:b"]);
    expect(preview.toPreviewJson().changeSummary).to.deep.equal({ same: 4 });
    const up = await stack.up(program(1));
    up.assertOk();
    expect(up.opLog).to.deep.equal(["same:a", "same:b"]);
    expect(world.newLog()).to.deep.equal([]);
  });

  it("updates in place, naming no changed keys since a dynamic provider's diff sends none (as the CLI)", async () => {
    const preview = await stack.preview(program(2));
    // During a preview an updated resource's outputs are its inputs (the plugin does not support previews),
    // so a.token is unknown and b, which consumes it, may change too: the CLI shows the same.
    expect(preview.opLog).to.deep.equal(["update:a", "update:b"]);
    // DiffResponse.diffs is what the engine reports, and Pulumi's dynamic-provider plugin never fills it.
    expect(preview.step("a")?.diffReasons).to.deep.equal([]);
    expect(preview.step("a")?.oldState?.inputs.value).to.not.equal(preview.step("a")?.newState?.inputs.value);
    expect(preview.step("b")?.newState?.inputs.value).to.equal("04da6b54-80e4-46f7-96ec-b56ff0331ba9");
    const up = await stack.up(program(2));
    up.assertOk();
    expect(up.opLog).to.deep.equal(["update:a", "same:b"]);
    expect(world.newLog()).to.deep.equal(["update:a:id1"]);
    expect(stack.resource("a")?.outputs.value).to.equal(2);
  });

  it("deletes resources the program no longer declares, after running it", async () => {
    const up = await stack.up(() => {
      new Thing("a", { name: "a", value: 2 });
    });
    up.assertOk();
    expect(up.opLog).to.deep.equal(["same:a", "delete:b"]);
    expect(world.newLog()).to.deep.equal(["delete:b:id2"]);
    expect(stack.resource("b")).to.equal(undefined);
  });

  it("destroys in reverse dependency order and empties the state", async () => {
    await stack.up(program(2)).then((r) => r.assertOk());
    world.newLog();
    const destroy = await stack.destroy();
    destroy.assertOk();
    expect(destroy.opLog).to.deep.equal(["delete:b", "delete:a"]);
    expect(world.newLog()).to.deep.equal(["delete:b:id3", "delete:a:id1"]);
    expect(stack.exportState().resources).to.deep.equal([]);
  });

  it("passes stack config to the program", async () => {
    const configured = world.stack({ stateFile: null, config: { greeting: "hello" } });
    let seen: string | undefined;
    const preview = await configured.preview(() => {
      seen = new pulumi.Config().get("greeting");
    });
    preview.assertOk();
    expect(seen).to.equal("hello");
  });
});

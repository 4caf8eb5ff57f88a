import { expect } from "chai";
import type { Stack } from "pulumi-wxcc/testing";
import { MinimalThing, Thing, type ThingArgs } from "./fixtures/toy-provider";
import { ToyWorld } from "./helpers";

describe("harness: diffs and replacements", () => {
  const world = new ToyWorld();
  let stack: Stack;
  const one = (args: Partial<ThingArgs>, opts?: ConstructorParameters<typeof Thing>[2]) => () => {
    new Thing("a", { name: "a", kind: "x", ...args }, opts);
  };

  beforeEach(async () => {
    stack = world.stack({ stateFile: null });
    (await stack.up(one({}))).assertOk();
    world.newLog();
  });
  after(() => world.dispose());

  it("replaces create-before-delete by default, deleting the old object after the program", async () => {
    const preview = await stack.preview(one({ kind: "y" }));
    expect(preview.opLog).to.deep.equal(["create-replacement:a", "replace:a", "delete-replaced:a"]);
    expect(preview.step("a")).to.include({ op: "replace", deleteBeforeReplace: false });
    expect(preview.step("a")?.replaceReasons).to.deep.equal(["kind"]);
    expect(preview.step("a")?.diffReasons).to.deep.equal([]);
    const json = preview.toPreviewJson();
    expect(json.steps.slice(2).map((s) => s.op)).to.deep.equal([
      "create-replacement",
      "replace",
      "delete-replaced",
    ]);
    expect(json.changeSummary).to.deep.equal({ same: 2, replace: 1 });
    expect(
      preview
        .toPreviewJson({ showReplacementSteps: false })
        .steps.slice(2)
        .map((s) => s.op),
    ).to.deep.equal(["replace"]);

    const up = await stack.up(one({ kind: "y" }));
    up.assertOk();
    expect(up.opLog).to.deep.equal(["create-replacement:a", "replace:a", "delete-replaced:a"]);
    const [created, deleted] = world.newLog();
    expect(created).to.match(/^create:a:id\d+$/);
    expect(deleted).to.equal(`delete:a:${up.step("a")?.oldState?.id}`);
    expect(stack.resource("a")?.id).to.equal(created.split(":")[2]);
    expect(stack.resources()).to.have.length(1);
  });

  it("replaces delete-before-replace when the provider asks for it", async () => {
    const up = await stack.up(one({ kind: "y", dbr: true }));
    up.assertOk();
    expect(up.opLog).to.deep.equal(["delete-replaced:a", "replace:a", "create-replacement:a"]);
    expect(up.step("a")?.deleteBeforeReplace).to.equal(true);
    const log = world.newLog();
    expect(log[0]).to.match(/^delete:a:/);
    expect(log[0]).to.equal(`delete:a:${up.step("a")?.oldState?.id}`);
    expect(log[1]).to.match(/^create:a:/);
  });

  it("lets the deleteBeforeReplace option override the provider either way", async () => {
    const forced = await stack.preview(one({ kind: "y" }, { deleteBeforeReplace: true }));
    expect(forced.opLog).to.deep.equal(["delete-replaced:a", "replace:a", "create-replacement:a"]);
    const vetoed = await stack.preview(one({ kind: "y", dbr: true }, { deleteBeforeReplace: false }));
    expect(vetoed.opLog).to.deep.equal(["create-replacement:a", "replace:a", "delete-replaced:a"]);
  });

  it("treats changes:false as no change even when replaces are listed, and stores the new inputs", async () => {
    const up = await stack.up(one({ kind: "y", diffMode: "none" }));
    up.assertOk();
    expect(up.opLog).to.deep.equal(["same:a"]);
    expect(world.newLog()).to.deep.equal([]);
    expect(stack.resource("a")?.inputs.kind).to.equal("y");
    expect(stack.resource("a")?.outputs.kind).to.equal("x");
  });

  it("refuses to replace a protected resource", async () => {
    (await stack.up(one({}, { protect: true }))).assertOk();
    const up = await stack.up(one({ kind: "y" }, { protect: true }));
    expect(up.ok).to.equal(false);
    expect(up.step("a")?.error).to.match(/unable to replace resource .* marked for protection/s);
    expect(world.newLog()).to.deep.equal([]);
    (await stack.up(one({}))).assertOk();
  });
});

describe("harness: the DIFF_UNKNOWN fallback", () => {
  const world = new ToyWorld();
  let stack: Stack;
  before(() => {
    stack = world.stack({ stateFile: null });
  });
  after(async () => {
    await stack.destroy();
    world.dispose();
  });

  it("diffs old and new inputs itself when the provider has no diff()", async () => {
    const program = (value: number) => () => {
      new MinimalThing("m", { name: "m", value });
    };
    (await stack.up(program(1))).assertOk();
    const same = await stack.preview(program(1));
    expect(same.opLog).to.deep.equal(["same:m"]);
    const changed = await stack.preview(program(2));
    expect(changed.opLog).to.deep.equal(["update:m"]);
    expect(changed.step("m")?.diffReasons).to.deep.equal(["value"]);
    expect(changed.step("m")?.detailedDiff).to.deep.equal({ value: { kind: "update", inputDiff: true } });
    expect(changed.toPreviewJson().steps[2].detailedDiff).to.deep.equal({
      value: { kind: "update", inputDiff: true },
    });
  });

  it("honours replaceOnChanges only on the fallback path, where changed keys are known", async () => {
    const program = (value: number, diffMode?: "unknown") => () => {
      new Thing("t", { name: "t", value, diffMode }, { replaceOnChanges: ["value"] });
    };
    (await stack.up(program(1, "unknown"))).assertOk();
    const fallback = await stack.preview(program(2, "unknown"));
    expect(fallback.step("t")?.op).to.equal("replace");
    expect(fallback.step("t")?.replaceReasons).to.deep.equal(["value"]);
    expect(fallback.step("t")?.detailedDiff).to.deep.equal({
      value: { kind: "update-replace", inputDiff: true },
    });
    (await stack.up(program(1))).assertOk();
    // With changes:true the plugin sends no changed keys, so the option has no effect.
    const explicit = await stack.preview(program(2));
    expect(explicit.step("t")?.op).to.equal("update");
  });
});

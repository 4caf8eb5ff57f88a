// Aliases as the engine resolves them (a renamed resource keeps its state under the new URN: no create, no
// delete), and every resource option the harness does not implement refused instead of ignored.
import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { Thing } from "./fixtures/toy-provider";
import { ToyWorld } from "./helpers";

class Group extends pulumi.ComponentResource {
  constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    super("toy:index:Group", name, {}, opts);
    new Thing(`${name}-member`, { name: `${name}-member` }, { parent: this });
    this.registerOutputs({});
  }
}

describe("harness: aliases", () => {
  const world = new ToyWorld();
  after(() => world.dispose());

  it("keeps a renamed resource's state under its new URN: the plan is same, not create + delete", async () => {
    const stack = world.stack({ stateFile: null });
    (await stack.up(() => new Thing("old-name", { name: "orders", value: 1 }))).assertOk();
    const before = stack.resource("old-name")!;
    world.newLog();

    const renamed = () =>
      new Thing("new-name", { name: "orders", value: 1 }, { aliases: [{ name: "old-name" }] });
    const preview = await stack.preview(renamed);
    preview.assertOk();
    expect(preview.opLog).to.deep.equal(["same:new-name"]);

    const up = await stack.up(renamed);
    up.assertOk();
    expect(up.opLog).to.deep.equal(["same:new-name"]);
    expect(world.newLog(), "no provider write").to.deep.equal([]);
    expect(stack.resource("old-name")).to.equal(undefined);
    const after = stack.resource("new-name")!;
    expect(after.urn).to.match(/::new-name$/);
    expect(after.id).to.equal(before.id);
    expect(after.outputs).to.deep.equal(before.outputs);

    // Once moved, the alias finds nothing and changes nothing; a change still diffs against the old state.
    const changed = await stack.up(
      () => new Thing("new-name", { name: "orders", value: 2 }, { aliases: [{ name: "old-name" }] }),
    );
    changed.assertOk();
    expect(changed.opLog).to.deep.equal(["update:new-name"]);
  });

  it("follows a whole-URN alias and a parent's alias to its children", async () => {
    const stack = world.stack({ stateFile: null });
    (await stack.up(() => new Group("g"))).assertOk();
    const oldGroup = stack.resource("g")!.urn;
    const up = await stack.up(() => {
      new Group("h", { aliases: [oldGroup] });
    });
    up.assertOk();
    // The child "h-member" inherits the alias "g-member" from its parent's (inheritedChildAlias): its object
    // is kept and updated (its name input follows the parent's), never created again or deleted.
    expect(up.opLog).to.deep.equal(["same:h", "update:h-member"]);
    expect(stack.resources().map((r) => r.urn.split("::").pop())).to.deep.equal(["h", "h-member"]);
  });

  it("refuses two resources claiming the same old state", async () => {
    const stack = world.stack({ stateFile: null });
    (await stack.up(() => new Thing("a", { name: "a" }))).assertOk();
    const up = await stack.up(() => {
      new Thing("b", { name: "a" }, { aliases: [{ name: "a" }] });
      new Thing("c", { name: "a" }, { aliases: [{ name: "a" }] });
    });
    expect(up.ok).to.equal(false);
    expect(up.error).to.contain("Duplicate resource alias");
  });
});

describe("harness: resource options it does not implement", () => {
  const world = new ToyWorld();
  after(() => world.dispose());

  const cases: Array<[string, (dep: Thing) => pulumi.CustomResourceOptions]> = [
    ["customTimeouts", () => ({ customTimeouts: { create: "5m" } })],
    ["deletedWith", (dep) => ({ deletedWith: dep })],
    ["hideDiffs", () => ({ hideDiffs: ["value"] }) as pulumi.CustomResourceOptions],
    ["envVarMappings", () => ({ envVarMappings: { A: "B" } }) as pulumi.CustomResourceOptions],
  ];
  for (const [option, opts] of cases) {
    it(`refuses ${option}, naming it and the resource, before any provider call`, async () => {
      const stack = world.stack({ stateFile: null });
      world.newLog();
      const preview = await stack.preview(() => {
        const dep = new Thing("dep", { name: "dep" });
        new Thing("t", { name: "t" }, opts(dep));
      });
      expect(preview.ok).to.equal(false);
      expect(preview.error).to.contain(`resource 't' sets the resource option ${option}`);
      expect(preview.error).to.contain("does not implement");
    });
  }
});

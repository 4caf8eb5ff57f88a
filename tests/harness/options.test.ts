import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { Thing } from "./fixtures/toy-provider";
import { ToyWorld } from "./helpers";

class Group extends pulumi.ComponentResource {
  readonly member: Thing;
  constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    super("toy:index:Group", name, {}, opts);
    this.member = new Thing(`${name}-member`, { name: `${name}-member` }, { parent: this });
    this.registerOutputs({ memberId: this.member.id });
  }
}

describe("harness: components and resource options", () => {
  const world = new ToyWorld();
  after(() => world.dispose());

  it("names children of components by the parent's type chain and records the component", async () => {
    const stack = world.stack({ stateFile: null });
    const up = await stack.up(() => {
      new Group("g");
    });
    up.assertOk();
    expect(up.opLog).to.deep.equal(["create:g", "create:g-member"]);
    const member = stack.resource("g-member");
    expect(member?.urn).to.equal(
      "urn:pulumi:dev::toyproj::toy:index:Group$pulumi-nodejs:dynamic/toy:Thing::g-member",
    );
    expect(member?.parent).to.equal(stack.resource("g")?.urn);
    expect(stack.resource("g")?.outputs).to.deep.equal({ memberId: member?.id });
    const destroy = await stack.destroy();
    destroy.assertOk();
    expect(destroy.opLog).to.deep.equal(["delete:g-member", "delete:g"]);
  });

  it("retains objects with retainOnDelete and refuses to delete protected ones", async () => {
    const stack = world.stack({ stateFile: null });
    (
      await stack.up(() => {
        new Thing("kept", { name: "kept" }, { retainOnDelete: true });
        new Thing("guarded", { name: "guarded" }, { protect: true });
      })
    ).assertOk();
    world.newLog();
    const removed = await stack.up(() => {
      new Thing("guarded", { name: "guarded" }, { protect: true });
    });
    removed.assertOk();
    expect(removed.step("kept")).to.include({ op: "delete", retained: true });
    expect(world.newLog()).to.deep.equal([]);

    const destroy = await stack.destroy();
    expect(destroy.ok).to.equal(false);
    expect(destroy.step("guarded")?.error).to.match(/marked for protection/);
    expect(stack.resource("guarded")).not.to.equal(undefined);
  });

  it("destroy retains what retainOnDelete marks, as up does, and deletes the rest", async () => {
    const stack = world.stack({ stateFile: null });
    (
      await stack.up(() => {
        new Thing("kept", { name: "kept" }, { retainOnDelete: true });
        new Thing("gone", { name: "gone" });
      })
    ).assertOk();
    world.newLog();
    const destroy = await stack.destroy();
    destroy.assertOk();
    expect(destroy.step("kept")).to.include({ op: "delete", retained: true });
    expect(destroy.step("gone")).to.include({ op: "delete" }).and.not.have.property("retained");
    expect(world.newLog())
      .to.have.length(1)
      .and.satisfy((log: string[]) => log[0]!.startsWith("delete:gone:"));
    expect(stack.resource("kept")).to.equal(undefined);
  });

  it("keeps old input values for ignoreChanges properties", async () => {
    const stack = world.stack({ stateFile: null });
    (await stack.up(() => new Thing("i", { name: "i", value: 1 }, { ignoreChanges: ["value"] }))).assertOk();
    const up = await stack.up(() => new Thing("i", { name: "i", value: 2 }, { ignoreChanges: ["value"] }));
    up.assertOk();
    expect(up.opLog).to.deep.equal(["same:i"]);
    expect(stack.resource("i")?.inputs.value).to.equal(1);
  });
});

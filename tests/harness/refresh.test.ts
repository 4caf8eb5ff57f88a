import { expect } from "chai";
import { Thing } from "./fixtures/toy-provider";
import { ToyWorld } from "./helpers";

describe("harness: refresh", () => {
  const world = new ToyWorld();
  after(() => world.dispose());

  const program = () => {
    new Thing("kept", { name: "kept", value: 1 });
    new Thing("vanished", { name: "vanished", value: 1 });
  };

  it("reads every resource: reports drift, adopts returned inputs, drops what is gone", async () => {
    const stack = world.stack({ stateFile: null });
    (await stack.up(program)).assertOk();
    const kept = stack.resource("kept");
    const vanished = stack.resource("vanished");
    // Someone edits one object and deletes the other outside Pulumi.
    const store = world.store();
    const obj = store.objects[kept?.id ?? ""];
    obj.state.value = 5;
    obj.inputs.value = 5;
    delete store.objects[vanished?.id ?? ""];
    world.writeStore(store);

    const refresh = await stack.refresh();
    refresh.assertOk();
    expect(refresh.opLog).to.deep.equal(["refresh:kept", "refresh:vanished"]);
    expect(refresh.step("kept")).to.deep.include({ drift: ["value"], inputDrift: ["value"] });
    expect(refresh.step("vanished")?.gone).to.equal(true);
    expect(stack.resource("vanished")).to.equal(undefined);
    expect(stack.resource("kept")?.outputs.value).to.equal(5);
    expect(stack.resource("kept")?.inputs.value).to.equal(5);

    // The next preview compares the program with the refreshed state.
    const preview = await stack.preview(program);
    expect(preview.opLog).to.deep.equal(["update:kept", "create:vanished"]);
    expect(preview.step("kept")?.oldState?.inputs.value).to.equal(5);
    expect(preview.step("kept")?.diffReasons).to.deep.equal([]);

    const again = await stack.refresh();
    expect(again.step("kept")).to.deep.include({ drift: [], inputDrift: [] });
  });

  it("uses the config the last up stored, not the current one", async () => {
    const stack = world.stack({ stateFile: null, config: { greeting: "hello" } });
    (await stack.up(() => new Thing("g", { name: "g" }))).assertOk();
    expect(stack.resource("g")?.outputs.greeting).to.equal("hello");
    stack.setConfig("greeting", "changed");
    const refresh = await stack.refresh();
    expect(refresh.config).to.deep.equal({ "toyproj:greeting": "hello" });
  });
});

// The checkpoint: with a state file, the harness rewrites the whole file when each resource operation begins
// (recording it as pending) and after every step that changed the state, as the engine's file backend does,
// so an interrupted operation leaves the state as far as it got and what was in flight. `same` steps write
// nothing; the stack counts the writes and their bytes (the bench reports them).
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { expect } from "chai";
import { Stack } from "../../testing/stack";
import { type ResourceState, StateStore } from "../../testing/state";
import { Gated } from "./fixtures/gate-provider";
import { Gate } from "./gate";

describe("harness: the checkpoint after each step", function () {
  this.timeout(60_000);
  let gate: Gate;
  let dir: string;
  let stateFile: string;
  let stack: Stack;

  /** The stack every test works on, and its state file: a second object of it reads what the first wrote. */
  const sameStack = () => ({
    projectDir: path.join(__dirname, "fixtures"),
    project: "gateproj",
    stack: "dev",
    stateFile,
    passphrase: "checkpoint-test",
  });

  beforeEach(async () => {
    gate = new Gate();
    await gate.start();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "wxcc-checkpoint-"));
    stateFile = path.join(dir, "state.json");
    stack = new Stack({ ...sameStack(), env: { GATE_URL: gate.url }, parallel: 1 });
  });
  afterEach(async () => {
    await gate.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const stored = () => fs.readFileSync(stateFile, "utf8");
  const program = () => {
    new Gated("a");
    new Gated("b");
  };

  /** The two creates, each let through the gate as it arrives. */
  const upThroughGate = async () => {
    const up = stack.up(program);
    await gate.arrived("create:a");
    gate.release("create:a");
    await gate.arrived("create:b");
    gate.release("create:b");
    (await up).assertOk();
  };

  /** The pending operations in the file as stored, read by another stack object as a new process would. */
  const pendingInFile = () =>
    new Stack(sameStack())
      .pendingOperations()
      .map((op) => `${op.type} ${op.resource.urn.split("::").pop()} ${op.resource.id ?? "(no id)"}`);

  it("records each operation as pending before it runs, and holds each finished step while the next one runs", async () => {
    const up = stack.up(program);
    await gate.arrived("create:a");
    expect(pendingInFile()).to.deep.equal(["creating a (no id)"]);
    // Compact JSON, the pending operations after the resources as the engine orders a deployment's fields.
    const text = stored();
    expect(JSON.stringify(JSON.parse(text))).to.equal(text);
    expect(Object.keys(JSON.parse(text).checkpoint.latest)).to.deep.equal([
      "manifest",
      "secrets_providers",
      "resources",
      "pending_operations",
    ]);
    gate.release("create:a");
    await gate.arrived("create:b");
    expect(stored()).to.contain('"id":"id-a"').and.not.contain('"id":"id-b"');
    expect(pendingInFile()).to.deep.equal(["creating b (no id)"]);
    expect(JSON.stringify(JSON.parse(stored()))).to.equal(stored());
    gate.release("create:b");
    (await up).assertOk();
    expect(stored()).not.to.contain("pending_operations");
    // Each create's begin and end, then the final save.
    expect(stack.checkpointWrites.writes).to.equal(5);
    expect(stack.checkpointWrites.bytes).to.be.greaterThan(3 * stored().length);

    const destroy = stack.destroy();
    await gate.arrived("delete:b");
    expect(pendingInFile()).to.deep.equal(["deleting b id-b"]);
    gate.release("delete:b");
    await gate.arrived("delete:a");
    expect(stored()).to.contain('"id":"id-a"').and.not.contain('"id":"id-b"');
    expect(pendingInFile()).to.deep.equal(["deleting a id-a"]);
    gate.release("delete:a");
    (await destroy).assertOk();
    expect(stored()).not.to.contain("id-a").and.not.contain("pending_operations");
  });

  it("ends a failed step's pending operation with a checkpoint of its own", async () => {
    const up = stack.up(program);
    await gate.arrived("create:a");
    const before = stack.checkpointWrites.writes;
    gate.refuse("create:a");
    const result = await up;
    expect(result.ok).to.equal(false);
    expect(result.error).to.contain("the gate refused create:a");
    // The failed step's end, then the final save; b never started.
    expect(stack.checkpointWrites.writes).to.equal(before + 2);
    expect(pendingInFile()).to.deep.equal([]);
    expect(stack.resources()).to.deep.equal([]);
  });

  it("writes nothing for same steps but the final save, and nothing at all for a preview", async () => {
    await upThroughGate();
    const after = stack.checkpointWrites.writes;
    (await stack.preview(program)).assertOk();
    expect(stack.checkpointWrites.writes).to.equal(after);
    (await stack.up(program)).assertOk();
    expect(stack.checkpointWrites.writes).to.equal(after + 1);
    expect(stack.resources().map((r) => r.id)).to.deep.equal(["id-a", "id-b"]);
  });

  it("writes a refresh once, when it ends, as the engine elides each refresh step's checkpoint", async () => {
    await upThroughGate();
    const before = stored();
    const writes = stack.checkpointWrites.writes;
    const refresh = stack.refresh();
    await gate.arrived("read:a");
    gate.release("read:a");
    await gate.arrived("read:b");
    // The first read has finished, and the file is still the one the up left.
    expect(stored()).to.equal(before);
    gate.release("read:b");
    (await refresh).assertOk();
    expect(stack.checkpointWrites.writes).to.equal(writes + 1);
  });

  it("makes a state unchangeable once a checkpoint holds it, so no checkpoint can go stale", () => {
    // A checkpoint writes each state's entry once and reuses it: changing the state afterwards would leave
    // every later checkpoint with the old text.
    const store = new StateStore({ file: stateFile, passphrase: "checkpoint-test", stackName: "dev" });
    const state: ResourceState = {
      urn: "urn:pulumi:dev::gateproj::test:index:Thing::a",
      custom: true,
      type: "test:index:Thing",
      id: "id-a",
      inputs: { name: "a", nested: { list: [1, 2] } },
      outputs: { name: "a", nested: { list: [1, 2] } },
      dependencies: [],
    };
    store.save({ resources: [state] }, "urn:pulumi:dev::gateproj::pulumi:pulumi:Stack::gateproj-dev");
    const written = fs.readFileSync(stateFile, "utf8");
    expect(() => {
      state.outputs = {};
    }).to.throw(TypeError);
    expect(() => {
      (state.outputs.nested as { list: number[] }).list.push(3);
    }).to.throw(TypeError);
    expect(() => {
      state.dependencies.push("urn:pulumi:dev::gateproj::test:index:Thing::b");
    }).to.throw(TypeError);
    store.save({ resources: [state] }, "urn:pulumi:dev::gateproj::pulumi:pulumi:Stack::gateproj-dev");
    expect(store.load().resources).to.deep.equal([state]);
    expect(fs.readFileSync(stateFile, "utf8").replace(/"time":"[^"]*"/, "")).to.equal(
      written.replace(/"time":"[^"]*"/, ""),
    );
  });
});

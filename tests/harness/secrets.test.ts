import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { isSecret, SECRET_SIG, SIG_KEY, secretStrings } from "pulumi-wxcc/testing";
import { Thing } from "./fixtures/toy-provider";
import { ToyWorld } from "./helpers";

const PASSWORD = "hunter2-plaintext";
const NESTED = "nested-plaintext-pw";
const CONFIG_KEY = "config-api-key-plaintext";

describe("harness: secrets", () => {
  const world = new ToyWorld();
  after(() => world.dispose());

  const program = (aso: boolean) => () => {
    new Thing(
      "s",
      {
        name: "s",
        password: pulumi.secret(PASSWORD),
        nested: { password: pulumi.secret(NESTED), user: "alice" },
      },
      aso ? { additionalSecretOutputs: ["issued"] } : {},
    );
  };

  it("sends plaintext to the plugin and re-marks outputs by key, recursively, and via additionalSecretOutputs", async () => {
    const stack = world.stack({ config: { apiKey: { secret: CONFIG_KEY } }, passphrase: "correct horse" });
    const up = await stack.up(program(true));
    up.assertOk();
    // The provider received plaintext (acceptSecrets=false) and Configure unwrapped the secret config.
    const stored = Object.values(world.store().objects)[0];
    expect(stored.inputs.password).to.equal(PASSWORD);
    expect(stored.state.apiKeyLength).to.equal(CONFIG_KEY.length);

    const s = stack.resource("s");
    expect(isSecret(s?.inputs.password)).to.equal(true);
    expect(isSecret(s?.outputs.password)).to.equal(true);
    const nested = s?.outputs.nested as Record<string, unknown>;
    expect(isSecret(nested)).to.equal(false);
    expect(nested.password).to.deep.equal({ [SIG_KEY]: SECRET_SIG, value: NESTED });
    expect(nested.user).to.equal("alice");
    expect(isSecret(s?.outputs.issued)).to.equal(true);
    expect(isSecret(s?.outputs.token)).to.equal(false);

    // No plaintext secret anywhere in the stored file; config secrets are encrypted too.
    const raw = stack.rawState() ?? "";
    const secrets = secretStrings(stack.exportState());
    expect([...secrets]).to.include.members([PASSWORD, NESTED, CONFIG_KEY, `issued-s-${s?.id}`]);
    for (const secret of secrets) expect(raw).not.to.include(secret);
    expect(raw).to.include('"ciphertext":"v1:');
    expect(JSON.parse(raw).checkpoint.latest.secrets_providers).to.include({
      type: "passphrase",
      reloadable: true,
    });
    expect(stack.pluginLog).not.to.include(PASSWORD);
  });

  it("leaves a derived secret under a new key in plaintext without additionalSecretOutputs", async () => {
    const stack = world.stack({ stateFile: null });
    (await stack.up(program(false))).assertOk();
    const issued = stack.resource("s")?.outputs.issued;
    expect(issued)
      .to.be.a("string")
      .and.match(/^issued-s-/);
    expect(stack.rawState()).to.include(issued as string);
  });

  it("masks secrets as [secret] in the preview JSON", async () => {
    const stack = world.stack({ config: { apiKey: { secret: CONFIG_KEY } }, passphrase: "correct horse" });
    const preview = await stack.preview(() => {
      new Thing(
        "s",
        {
          name: "s",
          password: pulumi.secret("changed-password-plaintext"),
          nested: { password: pulumi.secret(NESTED), user: "alice" },
        },
        { additionalSecretOutputs: ["issued"] },
      );
    });
    preview.assertOk();
    const json = preview.toPreviewJson();
    const text = JSON.stringify(json);
    for (const secret of [PASSWORD, NESTED, CONFIG_KEY, "changed-password-plaintext"])
      expect(text).not.to.include(secret);
    const step = json.steps.find((st) => st.urn.endsWith("::s"));
    expect(step?.op).to.equal("update");
    // No diffReasons, as from the CLI: a dynamic provider's diff names no keys.
    expect(step).not.to.have.property("diffReasons");
    expect(step?.newState?.inputs.password).to.equal("[secret]");
    expect(step?.oldState?.outputs.issued).to.equal("[secret]");
    expect(step?.newState?.inputs.nested).to.deep.equal({ password: "[secret]", user: "alice" });
    expect(json.config["toyproj:apiKey"]).to.equal("[secret]");
  });
});

describe("harness: state file", () => {
  const world = new ToyWorld();
  after(() => world.dispose());

  it("reloads with the passphrase, refuses a wrong one, and marks passphrase-less state not reloadable", async () => {
    const first = world.stack({ passphrase: "pass-one" });
    (await first.up(() => new Thing("p", { name: "p", password: pulumi.secret(PASSWORD) }))).assertOk();
    const again = world.stack({ passphrase: "pass-one" });
    expect(again.resource("p")?.inputs.password).to.deep.equal({ [SIG_KEY]: SECRET_SIG, value: PASSWORD });
    expect(() => world.stack({ passphrase: "wrong" }).exportState()).to.throw(/passphrase does not decrypt/);

    // Every file this process creates has the same salt, so a passphrase costs one scrypt derivation per
    // process, not one per stack; the file keeps its salt and reloads alone.
    const saltOf = (stack: { rawState(): string | undefined }) =>
      JSON.parse(stack.rawState() ?? "{}").checkpoint.latest.secrets_providers.salt as string;
    const second = world.stack({ passphrase: "pass-one", stateFile: `${world.dir}/second.json` });
    (await second.up(() => new Thing("q", { name: "q", password: pulumi.secret(PASSWORD) }))).assertOk();
    expect(saltOf(second)).to.be.a("string").and.equal(saltOf(first));
    const secondAgain = world.stack({ passphrase: "pass-one", stateFile: `${world.dir}/second.json` });
    expect(secondAgain.resource("q")?.inputs.password).to.deep.equal({
      [SIG_KEY]: SECRET_SIG,
      value: PASSWORD,
    });

    const ephemeral = world.stack({ stateFile: `${world.dir}/ephemeral.json` });
    (await ephemeral.up(() => new Thing("e", { name: "e", password: pulumi.secret(PASSWORD) }))).assertOk();
    const raw = JSON.parse(ephemeral.rawState() ?? "{}");
    expect(raw.checkpoint.latest.secrets_providers).to.include({ type: "ephemeral", reloadable: false });
    expect(ephemeral.rawState()).not.to.include(PASSWORD);
  });
});

describe("harness: programs as module paths", () => {
  const world = new ToyWorld();
  after(() => world.dispose());

  it("loads the module fresh on every run and returns its exports", async () => {
    const stack = world.stack({ stateFile: null, config: { count: "2" } });
    const modulePath = require.resolve("./fixtures/toy-program");
    const up = await stack.up(modulePath);
    up.assertOk();
    expect(up.opLog).to.deep.equal(["create:m0", "create:m1"]);
    expect(up.exports).to.deep.equal({ names: ["m0", "m1"] });
    expect(stack.outputs()).to.deep.equal({ names: ["m0", "m1"] });
    const second = await stack.up(modulePath);
    expect(second.opLog).to.deep.equal(["same:m0", "same:m1"]);
  });

  it("saves the exports in a state file whose checkpoints held the stack without them", async () => {
    const stack = world.stack({ stateFile: `${world.dir}/exports.json`, config: { count: "2" } });
    const modulePath = require.resolve("./fixtures/toy-program");
    (await stack.up(modulePath)).assertOk();
    // Each create wrote checkpoints with the stack's outputs still empty; the last write has them.
    expect(stack.checkpointWrites.writes).to.be.greaterThan(2);
    expect(stack.outputs()).to.deep.equal({ names: ["m0", "m1"] });
    const reread = world.stack({ stateFile: `${world.dir}/exports.json`, config: { count: "3" } });
    expect(reread.outputs()).to.deep.equal({ names: ["m0", "m1"] });
    (await reread.up(modulePath)).assertOk();
    expect(reread.outputs()).to.deep.equal({ names: ["m0", "m1", "m2"] });
  });
});

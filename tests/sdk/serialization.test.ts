// The provider Pulumi stores in every resource's state: tiny, deterministic, nothing captured.
import { execFileSync } from "node:child_process";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { setStackConfig } from "../../provider/config";
import { thinProvider } from "../../sdk/thin-provider";
import { CONNECTOR_TYPES, validArgs } from "../provider/support/fixtures";

const root = path.resolve(__dirname, "../../..");

async function serialize(type: (typeof CONNECTOR_TYPES)[number]) {
  // The same shape pulumi.dynamic.Resource serializes (its variable is called provider too).
  const provider = thinProvider(type);
  return pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
}

describe("the serialized provider", function () {
  this.timeout(60_000);

  for (const type of CONNECTOR_TYPES) {
    it(`is small, captures nothing secret and no absolute path (${type})`, async () => {
      const serialized = await serialize(type);
      expect(serialized.containsSecrets).to.equal(false);
      expect(serialized.text.length).to.be.lessThan(3 * 1024);
      expect(serialized.text).to.contain(`"${type}"`);
      expect(serialized.text).to.contain('require("pulumi-wxcc/provider")');
      for (const absolute of [root, os.homedir(), os.tmpdir(), "/work/"]) {
        expect(serialized.text).not.to.contain(absolute);
      }
      for (const value of Object.values(validArgs(type))) {
        if (typeof value === "string" && value.length > 8) expect(serialized.text).not.to.contain(value);
      }
    });
  }

  it("is identical across runs (another process) and the same object for every resource of a kind", async () => {
    const here = (await serialize("CustomConnector")).text;
    expect(thinProvider("CustomConnector")).to.equal(thinProvider("CustomConnector"));
    const script =
      `const pulumi = require("@pulumi/pulumi");` +
      `const { thinProvider } = require(${JSON.stringify(path.join(root, "dist/sdk/thin-provider.js"))});` +
      `const provider = thinProvider("CustomConnector");` +
      `pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true }).then((s) => process.stdout.write(s.text));`;
    const there = execFileSync(process.execPath, ["--no-deprecation", "--no-warnings", "-e", script], {
      cwd: root,
      encoding: "utf8",
    });
    expect(there).to.equal(here);
  });

  it("hydrates the way the plugin does and reaches the real implementation from the project directory", async () => {
    const { text } = await serialize("ContactCenterConnector");
    const requireFromString = require("require-from-string") as (code: string) => { handler(): unknown };
    const provider = requireFromString(text).handler() as pulumi.dynamic.ResourceProvider;
    const config = { get: (key: string) => ({ "wxcc:orgId": "org-hydrated" })[key], require: () => "" };
    await provider.configure!({ config });
    const result = await provider.check!({}, { name: "api", access: "read-only", authorize: true });
    expect(result.failures ?? []).to.deep.equal([]);
    expect(result.inputs).to.include({ orgId: "org-hydrated", region: "us1", active: true });
    setStackConfig({});
  });
});

// The provider Pulumi stores in every resource's state: one line per kind, the same for every resource of it,
// that require()s the implementation by package name, so no implementation code or captured value is ever in
// it. Checked here in the repository; tests/package runs the same check on the installed tarball.
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { setStackConfig } from "../../provider/config";
import { TYPE_TOKENS } from "../../sdk/resource-type";
import { providerText } from "../../sdk/thin-provider";
import { validArgs } from "../provider/support/fixtures";
import { assertLeanProviderTexts, MAX_PROVIDER_BYTES } from "../support/serialized-provider";

const root = path.resolve(__dirname, "../../..");

describe("the serialized provider", function () {
  this.timeout(60_000);

  it("is one identical line per kind, at most 1 KB, that only require()s the package (every class)", () => {
    const report = assertLeanProviderTexts(root);
    expect(Object.keys(report.texts).sort()).to.deep.equal(Object.values(TYPE_TOKENS).sort());
    for (const [type, [text]] of Object.entries(report.texts)) {
      expect(Buffer.byteLength(text)).to.be.at.most(MAX_PROVIDER_BYTES);
      expect(text).to.equal(providerText(type.split(":").pop() as Parameters<typeof providerText>[0]));
      for (const absolute of [root, os.homedir(), os.tmpdir(), "/work/"])
        expect(text).not.to.contain(absolute);
    }
    expect(report.implementation).to.equal(path.join(root, "dist/provider/index.js"));
  });

  it("carries no argument, secret or not", () => {
    const args = validArgs("SalesforceConnector");
    for (const value of Object.values(args)) {
      if (typeof value === "string" && value.length > 8) {
        expect(providerText("SalesforceConnector")).not.to.contain(value);
      }
    }
  });

  it("hydrates the way the plugin does and reaches the real implementation from the project directory", async () => {
    const requireFromString = require("require-from-string") as (code: string) => { handler(): unknown };
    const provider = requireFromString(
      providerText("ContactCenterConnector"),
    ).handler() as pulumi.dynamic.ResourceProvider;
    const config = { get: (key: string) => ({ "wxcc:orgId": "org-hydrated" })[key], require: () => "" };
    await provider.configure!({ config });
    const result = await provider.check!({}, { name: "api", access: "read-only", authorize: true });
    expect(result.failures ?? []).to.deep.equal([]);
    expect(result.inputs).to.include({ orgId: "org-hydrated", region: "us1", active: true });
    setStackConfig({});
  });
});

// `npm run demo -- --keep-emulator` prints what reusing the kept emulator takes: the exact `pulumi config
// set` lines (secrets read from files, never printed) and the control-API calls that add orgs and admins.
// The printed lines are followed here as a user would follow them, against the emulator while it is kept.
import * as fs from "node:fs";
import { expect } from "chai";
import { runDemo } from "../../scripts/demo/run";
import { GoogleConnector } from "../../sdk";
import { type ConfigValue, Stack } from "../../testing";
import { serviceAccountKey } from "../provider/support/fixtures";
import { ROOT } from "./support";

/** `pulumi config set [--secret] key value | < file`, as a shell would run it (quotes as reuse.ts writes them). */
function followConfigLines(lines: string[]): Record<string, ConfigValue> {
  const config: Record<string, ConfigValue> = {};
  for (const line of lines) {
    const secret = /^pulumi config set --secret (\S+) < (\S+)$/.exec(line);
    if (secret) {
      config[secret[1]!] = { secret: fs.readFileSync(secret[2]!, "utf8") };
      continue;
    }
    const plain = /^pulumi config set (\S+) (\S+)$/.exec(line);
    if (plain) config[plain[1]!] = plain[2]!;
  }
  return config;
}

describe("demo: --keep-emulator prints how to reuse it", function () {
  this.timeout(180_000);

  it("prints config lines that work, control calls that add orgs, and no secret", async () => {
    let out = "";
    let secretValues: string[] = [];
    let previewOk = false;
    let orgsSeen: string[] = [];
    const code = await runDemo({
      stopAfter: "setup",
      keepEmulator: true,
      color: false,
      write: (text) => {
        out += text;
      },
      waitForStop: async () => {
        const lines = out.split("\n").map((l) => l.trim());
        const config = followConfigLines(lines);
        expect(Object.keys(config)).to.include.members([
          "wxcc:orgId",
          "wxcc:baseUrl",
          "wxcc:identityUrl",
          "wxcc:clientId",
          "wxcc:clientSecret",
          "wxcc:refreshToken",
        ]);
        secretValues = Object.values(config)
          .filter((v): v is { secret: string } => typeof v !== "string")
          .map((v) => v.secret);
        const url = config["wxcc:baseUrl"] as string;
        // The printed control calls, made with fetch instead of curl.
        const createOrg = lines.find(
          (l) => l.startsWith("curl -s -X POST") && l.endsWith(`'{"orgId":"my-org"}'`),
        );
        const createAdmin = lines.find((l) => l.includes("/_emulator/orgs/my-org/admins"));
        expect(createOrg, "a control call that adds an org").to.be.a("string");
        expect(createAdmin, "a control call that adds an admin").to.be.a("string");
        const post = (path: string, body: string) =>
          fetch(`${url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body });
        expect((await post("/_emulator/orgs", '{"orgId":"my-org"}')).status).to.equal(201);
        expect((await post("/_emulator/orgs/my-org/admins", '{"role":"full-admin"}')).status).to.equal(201);
        orgsSeen = (
          (await (await fetch(`${url}/_emulator/orgs`)).json()) as { data: { orgId: string }[] }
        ).data.map((o) => o.orgId);
        // The printed configuration drives a preview of a Pulumi project against the kept emulator.
        const stack = new Stack({ projectDir: ROOT, project: "reuse", stack: "dev", config });
        const preview = await stack.preview(() => {
          new GoogleConnector("tts", { name: "TTS", authKey: serviceAccountKey(0) });
        });
        previewOk = preview.ok;
        if (!preview.ok) throw new Error(preview.error);
      },
    });
    expect(code).to.equal(0);
    expect(previewOk, "the printed configuration previews against the kept emulator").to.equal(true);
    expect(orgsSeen).to.include.members(["demo-acme", "my-org"]);
    expect(secretValues).to.have.length(2);
    for (const secret of secretValues) expect(out).not.to.contain(secret);
    expect(out).to.match(/pulumi config set --secret wxcc:refreshToken < \S+/);
    const file = /pulumi config set --secret wxcc:refreshToken < (\S+)/.exec(out)![1]!;
    expect(fs.existsSync(file), "the secret files are removed when the emulator stops").to.equal(false);
  });
});

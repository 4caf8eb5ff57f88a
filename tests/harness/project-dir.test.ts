// A Stack pointed at the wrong directory says which directory and what is missing, instead of the plugin's
// `spawn … ENOENT` or a bare `Cannot find module`.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { expect } from "chai";
import { Stack } from "pulumi-wxcc/testing";
import { GoogleConnector } from "../../sdk";
import { Thing } from "./fixtures/toy-provider";

describe("harness: the project directory", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "harness-dir-"));
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const stackIn = (projectDir: string) => new Stack({ projectDir, project: "p", stack: "dev" });

  it("names a directory that does not exist", async () => {
    const missing = path.join(tmp, "no-such-project");
    const preview = await stackIn(missing).preview(() => {
      new Thing("a", { name: "a" });
    });
    expect(preview.ok).to.equal(false);
    expect(preview.error).to.contain(`The project directory ${missing} does not exist`);
    expect(preview.error).to.contain("Pulumi.yaml");
    expect(preview.error).not.to.contain("ENOENT");
  });

  /** A connector's preview from `projectDir`, which must fail: everything it said, in one text. */
  async function failedPreviewIn(projectDir: string): Promise<string> {
    const stack = new Stack({
      projectDir,
      project: "p",
      stack: "dev",
      config: { "wxcc:orgId": "org-x", "wxcc:accessToken": { secret: "t" } },
    });
    const preview = await stack.preview(() => {
      new GoogleConnector("tts", { name: "TTS", authKey: "{}" } as never);
    });
    expect(preview.ok).to.equal(false);
    return [preview.error ?? "", ...preview.diagnostics.map((d) => d.message)].join("\n");
  }

  it("names a directory with no node_modules anywhere above it, when the provider needs a package", async () => {
    // The system temp dir has no node_modules above it; the repo's own would be found from inside it.
    const bare = fs.mkdtempSync(path.join(os.tmpdir(), "harness-bare-"));
    try {
      const text = await failedPreviewIn(bare);
      expect(text).to.contain("Cannot find module 'pulumi-wxcc/provider'");
      expect(text).to.contain(`but ${bare} has no node_modules`);
      expect(text).to.contain("npm install pulumi-wxcc");
    } finally {
      fs.rmSync(bare, { recursive: true, force: true });
    }
  });

  it("says which package the plugin could not load from the directory, and how to install it", async () => {
    const project = path.join(tmp, "no-provider");
    fs.mkdirSync(path.join(project, "node_modules"), { recursive: true });
    const text = await failedPreviewIn(project);
    expect(text).to.contain("Cannot find module 'pulumi-wxcc/provider'");
    expect(text).to.contain(`The plugin runs in ${project}`);
    expect(text).to.contain("npm install pulumi-wxcc");
  });
});

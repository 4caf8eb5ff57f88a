import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { expect } from "chai";
import { type RunningEmulator, startEmulator } from "pulumi-wxcc/emulator";
import { Stack } from "pulumi-wxcc/testing";
import { createOrgWithAdmin, generateRsaKey, type OrgSetup, randomSecret } from "../../scripts/demo/world";
import { exampleDir, exampleProgram, expectNoSecrets, expectOk, ROOT } from "./support";

const WORKFLOW = path.join(exampleDir("gitops"), ".github/workflows/wxcc.yml");
const PROGRAM = exampleProgram("gitops");
const VALIDATION_URL = "https://billing.gitops.example/api/ping";

/** The block under `<key>: |` that follows the first line matching `anchor` in the workflow, dedented. */
function workflowBlock(yaml: string, anchor: RegExp, key: string): string {
  const lines = yaml.split("\n");
  const start = lines.findIndex((l) => anchor.test(l));
  expect(start, `workflow has no line matching ${anchor}`).to.be.greaterThan(-1);
  const header = lines.findIndex((l, i) => i > start && new RegExp(`^\\s*${key}: \\|$`).test(l));
  expect(header, `no "${key}: |" after ${anchor}`).to.be.greaterThan(-1);
  const indent = lines[header]!.search(/\S/);
  const body: string[] = [];
  for (const line of lines.slice(header + 1)) {
    if (line.trim() !== "" && line.search(/\S/) <= indent) break;
    body.push(line);
  }
  const inner = Math.min(...body.filter((l) => l.trim()).map((l) => l.search(/\S/)));
  return body.map((l) => l.slice(inner)).join("\n");
}

/** A GitHub runner's step environment: RUNNER_TEMP, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY. */
class Runner {
  readonly dir = mkdtempSync(path.join(tmpdir(), "gitops-runner-"));
  readonly temp = path.join(this.dir, "temp");
  readonly workspace = path.join(this.dir, "repo");

  constructor() {
    mkdirSync(this.temp);
    // The checked-out repository after `npm ci`: the package's bin linked into node_modules/.bin.
    mkdirSync(path.join(this.workspace, "node_modules/.bin"), { recursive: true });
    writeFileSync(
      path.join(this.workspace, "package.json"),
      '{ "name": "acme-contact-center", "private": true }\n',
    );
    const bin = path.join(this.workspace, "node_modules/.bin/wxcc-plan");
    const cli = path.join(ROOT, "dist/scripts/plan-reporter/cli.js");
    writeFileSync(bin, `#!/bin/sh\nexec "${process.execPath}" "${cli}" "$@"\n`);
    chmodSync(bin, 0o755);
  }

  run(script: string): { outputs: Record<string, string>; summary: string; status: number | null } {
    const output = path.join(this.temp, "output");
    const summary = path.join(this.temp, "summary.md");
    writeFileSync(output, "");
    writeFileSync(summary, "");
    const result = spawnSync("bash", ["-e", "-c", script], {
      cwd: this.workspace,
      env: {
        PATH: `${path.dirname(process.execPath)}:${process.env.PATH}`,
        HOME: this.dir,
        RUNNER_TEMP: this.temp,
        GITHUB_OUTPUT: output,
        GITHUB_STEP_SUMMARY: summary,
        STACK: "production",
        npm_config_update_notifier: "false",
      },
      encoding: "utf8",
    });
    const outputs = Object.fromEntries(
      readFileSync(output, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((l) => l.split("=", 2) as [string, string]),
    );
    return { outputs, summary: readFileSync(summary, "utf8"), status: result.status };
  }

  file(name: string): string {
    return readFileSync(path.join(this.temp, name), "utf8");
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

interface Comment {
  id: number;
  body: string;
}

/** Runs the workflow's github-script against a stand-in for GitHub's issues API. */
async function runCommentScript(script: string, runner: Runner, comments: Comment[]): Promise<void> {
  let nextId = 1000 + comments.length;
  const page = async (params: { issue_number: number }) => {
    expect(params.issue_number).to.equal(42);
    return { data: comments.map((c) => ({ ...c })) };
  };
  const github = {
    paginate: async (method: typeof page, params: { issue_number: number }) => (await method(params)).data,
    rest: {
      issues: {
        listComments: page,
        updateComment: async (p: { comment_id: number; body: string }) => {
          comments.find((c) => c.id === p.comment_id)!.body = p.body;
        },
        createComment: async (p: { issue_number: number; body: string }) => {
          comments.push({ id: nextId++, body: p.body });
        },
      },
    },
  };
  const context = { repo: { owner: "acme", repo: "contact-center" }, issue: { number: 42 } };
  const env = { RUNNER_TEMP: runner.temp, STACK: "production" };
  const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor;
  await new AsyncFunction("require", "github", "context", "process", script)(require, github, context, {
    env,
  });
}

describe("examples/gitops: a pull request previewed and commented, then applied on merge", function () {
  this.timeout(120_000);
  const yaml = readFileSync(WORKFLOW, "utf8");
  let emulator: RunningEmulator;
  let org: OrgSetup;
  let stack: Stack;
  let runner: Runner;
  const secrets: string[] = [];
  const comments: Comment[] = [{ id: 7, body: "Looks good to me" }];

  before(async () => {
    emulator = await startEmulator();
    org = await createOrgWithAdmin(emulator, "org-gitops");
    const key = generateRsaKey();
    const password = randomSecret();
    await emulator.control.registerConnectedApp({
      consumerKey: "3MVG9GitOps",
      username: "sf@gitops.example",
      publicKey: key.publicKeyPem,
    });
    await emulator.control.registerBasicAuth({ validationUrl: VALIDATION_URL, username: "svc", password });
    secrets.push(key.privateKeyPem, password, org.admin.clientSecret, org.admin.refreshToken);
    stack = new Stack({
      projectDir: exampleDir("gitops"),
      project: "gitops",
      stack: "production",
      config: {
        ...org.providerConfig,
        salesforceClientId: "3MVG9GitOps",
        salesforceUser: "sf@gitops.example",
        salesforcePrivateKey: { secret: key.privateKeyPem },
        billingApiUrl: "https://billing.gitops.example",
        billingUsername: "svc",
        billingPassword: { secret: password },
        billingValidationUrl: VALIDATION_URL,
      },
    });
    expectOk(await stack.up(PROGRAM));
    runner = new Runner();
  });
  after(async () => {
    runner?.dispose();
    await emulator?.close();
  });

  it("previews on pull requests from this repository and applies on pushes to main", () => {
    expect(yaml).to.match(/on:\n {2}pull_request:[\s\S]*\n {2}push:\n {4}branches: \[main\]/);
    expect(yaml).to.contain(
      "if: github.event_name == 'pull_request' && github.event.pull_request.head.repo.full_name == github.repository",
    );
    expect(yaml).to.match(
      /apply:\n {4}if: github.event_name == 'push'[\s\S]*pulumi up --stack "\$STACK" --yes/,
    );
    expect(workflowBlock(yaml, /id: preview$/, "run")).to.contain(
      'pulumi preview --stack "$STACK" --json > "$RUNNER_TEMP/preview.json"',
    );
  });

  it("turns the pull request's preview into a plan that flags the deactivation and the replacement", async () => {
    const newPassword = randomSecret();
    secrets.push(newPassword);
    await emulator.control.registerBasicAuth({
      validationUrl: VALIDATION_URL,
      username: "svc",
      password: newPassword,
    });
    stack.setConfig("billingPassword", { secret: newPassword });
    stack.setConfig("crmName", "Salesforce (Prod)");
    const preview = expectOk(await stack.preview(PROGRAM));
    // The Preview step: `pulumi preview --json > $RUNNER_TEMP/preview.json`.
    writeFileSync(
      path.join(runner.temp, "preview.json"),
      JSON.stringify(preview.toPreviewJson({ showSames: false })),
    );

    const step = runner.run(workflowBlock(yaml, /id: report$/, "run"));
    expect(step.status).to.equal(0);
    expect(step.outputs).to.deep.equal({ exit: "2", changes: "true" });
    const plan = runner.file("plan.md");
    expect(plan).to.contain("**1 to update · 1 to replace**");
    expect(plan).to.contain(
      "| ⚠️ | `Billing API` | Custom | **update** (deactivates) | `auth.password`: [secret] (changed) |",
    );
    expect(plan).to.contain(
      "| ⚠️ | `Salesforce` → `Salesforce (Prod)` | Salesforce | **replace** (new ID: re-point flows) |",
    );
    expect(step.summary).to.equal(plan);
    expect(JSON.parse(runner.file("plan.json"))).to.include({ hasChanges: true, stopsRouting: 2 });
    expectNoSecrets(plan + runner.file("plan.json"), secrets, "the plan");
  });

  it("posts one comment per stack and edits it on the next push", async () => {
    const script = workflowBlock(yaml, /uses: actions\/github-script@v7/, "script");
    await runCommentScript(script, runner, comments);
    expect(comments).to.have.length(2);
    const ours = comments[1]!;
    expect(ours.body.split("\n").slice(0, 2)).to.deep.equal([
      "<!-- wxcc-plan stack=production -->",
      "<!-- wxcc-plan -->",
    ]);
    expect(ours.body).to.contain("Salesforce (Prod)");

    writeFileSync(path.join(runner.temp, "plan.md"), "## Webex Contact Center plan\n\n**No changes.**\n");
    await runCommentScript(script, runner, comments);
    expect(comments.map((c) => c.id)).to.deep.equal([7, ours.id]);
    expect(comments[1]!.body).to.equal(
      "<!-- wxcc-plan stack=production -->\n## Webex Contact Center plan\n\n**No changes.**\n",
    );
    expect(comments[0]!.body).to.equal("Looks good to me");
  });

  it("still comments, and fails the check, when the preview produced no plan", () => {
    writeFileSync(path.join(runner.temp, "preview.json"), "");
    rmSync(path.join(runner.temp, "plan.md"));
    const step = runner.run(workflowBlock(yaml, /id: report$/, "run"));
    expect(step.status).to.equal(0);
    expect(step.outputs.exit).to.equal("1");
    expect(existsSync(path.join(runner.temp, "plan.md"))).to.equal(true);
    expect(runner.file("plan.md")).to.contain("The preview failed before it produced a plan");
  });

  it("applies the merged change and tears down", async () => {
    expectOk(await stack.up(PROGRAM));
    const live = await emulator.control.connectors(org.orgId);
    expect(live.map((c) => [c.name, c.active]).sort()).to.deep.equal([
      ["Billing API", true],
      ["Salesforce (Prod)", true],
    ]);
    expectOk(await stack.destroy());
    expect(await emulator.control.connectors(org.orgId)).to.deep.equal([]);
  });
});

// Preview proves each org's credentials with one read per org (GET …/connector-access, plus a token request
// where the credentials need one), through the real plugin against the emulator, and fails naming the key to
// fix; up spends no request on it; a host that does not serve the connectors API says so.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { expect } from "chai";
import type { LoggedRequest } from "../../emulator";
import { CustomConnector, ExperienceManagementConnector, GoogleConnector } from "../../sdk";
import { type ConfigValue, type OperationResult, Stack } from "../../testing";
import {
  ADMIN_TOKEN,
  ORG_ID,
  PROJECT_DIR,
  READ_ONLY_TOKEN,
  startWorld,
  type World,
} from "./support/emulator-world";
import { validArgs } from "./support/fixtures";

const SECOND_ORG = "org-globex";
const SECOND_TOKEN = "wxcc-globex-admin-token-0001";

/** Everything a check failure or error said, in one text. */
function said(result: OperationResult): string {
  return [result.error ?? "", ...result.diagnostics.map((d) => d.message)].join("\n");
}

const accessCalls = (log: LoggedRequest[]) => log.filter((r) => r.path.endsWith("/connector-access"));
const writes = (log: LoggedRequest[]) => log.filter((r) => r.method !== "GET" && !r.path.startsWith("/v1/"));

describe("preview verifies each org's credentials", function () {
  this.timeout(120_000);
  let world: World;
  let stateDir: string;

  before(async () => {
    world = await startWorld();
    await world.control.createOrg({ orgId: SECOND_ORG });
    await world.control.createAdmin(SECOND_ORG, { role: "full-admin", accessToken: SECOND_TOKEN });
    stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "wxcc-probe-"));
  });
  after(async () => {
    await world.emulator.close();
    fs.rmSync(stateDir, { recursive: true, force: true });
  });
  beforeEach(() => world.control.clearRequests());

  let n = 0;
  function stack(
    config: Record<string, ConfigValue>,
    env: Record<string, string> = {},
    file?: string,
  ): Stack {
    return new Stack({
      projectDir: PROJECT_DIR,
      project: "wxcc-probe",
      stack: file ? path.basename(file, ".json") : `s${n++}`,
      config,
      env,
      stateFile: file ?? path.join(stateDir, `s${n}.json`),
      passphrase: "probe-test",
    });
  }

  const twoOrgs = () => {
    for (const org of [ORG_ID, SECOND_ORG]) {
      new ExperienceManagementConnector(`wxm-${org}`, {
        ...validArgs("ExperienceManagementConnector"),
        orgId: org,
      } as never);
      new GoogleConnector(`tts-${org}`, { ...validArgs("GoogleConnector"), orgId: org } as never);
      new CustomConnector(`orders-${org}`, { ...validArgs("CustomConnector"), orgId: org } as never);
    }
  };
  const orgsConfig = (globexToken = SECOND_TOKEN): Record<string, ConfigValue> => ({
    "wxcc:baseUrl": world.emulator.url,
    "wxcc:identityUrl": world.emulator.url,
    "wxcc:orgs": {
      secret: JSON.stringify({
        [ORG_ID]: { accessToken: ADMIN_TOKEN },
        [SECOND_ORG]: { accessToken: globexToken },
      }),
    },
  });

  it("asks each org once, however many resources it holds, and writes nothing", async () => {
    const preview = await stack(orgsConfig()).preview(twoOrgs);
    preview.assertOk();
    const log = await world.control.requests();
    expect(
      accessCalls(log)
        .map((r) => r.orgId)
        .sort(),
    ).to.deep.equal([SECOND_ORG, ORG_ID].sort());
    expect(log).to.have.length(2, "one request per org, nothing else");
  });

  it("asks every configured org at the first check, so no org waits for its first resource, and only orgs with resources report", async () => {
    const oneOrg = () => {
      new ExperienceManagementConnector("wxm-only", {
        ...validArgs("ExperienceManagementConnector"),
        orgId: ORG_ID,
      } as never);
    };
    // The second org's token is wrong, and no resource lands there: its answer is never read.
    const preview = await stack(orgsConfig("not-a-real-token-0002")).preview(oneOrg);
    preview.assertOk();
    expect(
      accessCalls(await world.control.requests())
        .map((r) => r.orgId)
        .sort(),
    ).to.deep.equal([SECOND_ORG, ORG_ID].sort());
  });

  it("spends no request on it during up, and a no-change preview reads once per org and writes nothing", async () => {
    const s = stack(orgsConfig());
    (await s.up(twoOrgs)).assertOk();
    const upLog = await world.control.requests();
    expect(accessCalls(upLog)).to.deep.equal([]);
    await world.control.clearRequests();
    const again = await s.preview(twoOrgs);
    again.assertOk();
    expect(again.changeSummary).to.deep.equal({ same: 6 });
    const log = await world.control.requests();
    expect(writes(log)).to.deep.equal([]);
    expect(log.map((r) => `${r.method} ${r.path}`).sort()).to.deep.equal(
      [ORG_ID, SECOND_ORG].map((org) => `GET /organization/${org}/connector-access`).sort(),
    );
    (await s.destroy()).assertOk();
  });

  it("fails a wrong token, naming the org and the key that holds it, without quoting the token", async () => {
    const preview = await stack(orgsConfig("not-a-real-token-0001")).preview(twoOrgs);
    expect(preview.ok).to.equal(false);
    const text = said(preview);
    expect(text).to.contain(
      `The Webex credentials for org ${SECOND_ORG} (the org's entry in wxcc:orgs (WXCC_ORGS)) do not work`,
    );
    expect(text).to.contain("Webex refused the access token");
    expect(text).not.to.contain("not-a-real-token-0001");
    expect(text, "the other org's credentials are fine").not.to.contain(`org ${ORG_ID} (`);
    expect(accessCalls(await world.control.requests())).to.have.length(2);
  });

  it("fails with no credentials at all, naming the keys to set, before any request", async () => {
    const preview = await stack({ "wxcc:orgId": ORG_ID, "wxcc:baseUrl": world.emulator.url }).preview(() => {
      new GoogleConnector("tts", validArgs("GoogleConnector") as never);
    });
    expect(preview.ok).to.equal(false);
    expect(said(preview)).to.contain(
      `No Webex credentials for org ${ORG_ID}: set wxcc:accessToken (WXCC_ACCESS_TOKEN)`,
    );
    expect(await world.control.requests()).to.deep.equal([]);
  });

  it("fails a role that cannot write when the preview plans a write, naming the role and the key", async () => {
    const config = { ...world.config(READ_ONLY_TOKEN) };
    const preview = await stack(config).preview(() => {
      new GoogleConnector("tts", validArgs("GoogleConnector") as never);
    });
    expect(preview.ok).to.equal(false);
    const text = said(preview);
    expect(text).to.contain("role external-read-only can only read connectors");
    expect(text).to.contain("Fix wxcc:accessToken (WXCC_ACCESS_TOKEN)");
  });

  it("fails an unreachable wxcc:baseUrl, naming the key", async () => {
    const closed = await freePort();
    const preview = await stack({ ...world.config(), "wxcc:baseUrl": `http://127.0.0.1:${closed}` }).preview(
      () => {
        new GoogleConnector("tts", validArgs("GoogleConnector") as never);
      },
    );
    expect(preview.ok).to.equal(false);
    const text = said(preview);
    expect(text).to.contain("no response from Webex");
    expect(text).to.contain(`Check that wxcc:baseUrl (WXCC_BASE_URL) is right (http://127.0.0.1:${closed})`);
  });

  it("says Webex has not published the connectors API when the host answers 404 on the collection path", async () => {
    const preview = await stack({
      ...world.config(),
      "wxcc:baseUrl": `${world.emulator.url}/not-the-api`,
    }).preview(() => {
      new GoogleConnector("tts", validArgs("GoogleConnector") as never);
    });
    expect(preview.ok).to.equal(false);
    const text = said(preview);
    expect(text).to.contain("HTTP 404");
    expect(text).to.contain("Webex has not published an API for Contact Center connectors");
    expect(text).to.contain("docs/connectors-api.md");
    expect(text).to.contain("npx wxcc-emulator");
  });

  it("tells refresh after a rotation that it runs on the configuration the last up stored", async () => {
    const file = path.join(stateDir, "rotation.json");
    const oldToken = "wxcc-rotating-token-0001";
    const newToken = "wxcc-rotating-token-0002";
    await world.control.createAdmin(ORG_ID, { role: "full-admin", accessToken: oldToken });
    await world.control.createAdmin(ORG_ID, { role: "full-admin", accessToken: newToken });
    const program = () => {
      new ExperienceManagementConnector("wxm", {
        ...validArgs("ExperienceManagementConnector"),
        name: "WXM-rot",
      } as never);
    };
    const first = stack(world.config(oldToken), {}, file);
    (await first.up(program)).assertOk();
    await world.control.expireToken(oldToken);

    // `pulumi config set --secret wxcc:accessToken <new>`, then `pulumi refresh`: the stored config still wins.
    const rotated = stack(world.config(newToken), {}, file);
    const refresh = await rotated.refresh();
    expect(refresh.ok).to.equal(false);
    const text = said(refresh);
    expect(text).to.contain("use the provider configuration stored by the last `pulumi up`");
    expect(text).to.contain("export the new token as WXCC_ACCESS_TOKEN");
    expect(text).not.to.contain(newToken);

    const withEnv = stack(world.config(newToken), { WXCC_ACCESS_TOKEN: newToken }, file);
    (await withEnv.refresh()).assertOk();
    (await withEnv.destroy()).assertOk();
  });
});

async function freePort(): Promise<number> {
  const net = await import("node:net");
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

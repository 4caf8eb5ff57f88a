// wxcc-export --compare: two orgs' connectors by kind and name, through the real bin against the emulator.
import { expect } from "chai";
import { type RunningEmulator, startEmulator } from "../../emulator";
import { trustOrdersSecret, trustSalesforceKey } from "../provider/support/emulator-world";
import { HAND_MADE, runBin, SECRETS, setUpOrgByHand } from "./support";

describe("wxcc-export --compare", function () {
  this.timeout(60_000);
  let emulator: RunningEmulator;
  let env: Record<string, string>;

  before(async () => {
    emulator = await startEmulator();
    await trustSalesforceKey(emulator.control, 0);
    await trustOrdersSecret(emulator.control, SECRETS["Orders API auth.clientSecret"]!);
    await setUpOrgByHand(emulator, "org-a", "token-a-0001");
    // B: no Billing, the Orders API on another URL without its description, and one TTS connector more.
    const b = HAND_MADE.filter((c) => c.args.name !== "Billing").map((c) =>
      c.args.name === "Orders API"
        ? {
            ...c,
            args: { ...c.args, description: undefined, resourceDomainUrl: "https://orders-eu.example.com" },
          }
        : c,
    );
    b.push({ type: "GoogleConnector", args: { name: "Extra TTS", authKey: SECRETS["Offers TTS authKey"]! } });
    await setUpOrgByHand(emulator, "org-b", "token-b-0001", b);
    env = {
      WXCC_ORGS: JSON.stringify({
        "org-a": { accessToken: "token-a-0001" },
        "org-b": { accessToken: "token-b-0001" },
      }),
      WXCC_BASE_URL: emulator.url,
      WXCC_IDENTITY_URL: emulator.url,
    };
  });
  after(async () => {
    await emulator?.close();
  });

  it("lists only-in-A, only-in-B, the differing fields and the identical ones, and exits 2", async () => {
    const result = await runBin(["--compare", "org-a", "org-b"], env);
    expect(result.stderr).to.equal("");
    expect(result.code).to.equal(2);
    const rows = result.stdout.split("\n").map((line) => line.split(/\s{2,}/));
    const row = (name: string) => rows.find((r) => r[1] === name);
    expect(row("Billing")).to.deep.equal(["CustomConnector", "Billing", "only in A"]);
    expect(row("Extra TTS")).to.deep.equal(["GoogleConnector", "Extra TTS", "only in B"]);
    expect(row("Orders API")).to.deep.equal([
      "CustomConnector",
      "Orders API",
      "differs",
      "description, resourceDomainUrl",
    ]);
    expect(row("CRM Lookups")).to.deep.equal(["SalesforceConnector", "CRM Lookups", "identical"]);
    expect(result.stdout).to.contain("5 identical · 1 differ · 1 only in A · 1 only in B");
    for (const secret of Object.values(SECRETS)) expect(result.stdout).not.to.contain(secret.slice(0, 40));
  });

  it("writes the comparison as JSON for machines", async () => {
    const result = await runBin(["--compare", "org-b", "org-a", "--format", "json"], env);
    expect(result.code).to.equal(2);
    const parsed = JSON.parse(result.stdout) as { connectors: { name: string; status: string }[] };
    expect(parsed.connectors.find((c) => c.name === "Billing")!.status).to.equal("only in B");
  });

  it("exits 0 when the orgs are alike", async () => {
    const result = await runBin(["--compare", "org-a", "org-a"], env);
    expect(result.code).to.equal(0);
    expect(result.stdout).to.contain(`${HAND_MADE.length} identical · 0 differ`);
  });

  it("exits 1 with the provider's own message when an org has no credentials", async () => {
    const result = await runBin(["--compare", "org-a", "org-c"], env);
    expect(result.code).to.equal(1);
    expect(result.stderr).to.contain("No Webex credentials for org org-c");
    expect(result.stderr).to.contain("wxcc:accessToken");
  });
});

// The machine-wide ledger of requests per OAuth client: what it stores, what each process reads back, that
// it cleans up after itself, and that two limiters (two processes) pace together through it.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { expect } from "chai";
import { type RunningEmulator, startEmulator } from "../../emulator";
import { defaultLedgerDir, fileQuotaLedger, type QuotaLedger } from "../../provider/webex/quota-ledger";
import { SlidingWindowLimiter } from "../../provider/webex/rate-limiter";
import { connectorsFor, knownSecrets, newOrg, refreshCredentials } from "./support/emulator-world";
import { FakeClock, settle } from "./support/fake-clock";

const WINDOW = 60_000;

describe("quota ledger", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "wxcc-ledger-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const ledger = (tag: string, key = "https://api.example|client:C1"): QuotaLedger =>
    fileQuotaLedger(key, { dir, tag })!;

  it("shows each process the others' requests after a time, never its own", () => {
    const a = ledger("a");
    const b = ledger("b");
    const t = 10 * WINDOW + 500;
    a.record(t, 3);
    b.record(t + 10);
    expect(b.othersSince(t - 1)).to.deep.equal([t, t, t]);
    expect(a.othersSince(t - 1)).to.deep.equal([t + 10]);
    expect(b.othersSince(t), "only after `since`").to.deep.equal([]);
    expect(ledger("c", "https://api.example|client:C2").othersSince(0), "another client").to.deep.equal([]);
  });

  it("reads across the boundary between two files, and deletes the files nobody reads any more", () => {
    const a = ledger("a");
    const b = ledger("b");
    a.record(3 * WINDOW - 100);
    a.record(3 * WINDOW + 100);
    expect(b.othersSince(2 * WINDOW + 200)).to.deep.equal([3 * WINDOW - 100, 3 * WINDOW + 100]);
    expect(fs.readdirSync(dir)).to.have.length(2);
    a.record(6 * WINDOW + 1);
    expect(fs.readdirSync(dir), "slices 2 and 3 are older than the two before slice 6").to.have.length(1);
  });

  it("holds request times and process tags only, in a file named by a hash and readable by its user alone", () => {
    const key = "https://api.example|client:partner-app-client-id";
    fileQuotaLedger(key, { dir, tag: "a" })!.record(7 * WINDOW);
    const [file] = fs.readdirSync(dir);
    expect(file).to.match(/^[0-9a-f]{32}-7\.log$/);
    expect(fs.readFileSync(path.join(dir, file!), "utf8")).to.equal(`${7 * WINDOW} a\n`);
    expect(fs.statSync(path.join(dir, file!)).mode & 0o777).to.equal(0o600);
    expect(fs.statSync(dir).mode & 0o077, "the folder is the user's").to.equal(0);
  });

  it("is not used when its folder cannot be, or is open to others", () => {
    const file = path.join(dir, "a-file");
    fs.writeFileSync(file, "");
    expect(fileQuotaLedger("k", { dir: path.join(file, "ledger") })).to.equal(undefined);
    const open = path.join(dir, "open");
    fs.mkdirSync(open, { mode: 0o777 });
    fs.chmodSync(open, 0o777);
    expect(fileQuotaLedger("k", { dir: open }), "a folder others can write").to.equal(undefined);
    const link = path.join(dir, "link");
    fs.mkdirSync(path.join(dir, "target"), { mode: 0o700 });
    fs.symlinkSync(path.join(dir, "target"), link);
    expect(fileQuotaLedger("k", { dir: link }), "a symbolic link").to.equal(undefined);
  });

  it("stops trusting a file grown far beyond any rate limit, and pacing goes on per process", () => {
    const a = ledger("a");
    const b = ledger("b");
    a.record(9 * WINDOW + 5);
    const [file] = fs.readdirSync(dir);
    fs.appendFileSync(path.join(dir, file!), `${9 * WINDOW + 6} x\n`.repeat(500_000));
    expect(b.othersSince(9 * WINDOW)).to.deep.equal([]);
    b.record(9 * WINDOW + 7);
    expect(fs.statSync(path.join(dir, file!)).size, "nothing more written once off").to.be.greaterThan(
      4 * 1024 * 1024,
    );
  });

  it("is shared by real processes", () => {
    const script = `require(${JSON.stringify(require.resolve("../../provider/webex/quota-ledger"))})
      .fileQuotaLedger("k", { dir: ${JSON.stringify(dir)} }).record(Date.now(), 2);`;
    const before = Date.now() - 1;
    execFileSync(process.execPath, ["-e", script]);
    execFileSync(process.execPath, ["-e", script]);
    const seen = fileQuotaLedger("k", { dir })!.othersSince(before);
    expect(seen).to.have.length(4);
  });

  describe("two limiters of one client, as in two processes", () => {
    it("count each other's requests, and each other's reservations from the moment they are made", async () => {
      const clock = new FakeClock();
      const a = new SlidingWindowLimiter(4, clock, WINDOW, ledger("a"));
      const b = new SlidingWindowLimiter(4, clock, WINDOW, ledger("b"));
      await a.acquire();
      await a.reserve(2);
      let granted = 0;
      const both = [b.acquire(), b.acquire()].map((p) => p.then(() => granted++));
      await settle();
      expect(granted, "one slot left of the client's four").to.equal(1);
      await clock.advance(WINDOW);
      await Promise.all(both);
      expect(granted).to.equal(2);
    });
  });
});

describe("client against the emulator: pacing shared across processes", () => {
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startEmulator();
  });
  after(() => emulator.close());

  it("notes its requests in the ledger by default, and not when told not to", async () => {
    const dirBefore = (d: string) => (fs.existsSync(d) ? fs.readdirSync(d).length : 0);
    const org = await newOrg(emulator.control);
    const off = connectorsFor(emulator.url, org.orgId, refreshCredentials(org.admin), {
      shareQuotaAcrossProcesses: false,
    });
    const count = dirBefore(defaultLedgerDir());
    await off.list();
    expect(dirBefore(defaultLedgerDir()), "no file for a client that paces alone").to.equal(count);

    const other = await newOrg(emulator.control);
    const on = connectorsFor(emulator.url, other.orgId, refreshCredentials(other.admin));
    await on.list();
    const texts = fs
      .readdirSync(defaultLedgerDir())
      .map((f) => fs.readFileSync(path.join(defaultLedgerDir(), f), "utf8"))
      .join("");
    expect(texts).to.match(/^\d+ \d+\.[0-9a-f]{8}$/m);
    for (const secret of knownSecrets) expect(texts.includes(secret)).to.equal(false);
    expect(texts.includes(other.admin.clientId)).to.equal(false);
  });
});

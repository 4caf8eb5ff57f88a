// The bench's arithmetic and log reading, on hand-made inputs: the ideal bound, call classification, the
// sliding-minute peak, inactive spells, and the command-line options.
import { expect } from "chai";
import { idealBound, rateLimitMs } from "../../bench/bound";
import { DEFAULTS, parseOptions, UsageError } from "../../bench/options";
import { callKind, countCalls, inactiveSpells, peakPerClient, tokensPerOrg } from "../../bench/request-log";
import type { LoggedRequest } from "../../emulator";

let seq = 0;
function entry(
  method: string,
  path: string,
  time: number,
  extra: Partial<LoggedRequest> = {},
): LoggedRequest {
  return { seq: ++seq, time, method, path, status: 200, ...extra };
}

describe("bench: the ideal bound", () => {
  it("counts whole sliding windows between the first and the last call, not calls ÷ rate", () => {
    expect(rateLimitMs(0, 300)).to.equal(0);
    expect(rateLimitMs(7, 300)).to.equal(0);
    expect(rateLimitMs(300, 300)).to.equal(0);
    expect(rateLimitMs(301, 300)).to.equal(60_000);
    expect(rateLimitMs(601, 300)).to.equal(120_000);
    expect(rateLimitMs(5, 0)).to.equal(Number.POSITIVE_INFINITY);
  });

  it("takes the largest term and says which one binds", () => {
    const base = { latencyMs: 100, rateLimit: 300 };
    const latency = idealBound({
      ...base,
      minimalCallsPerClient: [7, 7],
      criticalPathCalls: 2,
      concurrency: 2,
    });
    expect(latency.minimalCalls).to.equal(14);
    expect(latency.terms["latency ÷ concurrency"]).to.equal(700);
    expect(latency.terms["critical path"]).to.equal(200);
    expect(latency).to.include({ ms: 700, binding: "latency ÷ concurrency" });

    const path = idealBound({ ...base, minimalCallsPerClient: [7], criticalPathCalls: 2, concurrency: 100 });
    expect(path).to.include({ ms: 200, binding: "critical path" });

    // 10 a minute: the busiest client's 21 calls span at least two more windows after the first.
    const rate = idealBound({
      ...base,
      rateLimit: 10,
      minimalCallsPerClient: [21, 3],
      criticalPathCalls: 2,
      concurrency: 4,
    });
    expect(rate).to.include({ ms: 120_000, binding: "rate limit" });
    // The token requests among them (one per client) take nothing from the API's quota: 20 calls, one window less.
    const quota = idealBound({
      ...base,
      rateLimit: 10,
      minimalCallsPerClient: [21, 3],
      quotaCallsPerClient: [20, 2],
      criticalPathCalls: 2,
      concurrency: 4,
    });
    expect(quota.terms["rate limit"]).to.equal(60_000);
    expect(quota.minimalCalls, "every call still takes a round trip").to.equal(24);
  });

  it("refuses a concurrency below one", () => {
    expect(() =>
      idealBound({
        minimalCallsPerClient: [1],
        criticalPathCalls: 1,
        latencyMs: 1,
        concurrency: 0,
        rateLimit: 1,
      }),
    ).to.throw(RangeError);
  });
});

describe("bench: reading the request log", () => {
  it("names every kind of call", () => {
    const kinds = [
      entry("POST", "/v1/access_token", 0),
      entry("POST", "/v1/applications/app-1/token", 0),
      entry("POST", "/organization/o/connector", 0),
      entry("GET", "/organization/o/connector/c1", 0),
      entry("GET", "/organization/o/v2/connector", 0),
      entry("PUT", "/organization/o/connector/c1", 0),
      entry("POST", "/organization/o/connector/c1/activate", 0),
      entry("POST", "/organization/o/connector/c1/deactivate", 0),
      entry("POST", "/organization/o/connector/c1/reauthorize", 0),
      entry("DELETE", "/organization/o/connector/c1", 0),
      entry("GET", "/organization/o/connector/c1/incoming-references", 0),
      entry("GET", "/salesforce/services/data", 0),
    ].map(callKind);
    expect(kinds).to.deep.equal([
      "token",
      "token",
      "create",
      "read",
      "list",
      "update",
      "activate",
      "deactivate",
      "reauthorize",
      "delete",
      "references",
      "other",
    ]);
  });

  it("totals accepted calls by kind, writes, reads and tokens, and 429s apart", () => {
    const counts = countCalls([
      entry("POST", "/v1/access_token", 0),
      entry("POST", "/organization/o/connector", 1),
      entry("POST", "/organization/o/connector", 2, { status: 429 }),
      entry("GET", "/organization/o/connector/c1", 3),
    ]);
    // The refused create is counted apart: it did not use the quota and is sent again.
    expect(counts).to.deep.equal({
      total: 3,
      byKind: { token: 1, create: 1, read: 1 },
      writes: 1,
      reads: 1,
      tokens: 1,
      rateLimited: 1,
    });
  });

  it("counts token requests per org through each org's OAuth client, zero for an org without any", () => {
    const orgOf = new Map([
      ["client-a", "org-a"],
      ["client-b", "org-b"],
    ]);
    const counts = tokensPerOrg(
      [
        entry("POST", "/v1/access_token", 0, { clientId: "client-a" }),
        entry("POST", "/v1/access_token", 1, { clientId: "client-a" }),
        entry("POST", "/v1/access_token", 2, { clientId: "client-b", status: 429 }),
        entry("POST", "/organization/org-b/connector", 2, { clientId: "client-b" }),
      ],
      orgOf,
    );
    expect(counts).to.deep.equal({ "org-a": 2, "org-b": 0 });
  });

  it("finds the busiest sliding minute per client", () => {
    const at = (time: number, clientId: string, status = 200) =>
      entry("GET", "/organization/o/v2/connector", time, { clientId, status });
    const peaks = peakPerClient([
      at(0, "a"),
      at(30_000, "a"),
      at(59_999, "a"),
      at(60_000, "a"),
      at(61_000, "a"),
      at(200_000, "a"),
      at(60_500, "a", 429),
      at(5, "b"),
      entry("POST", "/v1/access_token", 10, { clientId: "b" }),
    ]);
    // 30 000, 59 999, 60 000 and 61 000 fall within one minute; 0 and 60 000 do not; a 429 does not count,
    // nor a token request (the identity service's, not the API's quota).
    expect(peaks).to.deep.equal({ a: 4, b: 1 });
  });

  it("measures each deactivate → activate spell per connector and reports one left inactive", () => {
    const spells = inactiveSpells([
      entry("POST", "/organization/o/connector/c1/deactivate", 1000, { orgId: "o" }),
      entry("POST", "/organization/o/connector/c2/deactivate", 1010, { orgId: "o" }),
      entry("PUT", "/organization/o/connector/c1", 1100),
      entry("POST", "/organization/o/connector/c1/activate", 1180, { status: 409 }),
      entry("POST", "/organization/o/connector/c1/activate", 1250),
      entry("POST", "/organization/o/connector/c3/activate", 1300),
    ]);
    expect(spells).to.deep.equal([
      { connectorId: "c1", orgId: "o", from: 1000, to: 1250, ms: 250 },
      { connectorId: "c2", orgId: "o", from: 1010 },
    ]);
  });
});

describe("bench: command-line options", () => {
  it("has defaults and reads every flag, = or space separated", () => {
    expect(parseOptions([])).to.deep.equal(DEFAULTS);
    const options = parseOptions([
      "--orgs",
      "50",
      "--latency-ms=60",
      "--rate-limit",
      "120",
      "--parallel",
      "unbounded",
      "--live-rate",
      "0",
      "--out",
      "/tmp/x.json",
    ]);
    expect(options).to.deep.equal({
      orgs: 50,
      latencyMs: 60,
      rateLimit: 120,
      parallel: Number.POSITIVE_INFINITY,
      liveRate: 0,
      out: "/tmp/x.json",
    });
    expect(parseOptions(["--help"])).to.equal(undefined);
  });

  it("names the flag and the allowed values when one is wrong", () => {
    const cases: Array<[string[], RegExp]> = [
      [["--orgs", "501"], /--orgs must be a whole number from 1 to 500; got "501"/],
      [["--orgs", "two"], /--orgs must be a whole number/],
      [["--parallel", "0"], /--parallel must be a whole number from 1/],
      [["--latency-ms"], /--latency-ms needs a value/],
      [["--live-rate", "300"], /--live-rate \(300\) must stay below --rate-limit \(300\)/],
      [["--colour", "blue"], /Unknown option "--colour"/],
    ];
    for (const [argv, message] of cases) {
      expect(() => parseOptions(argv), argv.join(" ")).to.throw(UsageError, message);
    }
  });
});

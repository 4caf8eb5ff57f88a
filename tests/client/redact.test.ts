import { generateKeyPairSync } from "node:crypto";
import { expect } from "chai";
import { MIN_SECRET_LENGTH, REDACTED, Redactor, redact, redactPatterns } from "../../provider/redact";

let pem: string | undefined;
function privateKeyPem(): string {
  pem ??= generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({
    type: "pkcs8",
    format: "pem",
  }) as string;
  return pem;
}

describe("redact", () => {
  it("replaces a known secret wherever it occurs", () => {
    const out = redact("token s3cr3t-value was refused; s3cr3t-value again", ["s3cr3t-value"]);
    expect(out).to.equal(`token ${REDACTED} was refused; ${REDACTED} again`);
  });

  it("leaves secrets shorter than the minimum alone, so short words are not over-scrubbed", () => {
    const short = "a".repeat(MIN_SECRET_LENGTH - 1);
    expect(redact(`value ${short} here`, [short])).to.equal(`value ${short} here`);
    expect(redact("connector true is active", ["true"])).to.equal("connector true is active");
  });

  it("scrubs the JSON-escaped and URL-encoded forms of a secret", () => {
    const secret = 'p@ss "word"/+=&x';
    const r = new Redactor([secret]);
    expect(r.redact(JSON.stringify({ note: secret }))).to.not.contain("word");
    expect(r.redact(`client_secret_x=${encodeURIComponent(secret)}`)).to.not.contain("word");
    expect(r.redact(new URLSearchParams({ other: secret }).toString())).to.not.contain("word");
  });

  it("scrubs every line of a key inside a Google key file, and its private_key_id, in every encoding", () => {
    const key = privateKeyPem();
    const keyId = "0123456789abcdef0123456789abcdef01234567";
    const keyFile = JSON.stringify({
      type: "service_account",
      project_id: "tts-project",
      private_key_id: keyId,
      private_key: key,
      client_email: "tts@tts-project.iam.gserviceaccount.com",
    });
    const r = new Redactor([keyFile]);
    const lines = key.split("\n").filter((line) => line.length > 40);
    expect(lines.length).to.be.greaterThan(10);
    for (const line of lines) {
      for (const form of [
        line,
        encodeURIComponent(line),
        encodeURIComponent(line).replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()),
        new URLSearchParams({ v: line }).toString().slice(2),
      ]) {
        expect(r.redact(`the server said: ${form} is wrong`), form).to.equal(
          `the server said: ${REDACTED} is wrong`,
        );
      }
    }
    // Two lines as a JSON string quotes them: joined by the two characters \n.
    expect(r.redact(JSON.stringify(`${lines[2]}\n${lines[3]}`))).not.to.contain(lines[2]!.slice(0, 30));
    expect(r.redact(`unknown key id ${keyId}`)).to.equal(`unknown key id ${REDACTED}`);
    expect(r.redact(`key=${encodeURIComponent(key)}`)).not.to.contain(lines[4]!.slice(0, 30));
  });

  it("scrubs each line of a multi-line secret when it is URL-encoded", () => {
    const key = privateKeyPem();
    const r = new Redactor([key]);
    const line = key.split("\n")[6]!;
    expect(r.redact(`?k=${encodeURIComponent(line)}`)).to.equal(`?k=${REDACTED}`);
  });

  it("removes a whole PEM private key, raw, JSON-escaped, or cut short", () => {
    const key = privateKeyPem();
    const body = key.split("\n")[5]!;
    expect(redactPatterns(`key: ${key.trim()} end`)).to.equal(`key: ${REDACTED} end`);
    const escaped = JSON.stringify({ k: key });
    expect(redactPatterns(escaped)).to.not.contain(body);
    const truncated = key.slice(0, 300);
    expect(redactPatterns(`bad key ${truncated}`)).to.not.contain(body.slice(0, 20));
  });

  it("scrubs single lines of a registered multi-line key quoted on their own", () => {
    const key = privateKeyPem();
    const line = key.split("\n")[3]!;
    expect(new Redactor([key]).redact(`line: ${line}`)).to.equal(`line: ${REDACTED}`);
  });

  it("scrubs bearer and basic authorizations but not prose", () => {
    expect(redactPatterns("Authorization: Bearer abc123DEF456ghi789")).to.equal(
      `Authorization: Bearer ${REDACTED}`,
    );
    expect(redactPatterns("basic dXNlcjpwYXNzd29yZDEyMw==")).to.equal(`basic ${REDACTED}`);
    const prose = "The server signs a JWT bearer assertion; Basic validation against the URL failed";
    expect(redactPatterns(prose)).to.equal(prose);
  });

  it("scrubs secret-named fields in JSON, escaped JSON and forms", () => {
    expect(redactPatterns('{"clientSecret":"xyz-123","clientId":"abc"}')).to.equal(
      `{"clientSecret":"${REDACTED}","clientId":"abc"}`,
    );
    expect(redactPatterns('{\\"password\\": \\"hunter22\\"}')).to.equal(
      `{\\"password\\": \\"${REDACTED}\\"}`,
    );
    expect(redactPatterns("grant_type=refresh_token&refresh_token=rt-9&client_id=c")).to.equal(
      `grant_type=refresh_token&refresh_token=${REDACTED}&client_id=c`,
    );
  });

  it("collects secret fields from a request body, at any depth", () => {
    const r = new Redactor().addSecretFieldsOf({
      credentials: {
        clientId: "visible-client",
        clientSecret: "the-client-secret",
        nested: { apiKey: "api-key-42" },
      },
    });
    expect(r.redact("visible-client the-client-secret api-key-42")).to.equal(
      `visible-client ${REDACTED} ${REDACTED}`,
    );
  });

  it("with() extends a copy and leaves the original unchanged", () => {
    const base = new Redactor(["base-secret"]);
    const extended = base.with("extra-secret");
    expect(extended.redact("base-secret extra-secret")).to.equal(`${REDACTED} ${REDACTED}`);
    expect(base.redact("extra-secret")).to.equal("extra-secret");
  });

  it("with() shares what the original knew then; what either learns afterwards stays its own", () => {
    const base = new Redactor(["given-secret", "short", undefined, null]);
    base.add("added-early");
    const first = base.with("first-extra");
    const second = first.with("second-extra");
    base.add("added-late");
    first.add("first-late", "added-early");
    const text = "given-secret added-early first-extra second-extra added-late first-late short";
    expect(base.redact(text)).to.equal(
      `${REDACTED} ${REDACTED} first-extra second-extra ${REDACTED} first-late short`,
    );
    expect(first.redact(text)).to.equal(
      `${REDACTED} ${REDACTED} ${REDACTED} second-extra added-late ${REDACTED} short`,
    );
    expect(second.redact(text)).to.equal(
      `${REDACTED} ${REDACTED} ${REDACTED} ${REDACTED} added-late first-late short`,
    );
    // A secret learnt after a redaction is scrubbed by the next one.
    second.add("second-late");
    expect(second.redact("second-late")).to.equal(REDACTED);
  });

  it("knows the secrets of every list it is given", () => {
    const redactor = new Redactor(["first-secret", "short"], new Set(["second-secret"]), []);
    expect(redactor.redact("first-secret second-secret short")).to.equal(`${REDACTED} ${REDACTED} short`);
    expect(new Redactor().redact("first-secret")).to.equal("first-secret");
  });

  it("holds the lists it is given and reads them only to build its matcher", () => {
    // Counts the reads of each list's entries: a configuration's secrets are one list handed to the redactor
    // of every call, which must not copy or filter it at construction.
    let reads = 0;
    const counted = (list: string[]) =>
      new Proxy(list, {
        get(target, property, receiver) {
          if (typeof property === "string" && /^\d+$/.test(property)) reads++;
          return Reflect.get(target, property, receiver) as unknown;
        },
      });
    const config = counted(["config-secret-1", "tiny", "config-secret-2"]);
    const own = counted(["own-secret-1"]);
    const redactors = Array.from({ length: 50 }, () => new Redactor(config, own));
    expect(reads).to.equal(0);
    const one = redactors[0]!;
    const text = "config-secret-1 tiny config-secret-2 own-secret-1";
    const scrubbed = `${REDACTED} tiny ${REDACTED} ${REDACTED}`;
    expect(one.redact(text)).to.equal(scrubbed);
    expect(reads).to.equal(4);
    // The matcher is kept: redacting again reads nothing; an added secret makes the next redaction rebuild it.
    expect(one.redact(text)).to.equal(scrubbed);
    expect(reads).to.equal(4);
    expect(one.add("added-secret").redact(`${text} added-secret`)).to.equal(`${scrubbed} ${REDACTED}`);
    expect(reads).to.equal(8);
    // A redactor made with `with` knows the lists, the secrets added so far and the new ones.
    expect(one.with("with-secret").redact(`${text} added-secret with-secret`)).to.equal(
      `${scrubbed} ${REDACTED} ${REDACTED}`,
    );
  });

  it("looks for nothing but patterns when no secret is long enough", () => {
    expect(
      new Redactor(["tiny", "", null, undefined], new Set(["short"])).redact("tiny short text"),
    ).to.equal("tiny short text");
    expect(new Redactor([]).redact("Bearer abcdefghijk12345")).to.equal(`Bearer ${REDACTED}`);
  });

  it("removes the longer secret whole when one secret contains another", () => {
    expect(redact("x long-secret-value y", ["secret", "long-secret-value"])).to.equal(`x ${REDACTED} y`);
  });

  it("scrubs errors and nested values", () => {
    const r = new Redactor(["topsecret1"]);
    const error = r.redactError(new Error("failed with topsecret1"));
    expect(error.message).to.equal(`failed with ${REDACTED}`);
    expect(error.stack).to.not.contain("topsecret1");
    expect(r.redactValue({ a: ["topsecret1", 3], b: { c: "ok topsecret1" } })).to.deep.equal({
      a: [REDACTED, 3],
      b: { c: `ok ${REDACTED}` },
    });
  });

  it("treats regular-expression characters in secrets literally", () => {
    expect(redact("a (.*)+[x]? b", ["(.*)+[x]?"])).to.equal(`a ${REDACTED} b`);
  });
});

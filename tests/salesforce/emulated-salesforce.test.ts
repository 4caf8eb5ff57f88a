import { createPrivateKey } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { expect } from "chai";
import { zipSync } from "fflate";
import { SignJWT } from "jose";
import { startEmulator } from "pulumi-wxcc/emulator";
import { SalesforceControl } from "../../emulator/salesforce/control-client";
import { rsaKeys } from "./support/fixtures";
import { CONSUMER_KEY, INTEGRATION_USER, type SalesforceWorld, salesforceWorld } from "./support/world";

const JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

async function assertion(
  world: SalesforceWorld,
  claims: { iss?: string; sub?: string; aud?: string; exp?: number } = {},
) {
  return new SignJWT({})
    .setProtectedHeader({ alg: "RS256" })
    .setIssuer(claims.iss ?? CONSUMER_KEY)
    .setSubject(claims.sub ?? INTEGRATION_USER)
    .setAudience(claims.aud ?? world.loginUrl)
    .setExpirationTime(claims.exp ?? Math.floor(Date.now() / 1000) + 180)
    .sign(createPrivateKey(rsaKeys().privateKeyPem));
}

async function token(world: SalesforceWorld, form: Record<string, string>) {
  const res = await fetch(`${world.loginUrl}/services/oauth2/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form).toString(),
  });
  return { status: res.status, body: (await res.json()) as Record<string, string> };
}

describe("the emulated Salesforce org", () => {
  let world: SalesforceWorld;
  let accessToken: string;
  let instanceUrl: string;
  before(async () => {
    world = await salesforceWorld();
    const issued = await token(world, { grant_type: JWT_BEARER, assertion: await assertion(world) });
    accessToken = issued.body.access_token;
    instanceUrl = issued.body.instance_url;
  });
  after(() => world.close());

  const api = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${instanceUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${accessToken}`,
        ...(body ? { "content-type": "application/json" } : {}),
        ...headers,
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
  };

  describe("token endpoint", () => {
    it("issues a session with the instance URL and the identity URL of the org and user", async () => {
      const issued = await token(world, { grant_type: JWT_BEARER, assertion: await assertion(world) });
      expect(issued.status).to.equal(200);
      expect(issued.body).to.include({ token_type: "Bearer", instance_url: world.loginUrl });
      const org = await world.sf.org();
      expect(issued.body.id).to.match(new RegExp(`/id/${org.orgId}/005`));
      expect(issued.body).to.not.have.property("refresh_token");
    });

    const refusals: [string, () => Promise<Record<string, string>>, string, string][] = [
      [
        "a wrong audience",
        async () => ({
          grant_type: JWT_BEARER,
          assertion: await assertion(world, { aud: "https://login.salesforce.com" }),
        }),
        "invalid_grant",
        "audience is invalid",
      ],
      [
        "an unknown consumer key",
        async () => ({ grant_type: JWT_BEARER, assertion: await assertion(world, { iss: "3MVGunknown" }) }),
        "invalid_client_id",
        "client identifier invalid",
      ],
      [
        "a user not approved for the app",
        async () => ({
          grant_type: JWT_BEARER,
          assertion: await assertion(world, { sub: "someone@acme.com" }),
        }),
        "invalid_grant",
        "user hasn't approved this consumer",
      ],
      [
        "an expired assertion",
        async () => ({
          grant_type: JWT_BEARER,
          assertion: await assertion(world, { exp: Math.floor(Date.now() / 1000) - 60 }),
        }),
        "invalid_grant",
        "expired authorization code",
      ],
      [
        "another grant type",
        async () => ({ grant_type: "password", username: "u", password: "p" }),
        "unsupported_grant_type",
        "grant type not supported",
      ],
    ];
    for (const [what, form, error, description] of refusals) {
      it(`refuses ${what} with Salesforce's error text`, async () => {
        const refused = await token(world, await form());
        expect(refused.status).to.equal(400);
        expect(refused.body).to.deep.equal({ error, error_description: description });
      });
    }
  });

  describe("REST", () => {
    it("lists API versions without a session", async () => {
      const res = await fetch(`${instanceUrl}/services/data/`);
      const versions = (await res.json()) as { version: string }[];
      expect(versions.map((v) => v.version)).to.include("62.0");
    });

    it("answers an invalid session with 401 INVALID_SESSION_ID in Salesforce's error array", async () => {
      const res = await fetch(`${instanceUrl}/services/data/v62.0/query?q=SELECT+Id+FROM+User`, {
        headers: { authorization: "Bearer 00Dnope!nope" },
      });
      expect(res.status).to.equal(401);
      expect(await res.json()).to.deep.equal([
        { message: "Session expired or invalid", errorCode: "INVALID_SESSION_ID" },
      ]);
    });

    it("queries users case-insensitively and pages through nextRecordsUrl", async () => {
      for (const u of ["p1@acme.com", "p2@acme.com", "p3@acme.com"]) await world.sf.createUser(u);
      await world.sf.settings({ queryBatchSize: 2 });
      try {
        const first = await api(
          "GET",
          `/services/data/v62.0/query?q=${encodeURIComponent("SELECT Id, Username FROM User WHERE Username IN ('P1@acme.com', 'p2@acme.com', 'p3@ACME.com') ORDER BY Username")}`,
        );
        expect(first.status).to.equal(200);
        expect(first.body).to.include({ totalSize: 3, done: false });
        expect(first.body.records.map((r: { Username: string }) => r.Username)).to.deep.equal([
          "p1@acme.com",
          "p2@acme.com",
        ]);
        const second = await api("GET", first.body.nextRecordsUrl);
        expect(second.body.done).to.equal(true);
        expect(second.body.records.map((r: { Username: string }) => r.Username)).to.deep.equal([
          "p3@acme.com",
        ]);
        expect(first.headers.get("sforce-limit-info")).to.match(/^api-usage=\d+\/15000$/);
      } finally {
        await world.sf.settings({ queryBatchSize: 2000 });
      }
    });

    it("refuses malformed queries and unknown fields with Salesforce's codes", async () => {
      const malformed = await api(
        "GET",
        `/services/data/v62.0/query?q=${encodeURIComponent("SELECT FROM User")}`,
      );
      expect(malformed.status).to.equal(400);
      expect(malformed.body[0].errorCode).to.equal("MALFORMED_QUERY");
      const field = await api(
        "GET",
        `/services/data/v62.0/query?q=${encodeURIComponent("SELECT Nope FROM User")}`,
      );
      expect(field.body[0]).to.include({ errorCode: "INVALID_FIELD" });
      expect(field.body[0].message).to.match(/No such column 'Nope' on entity 'User'/);
    });

    it("refuses a User.CallCenterId that names no call center, naming the field", async () => {
      const user = await world.sf.createUser("patch@acme.com");
      const res = await api("PATCH", `/services/data/v62.0/sobjects/User/${user.id}`, {
        CallCenterId: "04v000000000099AAA",
      });
      expect(res.status).to.equal(400);
      expect(res.body).to.deep.equal([
        {
          message: "invalid cross reference id",
          errorCode: "INVALID_CROSS_REFERENCE_KEY",
          fields: ["CallCenterId"],
        },
      ]);
    });

    it("answers REQUEST_LIMIT_EXCEEDED once the daily limit is used up", async () => {
      const org = await world.sf.org();
      await world.sf.setLimits({ apiUsage: 100, apiLimit: 100 });
      try {
        const res = await api(
          "GET",
          `/services/data/v62.0/query?q=${encodeURIComponent("SELECT Id FROM User")}`,
        );
        expect(res.status).to.equal(403);
        expect(res.body).to.deep.equal([
          { message: "TotalRequests Limit exceeded.", errorCode: "REQUEST_LIMIT_EXCEEDED" },
        ]);
        expect(res.headers.get("sforce-limit-info")).to.equal("api-usage=100/100");
      } finally {
        await world.sf.setLimits({ apiUsage: org.apiUsage, apiLimit: org.apiLimit });
      }
    });
  });

  describe("Metadata deploy", () => {
    const callCenter = (displayName: string, extra = "") =>
      `<?xml version="1.0" encoding="UTF-8"?><CallCenter xmlns="http://soap.sforce.com/2006/04/metadata"><adapterUrl>https://desktop.wxcc-eu1.cisco.com/</adapterUrl><displayName>${displayName}</displayName><displayNameLabel>Display Name</displayNameLabel><internalNameLabel>InternalName</internalNameLabel><sections><items><label>Use CTI API</label><name>reqUseApi</name><value>true</value></items><label>General</label><name>reqGeneralInfo</name></sections>${extra}</CallCenter>`;
    const pkg = (members: string[]) =>
      `<Package xmlns="http://soap.sforce.com/2006/04/metadata"><types>${members.map((m) => `<members>${m}</members>`).join("")}<name>CallCenter</name></types><version>62.0</version></Package>`;

    async function deploy(files: Record<string, string>) {
      const zip = zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, Buffer.from(v)])));
      const form = new FormData();
      form.append(
        "json",
        new Blob([JSON.stringify({ deployOptions: { singlePackage: true, rollbackOnError: true } })], {
          type: "application/json",
        }),
      );
      form.append("file", new Blob([zip], { type: "application/zip" }), "deploy.zip");
      const res = await fetch(`${instanceUrl}/services/data/v62.0/metadata/deployRequest`, {
        method: "POST",
        headers: { authorization: `Bearer ${accessToken}` },
        body: form,
      });
      return {
        status: res.status,
        body: (await res.json()) as { id: string; deployResult: { status: string; done: boolean } },
      };
    }

    const status = async (id: string) =>
      (await api("GET", `/services/data/v62.0/metadata/deployRequest/${id}?includeDetails=true`)).body
        .deployResult;

    it("runs a deploy after the configured number of status polls and creates the call center", async () => {
      await world.sf.settings({ deployPolls: 2 });
      try {
        const started = await deploy({
          "package.xml": pkg(["EmuCC1"]),
          "callCenters/EmuCC1.callCenter": callCenter("Emu One"),
        });
        expect(started.status).to.equal(201);
        expect(started.body.deployResult).to.include({ status: "Pending", done: false });
        expect(await world.sf.callCenter("EmuCC1")).to.equal(undefined);
        expect(await status(started.body.id)).to.include({ status: "InProgress", done: false });
        const done = await status(started.body.id);
        expect(done).to.include({ status: "Succeeded", done: true, success: true });
        expect(done.details.componentSuccesses[0]).to.include({ fullName: "EmuCC1", created: true });
        const created = await world.sf.callCenter("EmuCC1");
        expect(created).to.deep.include({
          displayName: "Emu One",
          adapterUrl: "https://desktop.wxcc-eu1.cisco.com/",
        });
        expect(created!.id).to.match(/^04v/);
      } finally {
        await world.sf.settings({ deployPolls: 1 });
      }
    });

    it("fails the whole deploy, changing nothing, when a component is invalid", async () => {
      const started = await deploy({
        "package.xml": pkg(["EmuCC2", "EmuCC3"]),
        "callCenters/EmuCC2.callCenter": callCenter("Two"),
        "callCenters/EmuCC3.callCenter": callCenter(""),
      });
      const done = await status(started.body.id);
      expect(done).to.include({ status: "Failed", done: true });
      expect(done.details.componentFailures).to.deep.include({
        componentType: "CallCenter",
        fullName: "EmuCC3",
        fileName: "callCenters/EmuCC3.callCenter",
        problem: "Required field is missing: displayName",
        problemType: "Error",
        success: false,
      });
      expect(await world.sf.callCenter("EmuCC2")).to.equal(undefined);
    });

    it("reads a deployed call center back through SOAP readMetadata, and an unknown one as an empty record", async () => {
      await status(
        (
          await deploy({
            "package.xml": pkg(["EmuCC4"]),
            "callCenters/EmuCC4.callCenter": callCenter("Four"),
          })
        ).body.id,
      );
      const envelope = (names: string[], session = accessToken) =>
        `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:met="http://soap.sforce.com/2006/04/metadata"><soapenv:Header><met:SessionHeader><met:sessionId>${session}</met:sessionId></met:SessionHeader></soapenv:Header><soapenv:Body><met:readMetadata><met:type>CallCenter</met:type>${names.map((n) => `<met:fullNames>${n}</met:fullNames>`).join("")}</met:readMetadata></soapenv:Body></soapenv:Envelope>`;
      const read = await fetch(`${instanceUrl}/services/Soap/m/62.0`, {
        method: "POST",
        headers: { "content-type": "text/xml" },
        body: envelope(["EmuCC4", "Missing"]),
      });
      const xml = await read.text();
      expect(read.status).to.equal(200);
      expect(xml).to.include("<fullName>EmuCC4</fullName>");
      expect(xml).to.include("<displayName>Four</displayName>");
      expect(xml).to.include('<records xsi:type="CallCenter"/>');
      const refused = await fetch(`${instanceUrl}/services/Soap/m/62.0`, {
        method: "POST",
        headers: { "content-type": "text/xml" },
        body: envelope(["EmuCC4"], "00Dbad!bad"),
      });
      expect(refused.status).to.equal(500);
      expect(await refused.text()).to.include("<faultcode>sf:INVALID_SESSION_ID</faultcode>");
    });

    it("refuses to delete a call center that still has users, then deletes it once they are gone", async () => {
      await status(
        (
          await deploy({
            "package.xml": pkg(["EmuCC5"]),
            "callCenters/EmuCC5.callCenter": callCenter("Five"),
          })
        ).body.id,
      );
      await world.sf.createUser("agent5@acme.com");
      await world.sf.assignUser("agent5@acme.com", "EmuCC5");
      const destructive = {
        "package.xml": pkg([]).replace(/<types>.*<\/types>/, ""),
        "destructiveChanges.xml": pkg(["EmuCC5"]).replace("<version>62.0</version>", ""),
      };
      const refused = await status((await deploy(destructive)).body.id);
      expect(refused.status).to.equal("Failed");
      expect(refused.details.componentFailures[0].problem).to.match(/users are still assigned/);
      await world.sf.assignUser("agent5@acme.com", null);
      expect(await status((await deploy(destructive)).body.id)).to.include({ status: "Succeeded" });
      expect(await world.sf.callCenter("EmuCC5")).to.equal(undefined);
    });
  });

  it("persists the org in the emulator's state file, sessions only as hashes", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wxcc-sf-state-"));
    const stateFile = path.join(dir, "state.json");
    try {
      const first = await startEmulator({ stateFile });
      const control = new SalesforceControl(first.url);
      await control.createUser("kept@acme.com");
      await first.control.registerConnectedApp({
        consumerKey: CONSUMER_KEY,
        username: INTEGRATION_USER,
        publicKey: rsaKeys().publicKeyPem,
        audiences: [`${first.url}/salesforce`],
      });
      const res = await fetch(`${first.url}/salesforce/services/oauth2/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          grant_type: JWT_BEARER,
          assertion: await assertion({ loginUrl: `${first.url}/salesforce` } as SalesforceWorld),
        }).toString(),
      });
      const issued = (await res.json()) as { access_token: string };
      await first.close();
      const text = fs.readFileSync(stateFile, "utf8");
      expect(text).to.include("kept@acme.com");
      expect(text).to.not.include(issued.access_token);
      const second = await startEmulator({ stateFile });
      try {
        expect((await new SalesforceControl(second.url).users()).map((u) => u.username)).to.include(
          "kept@acme.com",
        );
      } finally {
        await second.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

import { expect } from "chai";
import {
  configSecrets,
  configure,
  defaultRegion,
  loadSettings,
  orgTarget,
  setStackConfig,
} from "../../provider/config";
import { ConfigurationError } from "../../provider/webex/errors";

describe("provider configuration", () => {
  afterEach(() => setStackConfig({}));

  it("gives the same settings object for the same text, and a new one when any setting changes", () => {
    const config = { "wxcc:orgId": "org-a", "wxcc:accessToken": "tok-aaaaaaaa" };
    const first = loadSettings({}, config);
    expect(loadSettings({}, { ...config })).to.equal(first);
    expect(configSecrets(loadSettings({}, { ...config }))).to.equal(configSecrets(first));
    // Frozen, so every call's redactor can hold it instead of copying it.
    expect(Object.isFrozen(configSecrets(first))).to.equal(true);
    const env = loadSettings({ WXCC_REGION: "eu1" }, config);
    expect(env).not.to.equal(first);
    expect(env.region).to.equal("eu1");
    expect(loadSettings({}, { ...config, "wxcc:orgId": "org-b" }).orgId).to.equal("org-b");
  });

  it("reads namespaced stack config through configure()", async () => {
    const values: Record<string, string> = {
      "wxcc:orgId": "org-a",
      "wxcc:region": "eu1",
      "wxcc:accessToken": "stack-token-123456",
      "other:orgId": "ignored",
    };
    await configure({ config: { get: (key) => values[key], require: (key) => values[key] } });
    const settings = loadSettings({});
    expect(settings.orgId).to.equal("org-a");
    expect(settings.region).to.equal("eu1");
    expect(settings.defaultCredentials).to.deep.equal({ accessToken: "stack-token-123456" });
  });

  it("lets the environment win, key by key", () => {
    setStackConfig({ "wxcc:orgId": "org-a", "wxcc:region": "eu1", "wxcc:baseUrl": "http://127.0.0.1:1" });
    const settings = loadSettings({ WXCC_ORG_ID: "org-b", WXCC_BASE_URL: "http://127.0.0.1:2" });
    expect(settings.orgId).to.equal("org-b");
    expect(settings.region).to.equal("eu1");
    expect(settings.baseUrl).to.equal("http://127.0.0.1:2");
  });

  it("refuses a wxcc:baseUrl or wxcc:identityUrl the client would refuse, when the settings are read (at preview)", () => {
    const refusals: Array<[Record<string, string>, RegExp]> = [
      [{ WXCC_BASE_URL: "https://admin:base-pass-123@api.example.com" }, /wxcc:baseUrl.*user info/],
      [{ WXCC_IDENTITY_URL: "http://idbroker.example.com" }, /wxcc:identityUrl.*plain http/],
      [{ WXCC_BASE_URL: "https://api.example.com/?x=1" }, /wxcc:baseUrl.*query/],
    ];
    for (const [env, message] of refusals) {
      expect(() => loadSettings(env, {}), JSON.stringify(env))
        .to.throw(ConfigurationError, message)
        .with.property("message")
        .that.does.not.contain("base-pass-123");
    }
    expect(() => loadSettings({}, { "wxcc:identityUrl": "https://u:p-123456@id.example.com" })).to.throw(
      ConfigurationError,
      /wxcc:identityUrl.*user info/,
    );
  });

  it("defaults the region to us1", () => {
    expect(loadSettings({}, {}).region).to.equal("us1");
  });

  it("takes credentials as a whole from the environment over stack config", () => {
    const config = {
      "wxcc:clientId": "cfg-client",
      "wxcc:clientSecret": "cfg-secret-123",
      "wxcc:refreshToken": "cfg-refresh-123",
    };
    expect(loadSettings({}, config).defaultCredentials).to.deep.equal({
      clientId: "cfg-client",
      clientSecret: "cfg-secret-123",
      refreshToken: "cfg-refresh-123",
    });
    expect(loadSettings({ WXCC_ACCESS_TOKEN: "env-token-123" }, config).defaultCredentials).to.deep.equal({
      accessToken: "env-token-123",
    });
    // A rotated refresh token exported alone completes the set from config.
    expect(loadSettings({ WXCC_REFRESH_TOKEN: "env-refresh-9" }, config).defaultCredentials).to.deep.equal({
      clientId: "cfg-client",
      clientSecret: "cfg-secret-123",
      refreshToken: "env-refresh-9",
    });
  });

  it("names the missing key of an incomplete refresh-token set", () => {
    expect(() => loadSettings({}, { "wxcc:clientId": "c", "wxcc:refreshToken": "r-123456" }))
      .to.throw(ConfigurationError)
      .with.property("message")
      .that.contains("wxcc:clientSecret (WXCC_CLIENT_SECRET)");
  });

  it("names the keys to set when an org has no credentials", () => {
    const settings = loadSettings({}, { "wxcc:orgId": "org-a" });
    expect(() => orgTarget(settings, "org-a", "us1"))
      .to.throw(ConfigurationError)
      .with.property("message")
      .that.matches(/org-a.*wxcc:accessToken \(WXCC_ACCESS_TOKEN\).*wxcc:orgs/);
  });

  it("reads per-org credentials and regions from wxcc:orgs", () => {
    const orgs = {
      "org-eu": { region: "eu1", clientId: "c", clientSecret: "eu-secret-1", refreshToken: "eu-refresh-1" },
      "org-sg": { region: "sg1", accessToken: "sg-token-123" },
      "org-svc": {
        serviceApp: {
          applicationId: "app",
          clientId: "c",
          clientSecret: "svc-secret-1",
          integrationToken: "int-tok-1",
        },
      },
    };
    const settings = loadSettings(
      { WXCC_ORGS: JSON.stringify(orgs) },
      { "wxcc:accessToken": "default-token-1" },
    );
    expect(defaultRegion(settings, "org-eu")).to.equal("eu1");
    expect(defaultRegion(settings, "org-unknown")).to.equal("us1");
    expect(orgTarget(settings, "org-sg", "sg1").credentials).to.deep.equal({ accessToken: "sg-token-123" });
    expect(orgTarget(settings, "org-svc", "us1").credentials).to.have.property("serviceApp");
    expect(orgTarget(settings, "org-other", "us1").credentials).to.deep.equal({
      accessToken: "default-token-1",
    });
    expect(configSecrets(settings)).to.include.members([
      "default-token-1",
      "eu-secret-1",
      "sg-token-123",
      "int-tok-1",
    ]);
  });

  it("parses wxcc:orgs once for many calls, and again as soon as the text changes", () => {
    const text = (token: string) => JSON.stringify({ "org-a": { accessToken: token } });
    const first = loadSettings({ WXCC_ORGS: text("token-one-123") });
    expect(loadSettings({ WXCC_ORGS: text("token-one-123") }).orgs).to.equal(first.orgs);
    const rotated = loadSettings({ WXCC_ORGS: text("token-two-456") });
    expect(orgTarget(rotated, "org-a", "us1").credentials).to.deep.equal({ accessToken: "token-two-456" });
    expect(() => loadSettings({ WXCC_ORGS: "{" })).to.throw(ConfigurationError);
    expect(() => loadSettings({ WXCC_ORGS: "{" }), "an error is not remembered as a value").to.throw(
      ConfigurationError,
    );
    expect(loadSettings({}).orgs).to.deep.equal({});
  });

  it("reads the rate limit to pace to, and names the key of a wrong one", () => {
    expect(loadSettings({}).rateLimitPerMinute).to.equal(undefined);
    expect(loadSettings({ WXCC_RATE_LIMIT_PER_MINUTE: "120" }).rateLimitPerMinute).to.equal(120);
    expect(loadSettings({}, { "wxcc:rateLimitPerMinute": "60" }).rateLimitPerMinute).to.equal(60);
    for (const wrong of ["0", "2.5", "fast", "1000000"]) {
      expect(() => loadSettings({}, { "wxcc:rateLimitPerMinute": wrong }))
        .to.throw(ConfigurationError)
        .with.property("message")
        .that.contains("wxcc:rateLimitPerMinute (WXCC_RATE_LIMIT_PER_MINUTE)")
        .and.contains("from 1 to 100000");
    }
  });

  it("rejects malformed wxcc:orgs without quoting it", () => {
    const secret = "super-secret-token-value";
    expect(() => loadSettings({}, { "wxcc:orgs": `{"org-a": {"accessToken": "${secret}"` }))
      .to.throw(ConfigurationError)
      .with.property("message")
      .that.contains("wxcc:orgs (WXCC_ORGS) is not valid JSON")
      .and.not.contains(secret);
    const wrongShape = JSON.stringify({ "org-a": { accessToken: secret, clientId: "x" } });
    expect(() => loadSettings({}, { "wxcc:orgs": wrongShape }))
      .to.throw(ConfigurationError)
      .with.property("message")
      .that.contains(".org-a")
      .and.not.contains(secret);
  });

  it("rejects an unknown region and a malformed maintenance window, naming the key", () => {
    expect(() => loadSettings({ WXCC_REGION: "mars1" }, {}))
      .to.throw(ConfigurationError)
      .with.property("message")
      .that.contains("wxcc:region (WXCC_REGION)");
    expect(() => loadSettings({}, { "wxcc:maintenanceWindow": "whenever" }))
      .to.throw(ConfigurationError)
      .with.property("message")
      .that.contains("wxcc:maintenanceWindow (WXCC_MAINTENANCE_WINDOW)");
  });
});

import { expect } from "chai";
import { ConfigurationError } from "../../provider/webex/errors";
import { REGIONS } from "../../provider/webex/types";
import {
  checkedBaseUrl,
  isLoopbackHost,
  resolveApiBaseUrl,
  resolveIdentityUrl,
} from "../../provider/webex/urls";

const key = "baseUrl" as const;

describe("client URLs", () => {
  it("maps every region to its API host", () => {
    const hosts = REGIONS.map((region) => resolveApiBaseUrl(region, undefined));
    expect(hosts).to.deep.equal([
      "https://api.wxcc-us1.cisco.com",
      "https://api.wxcc-eu1.cisco.com",
      "https://api.wxcc-eu2.cisco.com",
      "https://api.wxcc-anz1.cisco.com",
      "https://api.wxcc-ca1.cisco.com",
      "https://api.wxcc-jp1.cisco.com",
      "https://api.wxcc-sg1.cisco.com",
    ]);
  });

  it("refuses an unknown region and lists the valid ones", () => {
    expect(() => resolveApiBaseUrl("us2" as never, undefined))
      .to.throw(ConfigurationError)
      .with.property("message")
      .that.contains("wxcc:region")
      .and.contains("us1, eu1");
  });

  it("recognises loopback hosts only", () => {
    for (const host of ["localhost", "127.0.0.1", "127.10.20.30", "[::1]", "::1", "api.localhost"]) {
      expect(isLoopbackHost(host), host).to.equal(true);
    }
    for (const host of [
      "example.com",
      "10.0.0.1",
      "128.0.0.1",
      "127.0.0.1.evil.com",
      "localhost.evil.com",
      "[::2]",
    ]) {
      expect(isLoopbackHost(host), host).to.equal(false);
    }
  });

  it("allows http for loopback overrides and strips the trailing slash", () => {
    expect(checkedBaseUrl("http://127.0.0.1:4010/", key)).to.equal("http://127.0.0.1:4010");
    expect(checkedBaseUrl("http://localhost:4010/wxcc/", key)).to.equal("http://localhost:4010/wxcc");
    expect(checkedBaseUrl("http://[::1]:4010", key)).to.equal("http://[::1]:4010");
    expect(checkedBaseUrl("https://api.example.com", key)).to.equal("https://api.example.com");
  });

  it("refuses plain http to a non-loopback host, naming the key and the fix", () => {
    expect(() => checkedBaseUrl("http://api.example.com", key))
      .to.throw(ConfigurationError)
      .with.property("message")
      .that.contains("wxcc:baseUrl")
      .and.contains("loopback")
      .and.contains("use https://");
  });

  it("refuses other schemes, credentials in the URL, and non-URLs", () => {
    expect(() => checkedBaseUrl("ftp://127.0.0.1", key)).to.throw(
      ConfigurationError,
      /must start with https/,
    );
    expect(() => checkedBaseUrl("https://user:pw@host", key)).to.throw(ConfigurationError, /user info/);
    expect(() => checkedBaseUrl("not a url", key)).to.throw(ConfigurationError, /not an absolute URL/);
  });

  it("defaults the identity service to webexapis.com and checks its override too", () => {
    expect(resolveIdentityUrl(undefined)).to.equal("https://webexapis.com");
    expect(() => resolveIdentityUrl("http://10.1.2.3")).to.throw(ConfigurationError, /wxcc:identityUrl/);
  });
});

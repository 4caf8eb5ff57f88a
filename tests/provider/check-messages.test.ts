// What a user reads when an argument is wrong, through the real plugin: a misspelled field lists the valid
// ones at its level (narrowed by auth.type), its value is never printed (it may be a secret), and a nested
// failure never reads "value undefined".
import { expect } from "chai";
import { CustomConnector } from "../../sdk";
import { Stack } from "../../testing";
import { PROJECT_DIR } from "./support/emulator-world";

describe("check messages through the engine", function () {
  this.timeout(60_000);

  async function previewMessages(args: Record<string, unknown>): Promise<string> {
    const stack = new Stack({
      projectDir: PROJECT_DIR,
      project: "wxcc-check-messages",
      stack: "dev",
      // No credentials on purpose: argument errors come first and need no API.
      config: { "wxcc:orgId": "org-x" },
    });
    const preview = await stack.preview(() => {
      new CustomConnector("billing", args as never);
    });
    expect(preview.ok).to.equal(false);
    return preview.diagnostics.map((d) => d.message).join("\n");
  }

  it("lists the valid fields of auth for a misspelled nested field, without its value", async () => {
    const text = await previewMessages({
      name: "Billing",
      resourceDomainUrl: "https://billing.example.com",
      auth: { type: "basic", username: "svc", pasword: "hunter2-secret" },
    });
    expect(text).to.contain("auth.pasword is not an argument of CustomConnector");
    expect(text).to.contain("the fields of auth are type, username, password, validationUrl");
    expect(text).not.to.contain("hunter2-secret");
    expect(text).not.to.contain("value undefined");
    // The missing password is named with its path, and without a value that does not exist.
    expect(text).to.match(/property 'auth\.password' has a problem/);
  });

  it("lists the connector's arguments for a misspelled top-level field", async () => {
    const text = await previewMessages({
      name: "Billing",
      resourceDomainUrl: "https://billing.example.com",
      descripton: "typo",
      auth: {
        type: "oauth2",
        grantType: "client-credentials",
        clientId: "c",
        clientSecret: "s",
        tokenUrl: "https://t.example.com",
      },
    });
    expect(text).to.contain("descripton is not an argument of CustomConnector");
    const listed = /its arguments are ([^)]*)\)/.exec(text)?.[1]?.split(", ") ?? [];
    expect(listed).to.include.members([
      "name",
      "orgId",
      "region",
      "description",
      "resourceDomainUrl",
      "auth",
    ]);
    expect(listed).not.to.include("descripton");
    expect(text).not.to.contain("value undefined");
  });
});

import { expect } from "chai";
import { configSecrets, loadSettings } from "../../provider/config";
import { orgAccess } from "../../provider/lifecycle/session";
import { createWebexClient } from "../../provider/webex";

describe("provider session: an operation's access to its org", () => {
  const spec = { typeName: "GoogleConnector", secretPaths: ["authKey"] };
  const settings = loadSettings(
    {
      WXCC_ORGS: JSON.stringify({
        "org-a": { accessToken: "org-a-token-123" },
        "org-b": { accessToken: "org-b-token-456" },
      }),
    },
    {},
  );
  const deps = { settings: () => settings };

  it("hands the client the resource's own secrets, and the configuration's as the one shared list", () => {
    const first = orgAccess(spec, deps, { orgId: "org-a", authKey: "resource-secret-1" });
    const second = orgAccess(spec, deps, { orgId: "org-b", authKey: "resource-secret-2" });
    expect(first.options.secrets).to.deep.equal(["resource-secret-1"]);
    expect(second.options.secrets).to.deep.equal(["resource-secret-2"]);
    // Not a copy per call: every call holds the configuration's list itself.
    expect(first.options.sharedSecrets).to.equal(configSecrets(settings));
    expect(second.options.sharedSecrets).to.equal(first.options.sharedSecrets);
  });

  it("scrubs both from what the client reports", async () => {
    const { target, options } = orgAccess(spec, deps, { orgId: "org-a", authKey: "resource-secret-1" });
    const caller = createWebexClient({
      ...options,
      baseUrl: "http://127.0.0.1:9",
      identityUrl: "http://127.0.0.1:9",
      retry: { maxAttempts: 1 },
    }).orgCaller(target);
    const message = caller.redactor.redact("resource-secret-1 org-b-token-456 org-a-token-123");
    expect(message).to.not.match(/resource-secret-1|org-b-token-456|org-a-token-123/);
  });
});

// A host that does not serve the connectors API (a 404 on its collection paths, or a name that does not
// resolve) is answered with what is true: Webex has not published one, what the provider expects, and where
// to point it instead.
import { expect } from "chai";
import { startEmulator } from "../../emulator";
import { createWebexClient, WebexApiError } from "../../provider/webex";

const TARGET = {
  orgId: "org-x",
  region: "us1" as const,
  credentials: { accessToken: "token-unpublished-1" },
};

async function failure(promise: Promise<unknown>): Promise<WebexApiError> {
  const error = await promise.then(
    () => expect.fail("expected a failure"),
    (e: unknown) => e,
  );
  expect(error).to.be.instanceOf(WebexApiError);
  return error as WebexApiError;
}

function expectUnpublishedNote(message: string): void {
  expect(message).to.contain("Webex has not published an API for Contact Center connectors");
  expect(message).to.contain("docs/connectors-api.md");
  expect(message).to.contain("GET /organization/{orgId}/v2/connector");
  expect(message).to.contain("wxcc:baseUrl (WXCC_BASE_URL)");
  expect(message).to.contain("npx wxcc-emulator");
  expect(message).not.to.contain("token-unpublished-1");
}

describe("client: a host that does not serve the connectors API", function () {
  this.timeout(30_000);

  it("says so on a 404 from the collection path (list, create, the access check)", async () => {
    const emulator = await startEmulator({ port: 0 });
    try {
      const api = createWebexClient({
        baseUrl: `${emulator.url}/somewhere-else`,
        retry: { maxAttempts: 1 },
        shareQuotaAcrossProcesses: false,
      }).connectors(TARGET);
      const list = await failure(api.list());
      expect(list.status).to.equal(404);
      expectUnpublishedNote(list.message);
      expectUnpublishedNote((await failure(api.access())).message);
      // A 404 on an item path is an ordinary "not found", not a missing API.
      expect(await api.get("no-such-id")).to.equal(undefined);
    } finally {
      await emulator.close();
    }
  });

  it("says so when the API host's name does not resolve", async () => {
    const api = createWebexClient({
      baseUrl: "https://connectors-api.invalid",
      retry: { maxAttempts: 1 },
      shareQuotaAcrossProcesses: false,
    }).connectors(TARGET);
    const error = await failure(api.list());
    expect(error.status).to.equal(0);
    expect(error.message).to.match(/ENOTFOUND|EAI_AGAIN/);
    expect(error.message).to.contain("The API host's name does not resolve.");
    expectUnpublishedNote(error.message);
  });
});

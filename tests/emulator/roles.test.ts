import { expect } from "chai";
import type { AdminRole } from "../../emulator";
import { Api, BODY_SECRETS, expectError, startWorld, validBodies, type World } from "./helpers";

const READ_WRITE: AdminRole[] = [
  "full-admin",
  "cc-service-admin",
  "external-full-admin",
  "external-cc-admin",
  "support-full-admin",
  "partner-full-admin",
];
const READ_ONLY: AdminRole[] = ["external-read-only", "support-basic", "partner-read-only"];

describe("emulator: roles", () => {
  let world: World;
  let connectorId: string;

  before(async () => {
    world = await startWorld();
    const created = await world.api.post(`/organization/${world.orgId}/connector`, validBodies().WXM);
    connectorId = created.body.id;
  });
  after(async () => {
    for (const api of apis) world.api.seen.push(...api.seen);
    world.api.expectNoSecrets([...BODY_SECRETS, world.admin.clientSecret, world.admin.refreshToken]);
    await world.emulator.close();
  });

  const apis: Api[] = [];

  async function apiFor(role: AdminRole): Promise<Api> {
    const admin = await world.emulator.control.createAdmin(world.orgId, { role });
    const api = new Api(world.emulator.url, admin.accessToken);
    apis.push(api);
    return api;
  }

  const base = () => `/organization/${world.orgId}`;
  const reads = () => [
    () => ["GET", `${base()}/v2/connector`],
    () => ["GET", `${base()}/connector/${connectorId}`],
    () => ["GET", `${base()}/connector/${connectorId}/incoming-references`],
  ];
  const writes = () =>
    [
      ["POST", `${base()}/connector`, { ...validBodies().CUSTOM, name: `custom-${Math.random()}` }],
      [
        "PUT",
        `${base()}/connector/${connectorId}`,
        { id: connectorId, name: "Survey feedback", type: "WXM", version: 0 },
      ],
      ["POST", `${base()}/connector/${connectorId}/deactivate`, undefined],
      ["POST", `${base()}/connector/${connectorId}/activate`, undefined],
      ["POST", `${base()}/connector/${connectorId}/reauthorize`, { googleAuthorization: "x" }],
      ["DELETE", `${base()}/connector/${connectorId}`, undefined],
    ] as const;

  for (const role of READ_WRITE) {
    it(`lets ${role} create and deactivate`, async () => {
      const api = await apiFor(role);
      const created = await api.post(`${base()}/connector`, { ...validBodies().CUSTOM, name: `by ${role}` });
      expect(created.status, created.text).to.equal(201);
      expect((await api.post(`${base()}/connector/${created.body.id}/deactivate`)).status).to.equal(200);
      expect((await api.delete(`${base()}/connector/${created.body.id}`)).status).to.equal(204);
    });
  }

  for (const role of READ_ONLY) {
    it(`lets ${role} read but refuses every write with 403 naming the role needed`, async () => {
      const api = await apiFor(role);
      for (const read of reads()) {
        const [method, path] = read();
        expect((await api.call(method, path)).status).to.equal(200);
      }
      for (const [method, path, body] of writes()) {
        const refused = await api.call(method, path, body);
        const item = expectError(refused, 403, "ROLE_REQUIRED");
        expect(item.description).to.contain("read/write administrator role");
        expect(item.description).to.contain("Full administrator");
        expect(item.description).to.contain(`the token's role ${role} can only read connectors`);
        expect(item.roleNeeded).to.equal("read/write administrator");
      }
    });
  }

  it("refuses view-only everything with 403", async () => {
    const api = await apiFor("view-only");
    for (const read of reads()) {
      const [method, path] = read();
      const item = expectError(await api.call(method, path), 403, "ROLE_REQUIRED");
      expect(item.description).to.contain("view-only has no access to connectors");
    }
    for (const [method, path, body] of writes()) {
      expectError(await api.call(method, path, body), 403, "ROLE_REQUIRED");
    }
    const read = await world.api.get(`${base()}/connector/${connectorId}`);
    expect(read.body).to.include({ version: 0, active: true });
  });

  it("answers 401 without a token and with an unknown one", async () => {
    expectError(
      await world.api.get(`${base()}/v2/connector`, { token: null }),
      401,
      "UNAUTHORIZED",
      "Authorization",
    );
    expectError(await world.api.get(`${base()}/v2/connector`, { token: "made-up" }), 401, "UNAUTHORIZED");
  });
});

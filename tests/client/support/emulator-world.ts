// Orgs, admins and connector bodies in a running emulator, for the client's integration tests. Every
// secret it hands out is remembered, so tests can check that none ever shows up in an error.
import { expect } from "chai";
import type { AdminCredentials, AdminRole, CreateOrgInput, EmulatorControl } from "../../../emulator";
import { createWebexClient } from "../../../provider/webex";
import type {
  ClientOptions,
  ConnectorCreate,
  ConnectorsApi,
  OrgCredentials,
} from "../../../provider/webex/types";

export const knownSecrets = new Set<string>();

let seq = 0;
export function uniqueName(prefix: string): string {
  return `${prefix}-${process.pid}-${++seq}`;
}

export interface TestOrg {
  orgId: string;
  admin: AdminCredentials;
}

export async function newOrg(
  control: EmulatorControl,
  role: AdminRole = "full-admin",
  org: CreateOrgInput = {},
) {
  const { orgId } = await control.createOrg({ orgId: uniqueName("org"), ...org });
  const admin = await control.createAdmin(orgId, { role });
  for (const secret of [admin.accessToken, admin.refreshToken, admin.clientSecret]) knownSecrets.add(secret);
  return { orgId, admin } satisfies TestOrg;
}

export function refreshCredentials(admin: AdminCredentials): OrgCredentials {
  return { clientId: admin.clientId, clientSecret: admin.clientSecret, refreshToken: admin.refreshToken };
}

export const fastRetry = { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 40, maxRetryAfterMs: 100 };

export function connectorsFor(
  url: string,
  orgId: string,
  credentials: OrgCredentials,
  options: ClientOptions = {},
): ConnectorsApi {
  return createWebexClient({ baseUrl: url, identityUrl: url, retry: fastRetry, ...options }).connectors({
    orgId,
    region: "us1",
    credentials,
  });
}

export function customBody(name: string, password = `basic-pass-${name}`): ConnectorCreate {
  knownSecrets.add(password);
  return {
    name,
    type: "CUSTOM",
    description: "CRM lookups",
    settings: { resourceDomainUrl: "https://crm.example.test" },
    credentials: { authType: "BASIC", username: "svc-user", password },
  };
}

export function wxmBody(name: string): ConnectorCreate {
  const apiKey = `wxm-api-key-${name}`;
  knownSecrets.add(apiKey);
  return { name, type: "WXM", settings: {}, credentials: { username: "wxm-user", apiKey } };
}

export function ccaiBody(name: string): ConnectorCreate {
  const googleAuthorization = `google-authorization-${name}`;
  knownSecrets.add(googleAuthorization);
  return {
    name,
    type: "GOOGLE_CCAI",
    settings: {},
    credentials: {
      ccaiProject: "ccai-project",
      ciscoProjectName: "Not applicable",
      serviceAccount: "ccai@ccai-project.iam.gserviceaccount.com",
      googleAuthorization,
    },
  };
}

export function webexCcBody(name: string): ConnectorCreate {
  return {
    name,
    type: "WEBEX_CC",
    settings: {},
    credentials: { scopes: ["cjp_config", "cjp_config_read"], authorize: true },
  };
}

/** Asserts that no secret handed out so far appears anywhere in an error. */
export function expectNoSecrets(error: Error & { details?: unknown }): void {
  const text = `${error.message}\n${error.stack ?? ""}\n${JSON.stringify(error.details ?? {})}`;
  for (const secret of knownSecrets) expect(text, "an error leaked a secret").to.not.contain(secret);
  expect(text).to.not.match(/-----BEGIN [A-Z ]*PRIVATE KEY-----/);
}

export async function lastSeq(control: EmulatorControl): Promise<number> {
  const all = await control.requests();
  return all.length === 0 ? 0 : all[all.length - 1]!.seq;
}

import { generateKeyPairSync } from "node:crypto";
import { expect } from "chai";
import { type EmulatorOptions, type RunningEmulator, startEmulator } from "../../emulator";

export interface RsaPems {
  privateKeyPem: string;
  publicKeyPem: string;
  pkcs1PrivateKeyPem: string;
}

const keys = new Map<string, RsaPems>();

/** An RSA key pair generated at test time, cached per process under a name. */
export function rsaKey(name = "default"): RsaPems {
  let pems = keys.get(name);
  if (!pems) {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    pems = {
      privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
      pkcs1PrivateKeyPem: privateKey.export({ type: "pkcs1", format: "pem" }).toString(),
      publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    };
    keys.set(name, pems);
  }
  return pems;
}

export function googleServiceAccountKey(): string {
  return JSON.stringify({
    type: "service_account",
    project_id: "acme-tts",
    private_key_id: "k1",
    private_key: rsaKey("google").privateKeyPem,
    client_email: "tts@acme-tts.iam.gserviceaccount.com",
    client_id: "1234567890",
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests inspect response bodies of many shapes dynamically
type Loose = any;

export interface ApiResponse<T = Loose> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

/**
 * Calls the emulator over real HTTP and keeps every response body, so a suite can assert at the end that
 * no secret it sent ever came back.
 */
export class Api {
  readonly seen: string[] = [];
  constructor(
    readonly baseUrl: string,
    public token?: string,
  ) {}

  async call<T = Loose>(
    method: string,
    path: string,
    body?: unknown,
    options: { token?: string | null; headers?: Record<string, string> } = {},
  ): Promise<ApiResponse<T>> {
    const token = options.token === undefined ? this.token : options.token;
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (token) headers.authorization = `Bearer ${token}`;
    let payload: string | undefined;
    if (typeof body === "string") payload = body;
    else if (body !== undefined) {
      payload = JSON.stringify(body);
      headers["content-type"] = "application/json";
    }
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body: payload });
    const text = await response.text();
    this.seen.push(text);
    return {
      status: response.status,
      headers: response.headers,
      body: (text === "" ? undefined : JSON.parse(text)) as T,
      text,
    };
  }

  get = <T = Loose>(path: string, options?: { token?: string | null }) =>
    this.call<T>("GET", path, undefined, options);
  post = <T = Loose>(path: string, body?: unknown, options?: { token?: string | null }) =>
    this.call<T>("POST", path, body, options);
  put = <T = Loose>(path: string, body?: unknown, options?: { token?: string | null }) =>
    this.call<T>("PUT", path, body, options);
  delete = <T = Loose>(path: string, options?: { token?: string | null }) =>
    this.call<T>("DELETE", path, undefined, options);

  /** Fails if any response body so far contains one of the secrets (or its JSON-escaped form). */
  expectNoSecrets(secrets: string[]): void {
    for (const secret of secrets) {
      const forms = [secret, JSON.stringify(secret).slice(1, -1)];
      for (const text of this.seen) {
        for (const form of forms) {
          expect(text.includes(form), `a response contained a secret (${secret.slice(0, 12)}…)`).to.equal(
            false,
          );
        }
      }
    }
  }
}

/** Asserts the product's error shape, status and reason, and returns the first message item. */
export function expectError(
  response: ApiResponse,
  status: number,
  reason: string,
  field?: string,
): { description: string; field?: string; [key: string]: unknown } {
  expect(response.status, response.text).to.equal(status);
  expect(response.headers.get("trackingid")).to.match(/^emulator_/);
  expect(response.body.trackingId).to.equal(response.headers.get("trackingid"));
  expect(response.body.error.key).to.equal(String(status));
  expect(response.body.error.reason).to.equal(reason);
  const item = response.body.error.message[0];
  expect(item.description).to.be.a("string").and.not.equal("");
  if (field !== undefined) expect(item.field).to.equal(field);
  return item;
}

export class FakeClock {
  constructor(public time = Date.UTC(2026, 0, 1)) {}
  now = () => this.time;
  advance(ms: number): void {
    this.time += ms;
  }
}

export interface World {
  emulator: RunningEmulator;
  api: Api;
  orgId: string;
  admin: { accessToken: string; refreshToken: string; clientId: string; clientSecret: string };
}

/** An emulator with one FLEX3 org on the current platform and a full administrator. */
export async function startWorld(options: EmulatorOptions = {}, orgId = "org-acme"): Promise<World> {
  const emulator = await startEmulator(options);
  await emulator.control.createOrg({ orgId });
  const admin = await emulator.control.createAdmin(orgId, { role: "full-admin" });
  return { emulator, api: new Api(emulator.url, admin.accessToken), orgId, admin };
}

export const SF_APP = { consumerKey: "3MVG9.acme.consumer", username: "integration@acme.example" };

export function salesforceCredentials(overrides: Record<string, unknown> = {}) {
  return {
    clientId: SF_APP.consumerKey,
    userEmail: SF_APP.username,
    authorizationServerUrl: "https://login.salesforce.com",
    privateKey: rsaKey("salesforce").privateKeyPem,
    ...overrides,
  };
}

export async function registerSalesforceApp(world: World): Promise<void> {
  await world.emulator.control.registerConnectedApp({
    ...SF_APP,
    publicKey: rsaKey("salesforce").publicKeyPem,
  });
}

/** One valid create body per kind. */
export function validBodies(): Record<string, Record<string, unknown>> {
  return {
    SALESFORCE: {
      name: "Salesforce-Prod",
      type: "SALESFORCE",
      settings: {},
      credentials: salesforceCredentials(),
    },
    GOOGLE: {
      name: "Offers TTS",
      type: "GOOGLE",
      settings: {},
      credentials: { authKey: googleServiceAccountKey() },
    },
    GOOGLE_CCAI: {
      name: "Agent Answers",
      type: "GOOGLE_CCAI",
      settings: {},
      credentials: {
        ccaiProject: "acme-ccai",
        ciscoProjectName: "Not applicable",
        serviceAccount: "ccai@cisco-onboarding.iam.gserviceaccount.com",
        googleAuthorization: "google-authz-code-1",
      },
    },
    WXM: {
      name: "Survey feedback",
      type: "WXM",
      settings: {},
      credentials: { username: "wxm-user", apiKey: "wxm-api-key-secret" },
    },
    CUSTOM: {
      name: "CRM lookup",
      type: "CUSTOM",
      settings: { resourceDomainUrl: "https://crm.acme.example" },
      credentials: { authType: "BASIC", username: "svc-flows", password: "basic-password-secret" },
    },
    WEBEX_CC: {
      name: "WxCC config",
      type: "WEBEX_CC",
      settings: {},
      credentials: { scopes: ["cjp_config", "cjp_config_read"], authorize: true },
    },
  };
}

export const BODY_SECRETS = ["wxm-api-key-secret", "basic-password-secret", "google-authz-code-1"];

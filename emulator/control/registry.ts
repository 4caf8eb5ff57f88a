// Creating the emulated world: orgs, administrators, service apps, and the remote parties connectors are
// validated against. Shared by the control API and the seed, so both accept the same inputs.
import { createPublicKey, randomBytes, X509Certificate } from "node:crypto";
import { badRequest, EmulatorHttpError, notFound } from "../core/errors";
import { isRole, ROLES, type Role } from "../core/roles";
import type { EmulatorRuntime } from "../core/runtime";
import { hashSecret, randomSecret } from "../core/secrets";
import type { Grant, Platform } from "../core/state";
import { DEFAULT_AUDIENCES } from "../identity/jwt-bearer";
import {
  APPLICATIONS_TOKEN_SCOPE,
  addAccessToken,
  addRefreshToken,
  CONNECTOR_SCOPES,
  issueAccessToken,
  requireString,
} from "../identity/webex-tokens";
import type { ConnectedApp } from "../types";

type Input = Record<string, unknown>;

function str(input: Input, key: string, hint: string): string {
  return requireString(input[key], key, hint);
}

function optStr(input: Input, key: string, hint: string): string | undefined {
  return input[key] === undefined ? undefined : str(input, key, hint);
}

function absoluteUrl(input: Input, key: string, hint: string): string {
  const value = str(input, key, hint);
  try {
    new URL(value);
  } catch {
    throw badRequest(key, `${key} must be an absolute URL (${hint}).`);
  }
  return value;
}

function role(input: Input): Role {
  if (input.role === undefined || input.role === null || input.role === "") {
    throw badRequest("role", `role is required: one of ${ROLES.join(", ")}.`);
  }
  if (!isRole(input.role)) {
    throw badRequest(
      "role",
      `role ${JSON.stringify(input.role)} is not a role the emulator knows: use one of ${ROLES.join(", ")}.`,
    );
  }
  return input.role;
}

function newClientId(): string {
  return `C${randomBytes(16).toString("hex")}`;
}

export interface OrgInput {
  orgId?: unknown;
  platform?: unknown;
  licenses?: unknown;
}

export function createOrg(rt: EmulatorRuntime, input: OrgInput): { orgId: string } {
  const orgId = input.orgId === undefined ? rt.newId() : input.orgId;
  if (typeof orgId !== "string" || !/^[A-Za-z0-9._~-]+$/.test(orgId)) {
    throw badRequest("orgId", "orgId must be a non-empty string of letters, digits, '.', '_', '~' or '-'.");
  }
  const platform = input.platform ?? "2.0";
  if (platform !== "1.0" && platform !== "2.0")
    throw badRequest("platform", 'platform must be "1.0" or "2.0".');
  const licenses = input.licenses ?? ["FLEX3"];
  if (!Array.isArray(licenses) || !licenses.every((l) => typeof l === "string")) {
    throw badRequest("licenses", 'licenses must be an array of licence names, e.g. ["FLEX3"].');
  }
  if (rt.state.orgs[orgId]) {
    throw new EmulatorHttpError(409, "DUPLICATE_ORG", `Org ${orgId} already exists.`, "orgId");
  }
  rt.state.orgs[orgId] = {
    orgId,
    platform: platform as Platform,
    licenses: [...licenses],
    createdTime: rt.now(),
  };
  rt.changed();
  return { orgId };
}

function requireOrg(rt: EmulatorRuntime, orgId: string): void {
  if (!rt.state.orgs[orgId])
    throw notFound(`No org with the id ${orgId}; create it with POST /_emulator/orgs.`);
}

function addClient(rt: EmulatorRuntime, clientId: string, clientSecret: string): void {
  if (rt.state.webexClients[clientId]) {
    throw new EmulatorHttpError(
      409,
      "DUPLICATE_CLIENT",
      `The client ID ${clientId} is already in use.`,
      "clientId",
    );
  }
  rt.state.webexClients[clientId] = { clientId, clientSecretHash: hashSecret(clientSecret) };
}

function unusedToken(rt: EmulatorRuntime, token: string, field: string): void {
  if (rt.state.accessTokens[hashSecret(token)] || rt.state.refreshTokens[hashSecret(token)]) {
    throw new EmulatorHttpError(
      409,
      "DUPLICATE_TOKEN",
      `That ${field} is already in use; choose another.`,
      field,
    );
  }
}

export interface AdminCredentials {
  accessToken: string;
  refreshToken: string;
  clientId: string;
  clientSecret: string;
}

/**
 * An administrator of the org with its own OAuth integration. Fixed tokens (from a seed) never expire;
 * generated access tokens expire after tokenTtlSeconds.
 */
export function createAdmin(rt: EmulatorRuntime, orgId: string, input: Input): AdminCredentials {
  requireOrg(rt, orgId);
  const adminRole = role(input);
  const fixedAccessToken = optStr(input, "accessToken", "a fixed access token");
  const refreshToken = optStr(input, "refreshToken", "a fixed refresh token") ?? randomSecret("wxcc_rt");
  const clientId = optStr(input, "clientId", "a fixed client ID") ?? newClientId();
  const clientSecret = optStr(input, "clientSecret", "a fixed client secret") ?? randomSecret("wxcc_cs");
  if (fixedAccessToken) unusedToken(rt, fixedAccessToken, "accessToken");
  unusedToken(rt, refreshToken, "refreshToken");
  addClient(rt, clientId, clientSecret);
  const grant: Grant = { clientId, orgIds: [orgId], role: adminRole, scopes: [...CONNECTOR_SCOPES] };
  let accessToken: string;
  if (fixedAccessToken) {
    accessToken = fixedAccessToken;
    addAccessToken(rt, accessToken, grant, null);
  } else {
    accessToken = issueAccessToken(rt, grant);
  }
  addRefreshToken(rt, refreshToken, grant);
  rt.state.admins.push({ id: rt.newId(), orgId, role: adminRole, clientId });
  rt.changed();
  return { accessToken, refreshToken, clientId, clientSecret };
}

export interface ServiceAppCredentials {
  applicationId: string;
  clientId: string;
  clientSecret: string;
  /** A token with spark:applications_token for POST /v1/applications/{applicationId}/token. */
  integrationToken: string;
}

/** A service app authorized in the given orgs, plus a token-manager integration token that can fetch its tokens. */
export function createServiceApp(rt: EmulatorRuntime, input: Input): ServiceAppCredentials {
  const orgIds = input.orgIds;
  if (!Array.isArray(orgIds) || orgIds.length === 0 || !orgIds.every((o) => typeof o === "string")) {
    throw badRequest("orgIds", "orgIds is required: the orgs whose full administrator authorized the app.");
  }
  for (const orgId of orgIds) requireOrg(rt, orgId);
  const appRole = role(input);
  const applicationId = optStr(input, "applicationId", "a fixed application ID") ?? rt.newId();
  if (rt.state.serviceApps[applicationId]) {
    throw new EmulatorHttpError(
      409,
      "DUPLICATE_APPLICATION",
      `Service app ${applicationId} already exists.`,
      "applicationId",
    );
  }
  const clientId = optStr(input, "clientId", "a fixed client ID") ?? newClientId();
  const clientSecret = optStr(input, "clientSecret", "a fixed client secret") ?? randomSecret("wxcc_cs");
  const integrationToken =
    optStr(input, "integrationToken", "a fixed integration token") ?? randomSecret("wxcc_it");
  unusedToken(rt, integrationToken, "integrationToken");
  addClient(rt, clientId, clientSecret);
  rt.state.serviceApps[applicationId] = { applicationId, clientId, orgIds: [...orgIds], role: appRole };
  addAccessToken(
    rt,
    integrationToken,
    {
      clientId: `integration-${applicationId}`,
      orgIds: [],
      scopes: [APPLICATIONS_TOKEN_SCOPE],
      applicationId,
    },
    null,
  );
  rt.changed();
  return { applicationId, clientId, clientSecret, integrationToken };
}

function publicKeyPemOf(input: Input): string {
  const certificate = optStr(input, "certificate", "the connected app's X.509 certificate (PEM)");
  const publicKey = optStr(input, "publicKey", "the connected app's public key (PEM)");
  if ((certificate === undefined) === (publicKey === undefined)) {
    throw badRequest("certificate", "give exactly one of certificate (X.509 PEM) or publicKey (PEM).");
  }
  try {
    const key = certificate
      ? new X509Certificate(certificate).publicKey
      : createPublicKey(publicKey as string);
    if (key.asymmetricKeyType !== "rsa") throw new Error("not RSA");
    return key.export({ type: "spki", format: "pem" }).toString();
  } catch {
    const field = certificate ? "certificate" : "publicKey";
    throw badRequest(
      field,
      `${field} must be a PEM-encoded RSA ${certificate ? "X.509 certificate" : "public key"}.`,
    );
  }
}

export function registerConnectedApp(rt: EmulatorRuntime, input: Input): Omit<ConnectedApp, "publicKeyPem"> {
  const consumerKey = str(input, "consumerKey", "the connected app's consumer key");
  const username = str(input, "username", "the Salesforce user approved for the app");
  const audiences = input.audiences ?? DEFAULT_AUDIENCES;
  if (!Array.isArray(audiences) || audiences.length === 0 || !audiences.every((a) => typeof a === "string")) {
    throw badRequest(
      "audiences",
      "audiences must be a non-empty array of URLs accepted as the JWT audience.",
    );
  }
  const app: ConnectedApp = {
    consumerKey,
    username,
    publicKeyPem: publicKeyPemOf(input),
    audiences: [...audiences],
  };
  rt.state.connectedApps = rt.state.connectedApps.filter(
    (a) => !(a.consumerKey === consumerKey && a.username.toLowerCase() === username.toLowerCase()),
  );
  rt.state.connectedApps.push(app);
  rt.changed();
  return { consumerKey, username, audiences: app.audiences };
}

export function registerOAuthClient(rt: EmulatorRuntime, input: Input) {
  const tokenUrl = absoluteUrl(input, "tokenUrl", "the authorization server's token URL");
  const clientId = str(input, "clientId", "the client registered with the authorization server");
  const clientSecret = str(input, "clientSecret", "the client's secret");
  const username = optStr(input, "username", "the resource owner for the password grant");
  const password = optStr(input, "password", "the resource owner's password");
  if ((username === undefined) !== (password === undefined)) {
    throw badRequest(
      username === undefined ? "username" : "password",
      "give username and password together.",
    );
  }
  rt.state.oauthClients = rt.state.oauthClients.filter(
    (c) => !(c.tokenUrl === tokenUrl && c.clientId === clientId),
  );
  rt.state.oauthClients.push({
    tokenUrl,
    clientId,
    clientSecretHash: hashSecret(clientSecret),
    ...(username === undefined ? {} : { username, passwordHash: hashSecret(password as string) }),
  });
  rt.changed();
  return { tokenUrl, clientId, ...(username === undefined ? {} : { username }) };
}

export function registerBasicAuth(rt: EmulatorRuntime, input: Input) {
  const validationUrl = absoluteUrl(
    input,
    "validationUrl",
    "the URL that validates the username and password",
  );
  const username = str(input, "username", "the accepted username");
  const password = str(input, "password", "the accepted password");
  rt.state.basicAuth = rt.state.basicAuth.filter(
    (v) => !(v.validationUrl === validationUrl && v.username === username),
  );
  rt.state.basicAuth.push({ validationUrl, username, passwordHash: hashSecret(password) });
  rt.changed();
  return { validationUrl, username };
}

export function createCcaiConfig(rt: EmulatorRuntime, orgId: string, input: Input) {
  requireOrg(rt, orgId);
  const name = str(input, "name", "the CCAI config's name");
  const connectorId = str(input, "connectorId", "the id of the Google CCAI connector it uses");
  const connector = rt.state.connectors.find((c) => c.organizationId === orgId && c.id === connectorId);
  if (!connector) throw badRequest("connectorId", `No connector with the id ${connectorId} in org ${orgId}.`);
  if (connector.type !== "GOOGLE_CCAI") {
    throw badRequest(
      "connectorId",
      `A CCAI config refers to a GOOGLE_CCAI connector; ${connectorId} is ${connector.type}.`,
    );
  }
  const config = { id: optStr(input, "id", "a fixed config id") ?? rt.newId(), orgId, name, connectorId };
  rt.state.ccaiConfigs.push(config);
  rt.changed();
  return config;
}

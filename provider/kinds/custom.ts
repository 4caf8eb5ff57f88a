// Custom: an authenticated endpoint for the HTTP Request activity. The resource domain URL may change while
// the connector is active; the authentication (Basic, or OAuth 2.0 with the client-credentials or password
// grant) is the Credentials section.
import { z } from "zod";
import type { Connector } from "../webex/types";
import { httpsUrl, text } from "./fields";
import { defineKind } from "./spec";

const tokenUrl = () =>
  httpsUrl("auth.tokenUrl", "the authorization server's token URL").describe(
    "The authorization server's token URL; an https:// URL.",
  );
const clientId = () =>
  text("auth.clientId", "the client ID registered with the authorization server").describe(
    "The client ID registered with the authorization server.",
  );
const clientSecret = () => text("auth.clientSecret", "the client's secret").describe("The client's secret.");
const scope = () =>
  text("auth.scope", "space-separated OAuth scopes; leave it out when none are needed")
    .describe("Space-separated OAuth scopes; leave it out when none are needed.")
    .optional();

const basicAuth = z.strictObject({
  type: z.literal("basic").describe('"basic": HTTP Basic authentication with a service account.'),
  username: text("auth.username", "the service account's username").describe(
    "The service account's username.",
  ),
  password: text("auth.password", "the service account's password").describe(
    "The service account's password.",
  ),
  validationUrl: httpsUrl(
    "auth.validationUrl",
    "a URL Webex calls with the username and password to validate them; leave it out to skip validation",
  )
    .describe(
      "An https:// URL Webex calls with the username and password to validate them on save; leave it out to skip validation.",
    )
    .optional(),
});

const clientCredentialsAuth = z.strictObject({
  type: z.literal("oauth2").describe('"oauth2": OAuth 2.0, Webex fetches the tokens.'),
  grantType: z.literal("client-credentials").describe('"client-credentials": the client credentials grant.'),
  clientId: clientId(),
  clientSecret: clientSecret(),
  tokenUrl: tokenUrl(),
  scope: scope(),
});

const passwordGrantAuth = z.strictObject({
  type: z.literal("oauth2").describe('"oauth2": OAuth 2.0, Webex fetches the tokens.'),
  grantType: z.literal("password").describe('"password": the resource owner password grant.'),
  clientId: clientId(),
  clientSecret: clientSecret(),
  tokenUrl: tokenUrl(),
  username: text("auth.username", "the resource owner's username").describe("The resource owner's username."),
  password: text("auth.password", "the resource owner's password").describe("The resource owner's password."),
  scope: scope(),
});

const oauth2Auth = z.discriminatedUnion("grantType", [clientCredentialsAuth, passwordGrantAuth], {
  error: 'auth.grantType must be "client-credentials" or "password" for OAuth 2.0 authentication.',
});

const auth = z.discriminatedUnion("type", [basicAuth, oauth2Auth], {
  error: (issue) =>
    issue.input === undefined
      ? 'auth is required: give {type: "basic", username, password} or {type: "oauth2", grantType, clientId, clientSecret, tokenUrl}.'
      : 'auth.type must be "basic" or "oauth2": choose how Webex authenticates to the endpoint.',
});

export type CustomAuth = z.output<typeof auth>;

function expandAuth(value: CustomAuth): Record<string, unknown> {
  if (value.type === "basic") {
    return {
      authType: "BASIC",
      username: value.username,
      password: value.password,
      ...(value.validationUrl !== undefined ? { validationUrl: value.validationUrl } : {}),
    };
  }
  const common = {
    authType: "OAUTH2",
    grantType: value.grantType === "password" ? "PASSWORD" : "CLIENT_CREDENTIALS",
    clientId: value.clientId,
    clientSecret: value.clientSecret,
    tokenUrl: value.tokenUrl,
    ...(value.scope !== undefined ? { scope: value.scope } : {}),
  };
  return value.grantType === "password"
    ? { ...common, username: value.username, password: value.password }
    : common;
}

function flattenAuth(credentials: Connector["credentials"]): Record<string, unknown> {
  if (credentials.authType === "BASIC") {
    return { type: "basic", username: credentials.username, validationUrl: credentials.validationUrl };
  }
  return {
    type: "oauth2",
    grantType: credentials.grantType === "PASSWORD" ? "password" : "client-credentials",
    clientId: credentials.clientId,
    tokenUrl: credentials.tokenUrl,
    username: credentials.username,
    scope: credentials.scope,
  };
}

export const custom = defineKind({
  typeName: "CustomConnector",
  apiType: "CUSTOM",
  label: "Custom",
  fields: {
    resourceDomainUrl: httpsUrl(
      "resourceDomainUrl",
      "the domain the flows' HTTP Request activities call, e.g. https://api.example.com",
    ).describe(
      "The domain the flows' HTTP Request activities call, e.g. https://api.example.com; an https:// URL.",
    ),
    auth: auth.describe(
      'How Webex authenticates to the endpoint: {type: "basic", username, password, validationUrl?} or {type: "oauth2", grantType: "client-credentials" | "password", clientId, clientSecret, tokenUrl, scope?} (plus username and password for the password grant).',
    ),
  },
  roles: { resourceDomainUrl: "setting", auth: "credential" },
  secretPaths: ["auth.password", "auth.clientSecret"],
  perOrgLimit: 10,
  expand: (inputs) => ({
    settings: { resourceDomainUrl: inputs.resourceDomainUrl },
    credentials: expandAuth(inputs.auth),
  }),
  flatten: (connector) => ({
    resourceDomainUrl: connector.settings.resourceDomainUrl,
    auth: flattenAuth(connector.credentials),
  }),
});

// "On save, Webex validates connectivity": the kinds whose credentials the remote side must accept
// before they are stored. Everything happens in-process against the emulator's registries.
import { createPrivateKey } from "node:crypto";
import { SignJWT } from "jose";
import { EmulatorHttpError } from "../core/errors";
import type { EmulatorRuntime } from "../core/runtime";
import type { ConnectorType } from "../core/state";
import { callValidationUrl, requestOAuthToken } from "../identity/third-party-auth";
import type { KindFields } from "./kinds";

const ASSERTION_LIFETIME_SECONDS = 180;

const SALESFORCE_FIELD_AND_FIX: Record<string, [string, string]> = {
  "client identifier invalid": [
    "credentials.clientId",
    "check that clientId is the connected app's consumer key",
  ],
  "user hasn't approved this consumer": [
    "credentials.userEmail",
    "give the user's profile or a permission set access to the connected app and pre-authorize it",
  ],
  "audience is invalid": [
    "credentials.authorizationServerUrl",
    "use https://login.salesforce.com for production or https://test.salesforce.com for a sandbox",
  ],
  "invalid assertion": [
    "credentials.privateKey",
    "use the private key that pairs with the certificate uploaded to the connected app",
  ],
};

async function validateSalesforce(rt: EmulatorRuntime, fields: KindFields): Promise<void> {
  const { clientId, userEmail, authorizationServerUrl } = fields.credentials as Record<string, string>;
  const assertion = await new SignJWT({})
    .setProtectedHeader({ alg: "RS256" })
    .setIssuer(clientId)
    .setSubject(userEmail)
    .setAudience(authorizationServerUrl)
    .setExpirationTime(Math.floor(rt.now() / 1000) + ASSERTION_LIFETIME_SECONDS)
    .sign(createPrivateKey(fields.secrets.privateKey));
  const result = await rt.context.verifyJwtBearerAssertion(assertion);
  if (result.ok) return;
  const [field, fix] = SALESFORCE_FIELD_AND_FIX[result.error_description] ?? [
    undefined,
    "check the connected app and the connector's credentials",
  ];
  throw new EmulatorHttpError(
    400,
    "SALESFORCE_VALIDATION_FAILED",
    `Salesforce refused the connector's credentials: ${result.error}: ${result.error_description}. Fix: ${fix}.`,
    field,
    { error: result.error, error_description: result.error_description },
  );
}

function validateOAuth(rt: EmulatorRuntime, fields: KindFields): void {
  const c = fields.credentials as Record<string, string>;
  const outcome = requestOAuthToken(rt.state.oauthClients, {
    tokenUrl: c.tokenUrl,
    grantType: c.grantType as "CLIENT_CREDENTIALS" | "PASSWORD",
    clientId: c.clientId,
    clientSecret: fields.secrets.clientSecret,
    username: c.username,
    password: fields.secrets.password,
  });
  if (outcome.ok) return;
  throw new EmulatorHttpError(
    400,
    "OAUTH_VALIDATION_FAILED",
    `The authorization server at ${c.tokenUrl} refused the token request (${c.grantType}): HTTP ${outcome.status}, ${outcome.error}: ${outcome.errorDescription}. Check ${outcome.field}.`,
    outcome.field,
    { error: outcome.error },
  );
}

function validateBasic(rt: EmulatorRuntime, fields: KindFields): void {
  const { validationUrl, username } = fields.credentials as Record<string, string | undefined>;
  if (!validationUrl || !username) return;
  const outcome = callValidationUrl(rt.state.basicAuth, validationUrl, username, fields.secrets.password);
  if (outcome.ok) return;
  const meaning = outcome.status === 404 ? "Not Found: nothing answers at this URL" : "Unauthorized";
  throw new EmulatorHttpError(
    400,
    "BASIC_VALIDATION_FAILED",
    `The validation URL ${validationUrl} answered HTTP ${outcome.status} (${meaning}) to the username and password. Check ${outcome.field}.`,
    outcome.field,
    { status: outcome.status },
  );
}

/** Throws the kind's *_VALIDATION_FAILED error when the remote side refuses the credentials. */
export async function validateOnSave(
  rt: EmulatorRuntime,
  type: ConnectorType,
  fields: KindFields,
): Promise<void> {
  if (type === "SALESFORCE") return validateSalesforce(rt, fields);
  if (type === "CUSTOM" && fields.credentials.authType === "OAUTH2") return validateOAuth(rt, fields);
  if (type === "CUSTOM" && fields.credentials.authType === "BASIC") return validateBasic(rt, fields);
}

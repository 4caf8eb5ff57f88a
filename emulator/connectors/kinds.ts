// The six connector kinds: their fields, secrets, limits and platform support (docs/connectors-api.md).
import { badRequest, EmulatorHttpError } from "../core/errors";
import type { ConnectorType, Platform } from "../core/state";
import {
  email,
  type Fields,
  googleServiceAccountKey,
  httpsUrl,
  onlyFields,
  optionalString,
  requiredString,
  rsaPrivateKeyPem,
} from "./fields";

export const CONNECTOR_TYPES: readonly ConnectorType[] = [
  "SALESFORCE",
  "GOOGLE",
  "GOOGLE_CCAI",
  "WXM",
  "CUSTOM",
  "WEBEX_CC",
];

export const PER_ORG_LIMITS: Partial<Record<ConnectorType, number>> = {
  SALESFORCE: 5,
  GOOGLE: 5,
  WXM: 1,
  CUSTOM: 10,
};

export const PLATFORM_TYPES: Record<Platform, readonly ConnectorType[]> = {
  "1.0": ["SALESFORCE", "CUSTOM"],
  "2.0": CONNECTOR_TYPES,
};

export const LICENSE_REQUIRED: Partial<Record<ConnectorType, string>> = { WEBEX_CC: "FLEX3" };

export const CONSENT_TEXT =
  "I authorize this connector to read, write, modify and delete data in the Contact Center solution";

export const READ_ONLY_SCOPES = ["cjp_config", "cjp_config_read"];
export const READ_WRITE_SCOPES = ["cjp_config", "cjp_config_read", "cjp_config_write", "cjp_user"];

/** A kind's fields, split into what is stored and returned and the write-only secrets. */
export interface KindFields {
  settings: Fields;
  credentials: Fields;
  secrets: Record<string, string>;
}

/** "create" accepts every credential; "update" is a PUT that carries credentials. */
export type SaveMode = "create" | "update";

export function isConnectorType(value: unknown): value is ConnectorType {
  return typeof value === "string" && (CONNECTOR_TYPES as readonly string[]).includes(value);
}

function what(type: ConnectorType): string {
  return `a ${type} connector`;
}

function salesforce(credentials: Fields): KindFields {
  const c = "credentials";
  onlyFields(
    credentials,
    ["clientId", "userEmail", "authorizationServerUrl", "privateKey"],
    c,
    what("SALESFORCE"),
  );
  return {
    settings: {},
    credentials: {
      clientId: requiredString(credentials, "clientId", c, "the connected app's consumer key"),
      userEmail: email(credentials, "userEmail", c, "the connected app user's username"),
      authorizationServerUrl: httpsUrl(
        credentials,
        "authorizationServerUrl",
        c,
        "the JWT audience, e.g. https://login.salesforce.com or https://test.salesforce.com",
      ),
    },
    secrets: {
      privateKey: rsaPrivateKeyPem(
        credentials,
        "privateKey",
        c,
        "the key paired with the connected app's certificate",
      ),
    },
  };
}

function google(credentials: Fields): KindFields {
  onlyFields(credentials, ["authKey"], "credentials", what("GOOGLE"));
  return {
    settings: {},
    credentials: {},
    secrets: { authKey: googleServiceAccountKey(credentials, "authKey", "credentials") },
  };
}

function googleCcai(credentials: Fields, mode: SaveMode): KindFields {
  const c = "credentials";
  const allowed = ["ccaiProject", "ciscoProjectName", "serviceAccount", "googleAuthorization"];
  onlyFields(credentials, allowed, c, what("GOOGLE_CCAI"));
  const kept: KindFields = {
    settings: {},
    credentials: {
      ccaiProject: requiredString(
        credentials,
        "ccaiProject",
        c,
        "the Google Cloud project that holds Contact Center AI",
      ),
      ciscoProjectName: requiredString(
        credentials,
        "ciscoProjectName",
        c,
        'the Cisco-provided project name from the onboarding email, or "Not applicable"',
      ),
      serviceAccount: email(
        credentials,
        "serviceAccount",
        c,
        "the Google Cloud service account from the onboarding email",
      ),
    },
    secrets: {},
  };
  if (mode === "update") {
    if (credentials.googleAuthorization !== undefined) {
      throw badRequest(
        "credentials.googleAuthorization",
        "credentials.googleAuthorization is accepted on create only; after editing the credentials, re-authorize with POST …/connector/{id}/reauthorize.",
      );
    }
    return kept;
  }
  kept.secrets.googleAuthorization = requiredString(
    credentials,
    "googleAuthorization",
    c,
    "the authorization obtained by signing in with Google as the identity that created the CCAI project",
  );
  return kept;
}

function wxm(credentials: Fields): KindFields {
  const c = "credentials";
  onlyFields(credentials, ["username", "apiKey"], c, what("WXM"));
  return {
    settings: {},
    credentials: {
      username: requiredString(credentials, "username", c, "the Webex Experience Management username"),
    },
    secrets: {
      apiKey: requiredString(
        credentials,
        "apiKey",
        c,
        "the API key received when registering the WXM account",
      ),
    },
  };
}

function custom(settings: Fields, credentials: Fields | undefined): KindFields {
  onlyFields(settings, ["resourceDomainUrl"], "settings", what("CUSTOM"));
  const kept: KindFields = {
    settings: {
      resourceDomainUrl: httpsUrl(settings, "resourceDomainUrl", "settings", "the domain the flows call"),
    },
    credentials: {},
    secrets: {},
  };
  if (credentials === undefined) return kept;
  const c = "credentials";
  const authType = credentials.authType;
  if (authType !== "BASIC" && authType !== "OAUTH2") {
    throw badRequest("credentials.authType", "credentials.authType is required and must be BASIC or OAUTH2.");
  }
  if (authType === "BASIC") {
    onlyFields(
      credentials,
      ["authType", "username", "password", "validationUrl"],
      c,
      "a CUSTOM connector with BASIC authentication",
    );
    kept.credentials = {
      authType,
      username: requiredString(credentials, "username", c, "the service account's username"),
    };
    if (credentials.validationUrl !== undefined && credentials.validationUrl !== null) {
      kept.credentials.validationUrl = httpsUrl(
        credentials,
        "validationUrl",
        c,
        "the URL that validates the username and password",
      );
    }
    kept.secrets = { password: requiredString(credentials, "password", c, "the service account's password") };
    return kept;
  }
  const grantType = credentials.grantType;
  if (grantType !== "CLIENT_CREDENTIALS" && grantType !== "PASSWORD") {
    throw badRequest(
      "credentials.grantType",
      "credentials.grantType is required for OAUTH2 and must be CLIENT_CREDENTIALS or PASSWORD.",
    );
  }
  const oauthFields = ["authType", "grantType", "clientId", "clientSecret", "tokenUrl", "scope"];
  const allowed = grantType === "PASSWORD" ? [...oauthFields, "username", "password"] : oauthFields;
  onlyFields(credentials, allowed, c, `a CUSTOM connector with the OAUTH2 ${grantType} grant`);
  kept.credentials = {
    authType,
    grantType,
    clientId: requiredString(
      credentials,
      "clientId",
      c,
      "the client ID registered with the authorization server",
    ),
    tokenUrl: httpsUrl(credentials, "tokenUrl", c, "the authorization server's token URL"),
  };
  const scope = optionalString(credentials, "scope", c, "space-separated OAuth scopes");
  if (scope !== undefined) kept.credentials.scope = scope;
  kept.secrets = { clientSecret: requiredString(credentials, "clientSecret", c, "the client's secret") };
  if (grantType === "PASSWORD") {
    kept.credentials.username = requiredString(credentials, "username", c, "the resource owner's username");
    kept.secrets.password = requiredString(credentials, "password", c, "the resource owner's password");
  }
  return kept;
}

function sameScopes(given: string[], expected: string[]): boolean {
  return given.length === expected.length && expected.every((scope) => given.includes(scope));
}

function webexCc(credentials: Fields): KindFields {
  const c = "credentials";
  onlyFields(credentials, ["scopes", "authorize", "access"], c, what("WEBEX_CC"));
  const scopes = credentials.scopes;
  const fix = `use ["${READ_ONLY_SCOPES.join('","')}"] for read-only or ["${READ_WRITE_SCOPES.join('","')}"] for read-write access`;
  if (!Array.isArray(scopes) || !scopes.every((s): s is string => typeof s === "string")) {
    throw badRequest("credentials.scopes", `credentials.scopes must be an array of scope names: ${fix}.`);
  }
  if (new Set(scopes).size !== scopes.length) {
    throw badRequest("credentials.scopes", `credentials.scopes lists a scope twice: ${fix}.`);
  }
  const access = sameScopes(scopes, READ_ONLY_SCOPES)
    ? "READ_ONLY"
    : sameScopes(scopes, READ_WRITE_SCOPES)
      ? "READ_WRITE"
      : undefined;
  if (!access) throw badRequest("credentials.scopes", `credentials.scopes is not a supported set: ${fix}.`);
  if (credentials.access !== undefined && credentials.access !== access) {
    throw badRequest(
      "credentials.access",
      `credentials.access is derived from the scopes (${access} here); omit it or make it match.`,
    );
  }
  if (credentials.authorize !== true) {
    throw new EmulatorHttpError(
      400,
      "CONSENT_REQUIRED",
      `A Webex Contact Center connector needs the administrator's consent: "${CONSENT_TEXT}". Set credentials.authorize to true to give it.`,
      "credentials.authorize",
    );
  }
  return { settings: {}, credentials: { scopes: [...scopes], access }, secrets: {} };
}

/**
 * Validates a kind's settings and credentials. `credentials` undefined means a PUT that keeps the stored
 * credentials: only the settings are checked then.
 */
export function validateKind(
  type: ConnectorType,
  settings: Fields,
  credentials: Fields | undefined,
  mode: SaveMode,
): KindFields {
  if (type === "CUSTOM") return custom(settings, credentials);
  onlyFields(settings, [], "settings", what(type));
  if (credentials === undefined) return { settings: {}, credentials: {}, secrets: {} };
  switch (type) {
    case "SALESFORCE":
      return salesforce(credentials);
    case "GOOGLE":
      return google(credentials);
    case "GOOGLE_CCAI":
      return googleCcai(credentials, mode);
    case "WXM":
      return wxm(credentials);
    case "WEBEX_CC":
      return webexCc(credentials);
  }
}

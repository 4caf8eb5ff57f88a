// How the client names configuration in its errors, so an operator knows exactly what to fix. The keys
// are the provider's stack config (wxcc:*) and the environment variables it falls back to.

export interface ConfigKey {
  config: string;
  env: string;
}

export const CONFIG_KEYS = {
  region: { config: "wxcc:region", env: "WXCC_REGION" },
  baseUrl: { config: "wxcc:baseUrl", env: "WXCC_BASE_URL" },
  identityUrl: { config: "wxcc:identityUrl", env: "WXCC_IDENTITY_URL" },
  accessToken: { config: "wxcc:accessToken", env: "WXCC_ACCESS_TOKEN" },
  clientId: { config: "wxcc:clientId", env: "WXCC_CLIENT_ID" },
  clientSecret: { config: "wxcc:clientSecret", env: "WXCC_CLIENT_SECRET" },
  refreshToken: { config: "wxcc:refreshToken", env: "WXCC_REFRESH_TOKEN" },
  serviceApp: { config: "wxcc:serviceApp", env: "WXCC_SERVICE_APP" },
} as const satisfies Record<string, ConfigKey>;

/** "wxcc:accessToken (or WXCC_ACCESS_TOKEN)" */
export function nameOf(key: ConfigKey): string {
  return `${key.config} (or ${key.env})`;
}

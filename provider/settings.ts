// Every setting the provider reads: its stack config key and the environment variable that overrides it.
// One table, so that every error names exactly the key an operator must set.
export interface SettingKey {
  config: string;
  env: string;
}

export const SETTINGS = {
  orgId: { config: "wxcc:orgId", env: "WXCC_ORG_ID" },
  region: { config: "wxcc:region", env: "WXCC_REGION" },
  baseUrl: { config: "wxcc:baseUrl", env: "WXCC_BASE_URL" },
  identityUrl: { config: "wxcc:identityUrl", env: "WXCC_IDENTITY_URL" },
  accessToken: { config: "wxcc:accessToken", env: "WXCC_ACCESS_TOKEN" },
  clientId: { config: "wxcc:clientId", env: "WXCC_CLIENT_ID" },
  clientSecret: { config: "wxcc:clientSecret", env: "WXCC_CLIENT_SECRET" },
  refreshToken: { config: "wxcc:refreshToken", env: "WXCC_REFRESH_TOKEN" },
  serviceApp: { config: "wxcc:serviceApp", env: "WXCC_SERVICE_APP" },
  orgs: { config: "wxcc:orgs", env: "WXCC_ORGS" },
  maintenanceWindow: { config: "wxcc:maintenanceWindow", env: "WXCC_MAINTENANCE_WINDOW" },
  rateLimitPerMinute: { config: "wxcc:rateLimitPerMinute", env: "WXCC_RATE_LIMIT_PER_MINUTE" },
} as const satisfies Record<string, SettingKey>;

export type SettingName = keyof typeof SETTINGS;

/** "wxcc:accessToken (WXCC_ACCESS_TOKEN)" */
export function settingName(name: SettingName): string {
  return `${SETTINGS[name].config} (${SETTINGS[name].env})`;
}

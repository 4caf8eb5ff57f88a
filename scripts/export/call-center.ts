// The Salesforce call center behind the agent desktop, read with Salesforce credentials and declared as a
// SalesforceCallCenterDefinition with adopt: true: only what differs from Cisco's defaults is written, so
// the program says what the org changed and nothing else.
import { readFileSync } from "node:fs";
import { CISCO_DISPLAY_NAME, CISCO_INTERNAL_NAME } from "../../provider/salesforce/catalog";
import { SalesforceClient } from "../../provider/salesforce/client";
import { liftDocument } from "../../provider/salesforce/definition";
import { regionAdapterUrl, regionOfAdapterUrl } from "../../provider/salesforce/inputs";
import { metadataToDocument } from "../../provider/salesforce/metadata";
import { settingsSchema } from "../../provider/salesforce/settings-schema";
import { deepEqual } from "../../provider/lifecycle/values";
import { REGIONS } from "../../provider/webex/types";

/** The config key the program reads the integration's private key from. */
export const SALESFORCE_KEY_CONFIG = "salesforce-privateKey";
const DEFAULT_LOGIN_URL = "https://login.salesforce.com";

export interface SalesforceExportOptions {
  loginUrl?: string;
  audience?: string;
  clientId?: string;
  username?: string;
  privateKeyFile?: string;
  internalName?: string;
}

/** Each option and the environment variable that stands in for it. */
export const SALESFORCE_OPTIONS = {
  loginUrl: { option: "salesforce-login-url", env: "WXCC_SALESFORCE_LOGIN_URL" },
  audience: { option: "salesforce-audience", env: "WXCC_SALESFORCE_AUDIENCE" },
  clientId: { option: "salesforce-client-id", env: "WXCC_SALESFORCE_CLIENT_ID" },
  username: { option: "salesforce-username", env: "WXCC_SALESFORCE_USERNAME" },
  privateKeyFile: { option: "salesforce-private-key-file", env: "WXCC_SALESFORCE_PRIVATE_KEY_FILE" },
  internalName: { option: "salesforce-internal-name", env: "WXCC_SALESFORCE_INTERNAL_NAME" },
} as const;

export interface InventoryCallCenter {
  callCenterId: string;
  /** The resource's arguments without the private key (read from SALESFORCE_KEY_CONFIG). */
  args: Record<string, unknown>;
}

/** Options win over the environment; undefined when no Salesforce credentials were given at all. */
export function salesforceOptions(
  given: Partial<Record<keyof SalesforceExportOptions, string>>,
  env: NodeJS.ProcessEnv,
): SalesforceExportOptions | undefined {
  const options: SalesforceExportOptions = {};
  for (const [key, { env: name }] of Object.entries(SALESFORCE_OPTIONS)) {
    const value = given[key as keyof SalesforceExportOptions] ?? env[name];
    if (value !== undefined && value !== "") options[key as keyof SalesforceExportOptions] = value;
  }
  if (!options.clientId && !options.username && !options.privateKeyFile) return undefined;
  const missing = (["clientId", "username", "privateKeyFile"] as const).filter((key) => !options[key]);
  if (missing.length > 0) {
    throw new Error(
      `Salesforce credentials are incomplete: ${missing.map((key) => `--${SALESFORCE_OPTIONS[key].option} (${SALESFORCE_OPTIONS[key].env})`).join(", ")} ${missing.length === 1 ? "is" : "are"} missing.`,
    );
  }
  return options;
}

function differing(
  live: Record<string, unknown>,
  defaults: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [group, values] of Object.entries(live)) {
    const changed = Object.entries((values ?? {}) as Record<string, unknown>).filter(
      ([field, value]) =>
        !deepEqual(value, (defaults[group] as Record<string, unknown> | undefined)?.[field]),
    );
    if (changed.length > 0) out[group] = Object.fromEntries(changed);
  }
  return out;
}

/** Reads the call center by internal name; undefined when the org has none by that name. */
export async function readCallCenter(
  options: SalesforceExportOptions,
): Promise<InventoryCallCenter | undefined> {
  const loginUrl = options.loginUrl ?? DEFAULT_LOGIN_URL;
  const client = new SalesforceClient({
    loginUrl,
    audience: options.audience ?? loginUrl,
    clientId: options.clientId!,
    username: options.username!,
    privateKey: readFileSync(options.privateKeyFile!, "utf8"),
  });
  const internalName = options.internalName ?? CISCO_INTERNAL_NAME;
  const found = await client.findCallCenter(internalName);
  const metadata = found ? await client.readCallCenter(internalName) : undefined;
  if (!found || !metadata) return undefined;
  const lifted = liftDocument(metadataToDocument(metadata));
  const users = (await client.usersOfCallCenter(found.Id)).map((u) => u.Username).sort();
  const args: Record<string, unknown> = {
    adopt: true,
    salesforce: {
      loginUrl,
      ...(options.audience && options.audience !== loginUrl ? { audience: options.audience } : {}),
      clientId: options.clientId,
      username: options.username,
    },
  };
  const named = lifted.adapterUrl ? regionOfAdapterUrl(lifted.adapterUrl) : undefined;
  const region = (REGIONS as readonly string[]).find((r) => r === named);
  if (region && lifted.adapterUrl === regionAdapterUrl(region as (typeof REGIONS)[number]))
    args.region = region;
  else if (lifted.adapterUrl) args.adapterUrl = lifted.adapterUrl;
  args.internalName = internalName;
  if (lifted.displayName && lifted.displayName !== CISCO_DISPLAY_NAME) args.displayName = lifted.displayName;
  const settings = differing(lifted.settings as Record<string, unknown>, settingsSchema.parse({}));
  if (Object.keys(settings).length > 0) args.settings = settings;
  if (lifted.extraSections.length > 0) args.extraSections = lifted.extraSections;
  if (users.length > 0) args.assignedUsers = users;
  return { callCenterId: found.Id, args };
}

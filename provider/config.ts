// The provider's configuration: the stack's wxcc:* keys (handed over once by the plugin's configure()) and
// the WXCC_* environment variables, read at call time so refresh and destroy use today's credentials, never
// ones from state. The environment wins, key by key.
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import {
  type MaintenanceWindow,
  MaintenanceWindowFormatError,
  parseMaintenanceWindow,
} from "./maintenance-window";
import { SETTINGS, type SettingName, settingName } from "./settings";
import { ConfigurationError } from "./webex/errors";
import { checkedBaseUrl } from "./webex/urls";
import { type OrgCredentials, type OrgTarget, REGIONS, type Region } from "./webex/types";

export { SETTINGS, type SettingKey, type SettingName, settingName } from "./settings";

export const DEFAULT_REGION: Region = "us1";

export interface OrgEntry {
  region?: Region;
  credentials?: OrgCredentials;
}

export interface ProviderSettings {
  orgId?: string;
  region: Region;
  baseUrl?: string;
  identityUrl?: string;
  maintenanceWindow?: MaintenanceWindow;
  /** Requests a minute per OAuth client the provider paces itself to (the client's default: 300). */
  rateLimitPerMinute?: number;
  /** wxcc:orgs, keyed by org id. */
  orgs: Record<string, OrgEntry>;
  /** The credentials for any org without its own entry, and where they came from. */
  defaultCredentials?: OrgCredentials;
}

type Source = Record<string, string | undefined>;

let stackConfig: Source = {};

/** Called by the plugin once per provider text, before any other method. */
export async function configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
  const values: Source = {};
  for (const key of Object.values(SETTINGS)) values[key.config] = req.config.get(key.config);
  stackConfig = values;
}

/** For tests: replaces the stack configuration configure() stored. */
export function setStackConfig(values: Source): void {
  stackConfig = { ...values };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== "" ? value : undefined;
}

/** Reads every setting, the environment winning key by key. Throws a ConfigurationError naming the key. */
export function loadSettings(
  env: NodeJS.ProcessEnv = process.env,
  config: Source = stackConfig,
): ProviderSettings {
  const fromEnv = (name: SettingName) => nonEmpty(env[SETTINGS[name].env]);
  const fromConfig = (name: SettingName) => nonEmpty(config[SETTINGS[name].config]);
  const read = (name: SettingName) => fromEnv(name) ?? fromConfig(name);
  // The same text gives the same settings object, so what is worked out per configuration (the secrets
  // to scrub, the orgs probed ahead) is worked out once, not per call.
  const raw = SETTING_NAMES.flatMap((name) => [fromEnv(name), fromConfig(name)]);
  if (lastSettings && raw.every((value, i) => value === lastSettings!.raw[i])) return lastSettings.settings;
  const settings = parseSettings(read, fromEnv, fromConfig);
  lastSettings = { raw, settings };
  return settings;
}

const SETTING_NAMES = Object.keys(SETTINGS) as SettingName[];
let lastSettings: { raw: Array<string | undefined>; settings: ProviderSettings } | undefined;

function parseSettings(
  read: (name: SettingName) => string | undefined,
  fromEnv: (name: SettingName) => string | undefined,
  fromConfig: (name: SettingName) => string | undefined,
): ProviderSettings {
  const overrideUrl = (name: "baseUrl" | "identityUrl") => {
    const value = read(name);
    return value === undefined ? undefined : checkedBaseUrl(value, name);
  };
  const regionText = read("region");
  const region = regionText === undefined ? DEFAULT_REGION : parseRegion(regionText, settingName("region"));
  const windowText = read("maintenanceWindow");
  const orgsText = read("orgs");
  const rateText = read("rateLimitPerMinute");
  return {
    orgId: read("orgId"),
    region,
    // Checked here, so a bad override is refused at preview (check), not first at up.
    baseUrl: overrideUrl("baseUrl"),
    identityUrl: overrideUrl("identityUrl"),
    maintenanceWindow: windowText === undefined ? undefined : parsedWindow(windowText),
    ...(rateText === undefined ? {} : { rateLimitPerMinute: parseRateLimit(rateText) }),
    orgs: orgsText === undefined ? {} : parsedOrgs(orgsText),
    defaultCredentials: defaultCredentials(fromEnv, fromConfig),
  };
}

/**
 * Every check, diff and operation reads the settings afresh (the environment can change between runs of a
 * long-lived process), but the text rarely changes: parsing the orgs' JSON again for each of hundreds of
 * resources was the provider's largest cost per call. The last text's result is kept; errors are not.
 */
function rememberLast<T>(parse: (text: string) => T): (text: string) => T {
  let last: { text: string; value: T } | undefined;
  return (text) => {
    if (last?.text !== text) last = { text, value: parse(text) };
    return last.value;
  };
}

const parsedOrgs = rememberLast((text) => parseOrgs(text));
const parsedWindow = rememberLast((text) => parseWindowSetting(text));
const parsedServiceApp = rememberLast((text) =>
  parseJsonSetting(text, settingName("serviceApp"), serviceAppSchema),
);

function parseWindowSetting(text: string): MaintenanceWindow {
  try {
    return parseMaintenanceWindow(text);
  } catch (error) {
    if (error instanceof MaintenanceWindowFormatError) {
      throw new ConfigurationError(`${settingName("maintenanceWindow")}: ${error.message}`);
    }
    throw error;
  }
}

const MAX_RATE_LIMIT = 100_000;

function parseRateLimit(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > MAX_RATE_LIMIT) {
    throw new ConfigurationError(
      `${settingName("rateLimitPerMinute")} is ${JSON.stringify(text)}: set a whole number of requests a minute ` +
        `from 1 to ${MAX_RATE_LIMIT} (Webex's default limit is 300), or leave it unset.`,
    );
  }
  return value;
}

function parseRegion(text: string, where: string): Region {
  if ((REGIONS as readonly string[]).includes(text)) return text as Region;
  throw new ConfigurationError(
    `${where} is ${JSON.stringify(text)}, which is not a Webex Contact Center region: use one of ${REGIONS.join(", ")}.`,
  );
}

// Credentials come as a whole from one level: a set given in the environment beats one in stack config, so
// exporting WXCC_ACCESS_TOKEN overrides a stack's refresh token instead of being mixed with it.
function defaultCredentials(
  fromEnv: (name: SettingName) => string | undefined,
  fromConfig: (name: SettingName) => string | undefined,
): OrgCredentials | undefined {
  const refreshKeys = ["clientId", "clientSecret", "refreshToken"] as const;
  const levels: Array<(name: SettingName) => string | undefined> = [fromEnv, fromConfig];
  for (const level of levels) {
    const token = level("accessToken");
    if (token !== undefined) return { accessToken: token };
    if (refreshKeys.some((key) => level(key) !== undefined)) {
      // Partial sets are completed from the lower level (a rotated refresh token exported on its own).
      const pick = (key: SettingName) => fromEnv(key) ?? fromConfig(key);
      const missing = refreshKeys.filter((key) => pick(key) === undefined);
      if (missing.length > 0) {
        throw new ConfigurationError(
          `Incomplete Webex credentials: ${missing.map((key) => settingName(key)).join(", ")} ` +
            `${missing.length === 1 ? "is" : "are"} not set. Refresh-token authentication needs ` +
            `${refreshKeys.map((key) => SETTINGS[key].config).join(" + ")}; or set ${settingName("accessToken")} instead.`,
        );
      }
      return {
        clientId: pick("clientId")!,
        clientSecret: pick("clientSecret")!,
        refreshToken: pick("refreshToken")!,
      };
    }
    const serviceApp = level("serviceApp");
    if (serviceApp !== undefined) {
      return { serviceApp: parsedServiceApp(serviceApp) };
    }
  }
  return undefined;
}

const text = z.string().trim().min(1);
const serviceAppSchema = z.strictObject({
  applicationId: text,
  clientId: text,
  clientSecret: text,
  integrationToken: text,
  targetOrgId: text.optional(),
});
const orgEntrySchema = z.union([
  z.strictObject({ region: z.enum(REGIONS).optional(), accessToken: text }),
  z.strictObject({
    region: z.enum(REGIONS).optional(),
    clientId: text,
    clientSecret: text,
    refreshToken: text,
  }),
  z.strictObject({ region: z.enum(REGIONS).optional(), serviceApp: serviceAppSchema }),
  z.strictObject({ region: z.enum(REGIONS).optional() }),
]);
const orgsSchema = z.record(text, orgEntrySchema);

function parseJsonSetting<T>(textValue: string, where: string, schema: z.ZodType<T>): T {
  let json: unknown;
  try {
    json = JSON.parse(textValue);
  } catch {
    // The text may hold secrets: say what is wrong without quoting it.
    throw new ConfigurationError(`${where} is not valid JSON: set it to a JSON object (as a secret).`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const path = issue.path
        .map((part) => (typeof part === "number" ? `[${part}]` : `.${String(part)}`))
        .join("");
      return `${path || "(top level)"}: ${issue.code === "unrecognized_keys" ? issue.message : issueText(issue)}`;
    });
    throw new ConfigurationError(`${where} is malformed: ${problems.join("; ")}. ${ORGS_HINT}`);
  }
  return parsed.data;
}

function issueText(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_union") {
    return 'give exactly one of "accessToken", "clientId" + "clientSecret" + "refreshToken", or "serviceApp"';
  }
  if (issue.code === "invalid_value") return `must be one of ${issue.values.join(", ")}`;
  if (issue.code === "too_small") return "must not be empty";
  return issue.message;
}

const ORGS_HINT =
  'Expected {"<orgId>": {"region"?: "us1", "accessToken": "…"} | {"clientId", "clientSecret", "refreshToken"} | ' +
  '{"serviceApp": {"applicationId", "clientId", "clientSecret", "integrationToken", "targetOrgId"?}}}.';

function parseOrgs(textValue: string): Record<string, OrgEntry> {
  const parsed = parseJsonSetting(textValue, settingName("orgs"), orgsSchema);
  const orgs: Record<string, OrgEntry> = {};
  for (const [orgId, entry] of Object.entries(parsed)) {
    let credentials: OrgCredentials | undefined;
    if ("accessToken" in entry) credentials = { accessToken: entry.accessToken };
    else if ("refreshToken" in entry) {
      credentials = {
        clientId: entry.clientId,
        clientSecret: entry.clientSecret,
        refreshToken: entry.refreshToken,
      };
    } else if ("serviceApp" in entry) credentials = { serviceApp: entry.serviceApp };
    orgs[orgId] = { region: entry.region, credentials };
  }
  return orgs;
}

/** The org a resource lands in when it names none. */
export function defaultOrgId(settings: ProviderSettings): string | undefined {
  return settings.orgId;
}

/** The region for an org: its wxcc:orgs entry, then wxcc:region, then us1. */
export function defaultRegion(settings: ProviderSettings, orgId: string | undefined): Region {
  return (orgId !== undefined ? settings.orgs[orgId]?.region : undefined) ?? settings.region;
}

/** Who the provider acts as in an org. Throws a ConfigurationError naming the keys to set. */
export function orgTarget(settings: ProviderSettings, orgId: string, region: Region): OrgTarget {
  const credentials = settings.orgs[orgId]?.credentials ?? settings.defaultCredentials;
  if (!credentials) {
    throw new ConfigurationError(
      `No Webex credentials for org ${orgId}: set ${settingName("accessToken")} as a secret, or ` +
        `${SETTINGS.clientId.config} + ${SETTINGS.clientSecret.config} + ${SETTINGS.refreshToken.config} ` +
        `(WXCC_CLIENT_ID, WXCC_CLIENT_SECRET, WXCC_REFRESH_TOKEN), or give the org an entry in ${settingName("orgs")}.`,
    );
  }
  return { orgId, region, credentials };
}

/** Where an org's credentials come from, named as the user fixes them (the key and its variable). */
export function credentialKeys(settings: ProviderSettings, orgId: string): string {
  if (settings.orgs[orgId]?.credentials) return `the org's entry in ${settingName("orgs")}`;
  const credentials = settings.defaultCredentials;
  if (!credentials || "accessToken" in credentials) return settingName("accessToken");
  if ("refreshToken" in credentials) {
    return `${settingName("clientId")} + ${settingName("clientSecret")} + ${settingName("refreshToken")}`;
  }
  return settingName("serviceApp");
}

/** Every secret the configuration holds, so messages can be scrubbed of them. */
/** Per settings object (parsed once per process): a partner's config holds every org's credentials. */
const secretsOfSettings = new WeakMap<ProviderSettings, readonly string[]>();

/**
 * The configuration's secrets, or none when it cannot be read: for scrubbing a failure, where whoever reads
 * the configuration reports what is wrong with it.
 */
export function knownConfigSecrets(settings: () => ProviderSettings): readonly string[] {
  try {
    return configSecrets(settings());
  } catch {
    return [];
  }
}

export function configSecrets(settings: ProviderSettings): readonly string[] {
  const known = secretsOfSettings.get(settings);
  if (known) return known;
  const all = [
    settings.defaultCredentials,
    ...Object.values(settings.orgs).map((entry) => entry.credentials),
  ];
  const secrets: string[] = [];
  for (const credentials of all) {
    if (!credentials) continue;
    if ("accessToken" in credentials) secrets.push(credentials.accessToken);
    else if ("refreshToken" in credentials) secrets.push(credentials.clientSecret, credentials.refreshToken);
    else secrets.push(credentials.serviceApp.clientSecret, credentials.serviceApp.integrationToken);
  }
  // Frozen: every call's redactor holds this list as it is and reads it when it redacts (redact.ts).
  Object.freeze(secrets);
  secretsOfSettings.set(settings, secrets);
  return secrets;
}

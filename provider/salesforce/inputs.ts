// The resource's inputs: one zod schema (the TypeScript type comes from it), the cross-field rules zod
// cannot see, and the translation of every problem into a Pulumi check failure that names the property
// and the fix. Values still unknown during a preview are tolerated: problems at or under them are skipped.
import { z } from "zod";
import { urlProblem } from "../url-rule";
import { REGIONS, type Region } from "../webex/types";
import {
  CISCO_DISPLAY_NAME,
  CISCO_INTERNAL_NAME,
  catalogItem,
  groupFields,
  SETTINGS_GROUPS,
} from "./catalog";
import { loadPrivateKey, PrivateKeyError } from "./jwt-bearer";
import { type CallCenterSettings, settingsSchema } from "./settings-schema";

/** What the engine sends for a value it does not know yet (a preview of a value computed elsewhere). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
export const DEFAULT_LOGIN_URL = "https://login.salesforce.com";

export function regionAdapterUrl(region: Region): string {
  return `https://desktop.wxcc-${region}.cisco.com/`;
}

const CISCO_DESKTOP_HOST = /^desktop\.wxcc-([a-z0-9]+)\.cisco\.com$/;

/** The Webex region a Cisco desktop URL names, if it is one. */
export function regionOfAdapterUrl(url: string): string | undefined {
  try {
    return CISCO_DESKTOP_HOST.exec(new URL(url).hostname)?.[1];
  } catch {
    return undefined;
  }
}

function secureUrl(what: string) {
  return z.string().superRefine((v, ctx) => {
    const problem = urlProblem(v, { loopbackHttp: true });
    if (problem) ctx.addIssue({ code: "custom", message: `${problem}; ${what}` });
  });
}

const username = z
  .string()
  .regex(
    /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
    "must be a Salesforce username, which has the form of an email address (e.g. agent@acme.com)",
  );

const salesforceSchema = z.strictObject({
  loginUrl: secureUrl(
    "use https://login.salesforce.com (production), https://test.salesforce.com (sandbox) or the org's My Domain URL",
  )
    .default(DEFAULT_LOGIN_URL)
    .describe(
      "Where the token is requested: https://login.salesforce.com (production), https://test.salesforce.com (sandbox) or the org's My Domain URL; https:// (plain http only for 127.0.0.1/localhost).",
    ),
  audience: z
    .string()
    .min(1, "must not be empty; leave it out to use loginUrl")
    .optional()
    .describe(
      "The JWT audience (aud); leave it out to use loginUrl. Orgs using External Client Apps need their My Domain URL.",
    ),
  clientId: z
    .string()
    .min(1, "must be the connected app's consumer key (Setup > App Manager > the app > View > Consumer Key)")
    .regex(/^\S+$/, "must not contain whitespace; copy the consumer key exactly")
    .describe(
      "The connected app's consumer key (Setup > App Manager > the app > View > Consumer Key), without whitespace.",
    ),
  username: username.describe(
    "The Salesforce username the integration acts as (it has the form of an email address).",
  ),
  privateKey: z
    .string()
    .superRefine((pem, ctx) => {
      try {
        loadPrivateKey(pem);
      } catch (e) {
        if (!(e instanceof PrivateKeyError)) throw e;
        ctx.addIssue({ code: "custom", message: e.message });
      }
    })
    .describe(
      "The PEM RSA private key (at least 2048 bits) of the certificate uploaded to the connected app.",
    ),
});

const extraItemSchema = z.strictObject({
  name: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_]*$/, "must be an item name (letters, digits and underscores)")
    .describe("The item's name: letters, digits and underscores, starting with a letter."),
  label: z.string().max(1000).optional().describe("The item's label; at most 1000 characters."),
  value: z.string().describe("The item's value, as written in the file."),
});

const extraSectionSchema = z.strictObject({
  name: z
    .string()
    .regex(
      /^[A-Za-z][A-Za-z0-9_]{0,39}$/,
      "must be a section name: up to 40 letters, digits and underscores, no spaces",
    )
    .describe(
      "A section of Cisco's file (the items are appended to it) or a new one (appended after the last): up to 40 letters, digits and underscores.",
    ),
  label: z.string().max(1000).optional().describe("The section's label; at most 1000 characters."),
  items: z.array(extraItemSchema).describe("The section's items."),
});

export const inputsSchema = z.strictObject({
  salesforce: salesforceSchema.describe(
    "JWT bearer credentials of the Salesforce connected app (or External Client App) that deploys the call center.",
  ),
  region: z
    .enum(REGIONS, `must be one of the Webex Contact Center data centres: ${REGIONS.join(", ")}`)
    .optional()
    .describe(
      "The Webex Contact Center data centre (us1, eu1, eu2, anz1, ca1, jp1 or sg1); sets the CTI adapter URL https://desktop.wxcc-<region>.cisco.com/. Default us1 (Cisco's default).",
    ),
  adapterUrl: secureUrl("Salesforce Lightning loads the CTI adapter over https")
    .optional()
    .describe(
      "Overrides the CTI adapter URL (https://). A Cisco desktop URL must match region; any other https URL is taken as a deliberate override.",
    ),
  internalName: z
    .string()
    .regex(
      /^[A-Za-z][A-Za-z0-9]{0,39}$/,
      "must be up to 40 letters and digits starting with a letter (it becomes the CallCenter's API name)",
    )
    .default(CISCO_INTERNAL_NAME)
    .describe(
      "The CallCenter's API name: up to 40 letters and digits, starting with a letter. Default Cisco's current one.",
    ),
  displayName: z
    .string()
    .min(1, "must not be empty")
    .max(80, "must be at most 80 characters (Salesforce's CallCenter Name field)")
    .default(CISCO_DISPLAY_NAME)
    .describe("The call center's display name: 1 to 80 characters. Default Cisco's current one."),
  settings: settingsSchema
    .prefault({})
    .describe("One group per section of Cisco's file; every field defaults to Cisco's value."),
  extraSections: z
    .array(extraSectionSchema)
    .default([])
    .describe(
      "Sections and items Cisco may add in a later release (or from an older file), passed through untouched.",
    ),
  assignedUsers: z
    .array(username)
    .default([])
    .describe(
      "Salesforce usernames to assign to this call center (User.CallCenterId); ones removed from the list are unassigned.",
    ),
  deploy: z
    .boolean()
    .default(true)
    .describe("With false nothing is sent to Salesforce: the resource only renders definitionXml."),
  adopt: z
    .boolean()
    .default(false)
    .describe(
      "Take over a call center with the same internal name that already exists in the org (for example one " +
        "imported by hand from Cisco's file) instead of deploying a new one (default false: creating over an " +
        "existing one fails). The preview shows the adoption (adoption.callCenterId) and the fields it will " +
        "change; the up keeps the record id and writes only the differences (the definition, the user " +
        "assignments). When no such call center exists, one is deployed as usual. Pair it with the " +
        "retainOnDelete: true resource option so that a destroy leaves the call center in place. The same " +
        "idea, and name, as the connectors' adopt.",
    ),
  adoptExisting: z
    .boolean()
    .optional()
    .describe("Deprecated: use adopt. The former name of adopt, still honoured."),
});

export type CallCenterInputs = z.input<typeof inputsSchema>;
export type CheckedInputs = z.output<typeof inputsSchema>;

export interface CheckFailure {
  property: string;
  reason: string;
}

export function isUnknown(value: unknown): boolean {
  return value === UNKNOWN;
}

export function containsUnknown(value: unknown): boolean {
  if (isUnknown(value)) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (value && typeof value === "object") return Object.values(value).some(containsUnknown);
  return false;
}

/** True when the value at `path`, or one of its parents, is still unknown. */
function unknownAlong(input: unknown, path: PropertyKey[]): boolean {
  let node: unknown = input;
  for (const key of path) {
    if (isUnknown(node)) return true;
    if (node === null || typeof node !== "object") return false;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return isUnknown(node) || containsUnknown(node);
}

export function propertyPath(path: PropertyKey[]): string {
  return path.reduce<string>(
    (acc, key) =>
      typeof key === "number" ? `${acc}[${key}]` : acc === "" ? String(key) : `${acc}.${String(key)}`,
    "",
  );
}

function describeValue(value: unknown): string {
  if (typeof value === "string")
    return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (Array.isArray(value)) return "a list";
  if (value === null) return "null";
  return typeof value === "object" ? "an object" : `${typeof value} ${String(value)}`;
}

const EXPECTED: Record<string, string> = {
  boolean: "true or false (a boolean, not a string)",
  number: "a number",
  int: "a whole number",
  string: "a string",
  array: "a list",
  object: "an object",
};

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let node = input;
  for (const key of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

function knownKeysHint(path: PropertyKey[]): string {
  if (path.length === 0) {
    return "the inputs are salesforce, region, adapterUrl, internalName, displayName, settings, extraSections, assignedUsers, deploy and adopt (adoptExisting is its deprecated name)";
  }
  if (path.length === 1 && path[0] === "settings")
    return `the setting groups are ${SETTINGS_GROUPS.join(", ")}`;
  if (path.length === 2 && path[0] === "settings") {
    const group = path[1] as (typeof SETTINGS_GROUPS)[number];
    return `settings.${group} has ${groupFields(group).join(", ")}. Items Cisco adds in a later release go in extraSections`;
  }
  if (path.length === 1 && path[0] === "salesforce")
    return "salesforce has loginUrl, audience, clientId, username and privateKey";
  return "remove it";
}

function reasonOf(issue: z.core.$ZodIssue, input: unknown): string {
  if (issue.code === "invalid_type") {
    const got = valueAt(input, issue.path);
    if (got === undefined) return `is required: provide ${EXPECTED[issue.expected] ?? issue.expected}`;
    return `expected ${EXPECTED[issue.expected] ?? issue.expected}, got ${describeValue(got)}`;
  }
  if (issue.code === "unrecognized_keys") {
    return `unknown ${issue.keys.length > 1 ? "properties" : "property"} ${issue.keys.join(", ")}: ${knownKeysHint(issue.path)}`;
  }
  return issue.message;
}

/** Rules that span several inputs. Only values that are known are judged. */
function crossFieldFailures(
  input: Record<string, unknown>,
  parsed: CheckedInputs | undefined,
): CheckFailure[] {
  const failures: CheckFailure[] = [];
  const region = input.region;
  const adapterUrl = input.adapterUrl;
  if (typeof adapterUrl === "string" && !isUnknown(adapterUrl)) {
    const named = regionOfAdapterUrl(adapterUrl);
    if (named !== undefined && !(REGIONS as readonly string[]).includes(named)) {
      failures.push({
        property: "adapterUrl",
        reason: `points at desktop.wxcc-${named}.cisco.com, which is not a Webex Contact Center data centre (${REGIONS.join(", ")}); set region instead and leave adapterUrl out`,
      });
    } else if (named !== undefined && typeof region === "string" && !isUnknown(region) && named !== region) {
      failures.push({
        property: "adapterUrl",
        reason: `points at the ${named} data centre but region is ${region}: leave adapterUrl out (it follows region: ${regionAdapterUrl(region as Region)}), or set region to ${named}. A URL outside Cisco's regional desktop hosts is taken as a deliberate override`,
      });
    }
  }
  const extras = input.extraSections;
  if (Array.isArray(extras)) {
    const seenSections = new Set<string>();
    extras.forEach((section, s) => {
      if (!section || typeof section !== "object" || isUnknown(section)) return;
      const name = (section as { name?: unknown }).name;
      if (typeof name !== "string" || isUnknown(name)) return;
      if (seenSections.has(name)) {
        failures.push({
          property: `extraSections[${s}].name`,
          reason: `section ${name} is listed twice; merge its items into one entry`,
        });
      }
      seenSections.add(name);
      const items = (section as { items?: unknown }).items;
      if (!Array.isArray(items)) return;
      const seenItems = new Set<string>();
      items.forEach((item, i) => {
        const itemName = (item as { name?: unknown } | undefined)?.name;
        if (typeof itemName !== "string" || isUnknown(itemName)) return;
        const property = `extraSections[${s}].items[${i}].name`;
        if (seenItems.has(itemName))
          failures.push({ property, reason: `item ${itemName} is listed twice in section ${name}` });
        seenItems.add(itemName);
        const known = catalogItem(name, itemName);
        if (known) {
          const b = known.binding;
          const target = "top" in b ? b.top : `settings.${b.group}.${b.field}`;
          failures.push({
            property,
            reason: `${name}/${itemName} is a typed setting: set ${target} instead of passing it through extraSections`,
          });
        }
      });
    });
  }
  if (parsed) {
    const users = new Map<string, number>();
    parsed.assignedUsers.forEach((u, i) => {
      const key = u.toLowerCase();
      if (users.has(key)) {
        failures.push({
          property: `assignedUsers[${i}]`,
          reason: `${u} is listed twice (Salesforce usernames are case-insensitive)`,
        });
      }
      users.set(key, i);
    });
  }
  return failures;
}

function stripInternal(news: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(news)) if (!k.startsWith("__")) out[k] = v;
  return out;
}

/** JSON-normalizes: the plugin's Struct encoding cannot carry undefined. */
function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Fills what the schema leaves to the resource: the audience and the region. */
export function completeDefaults(parsed: CheckedInputs): CheckedInputs {
  const out = { ...parsed, salesforce: { ...parsed.salesforce } };
  out.salesforce.audience ??= out.salesforce.loginUrl;
  if (out.adapterUrl === undefined && out.region === undefined) out.region = "us1";
  if (out.region === undefined && out.adapterUrl !== undefined) {
    const named = regionOfAdapterUrl(out.adapterUrl);
    if (named && (REGIONS as readonly string[]).includes(named)) out.region = named as Region;
  }
  return plain(out);
}

export interface CheckOutcome {
  inputs: Record<string, unknown>;
  failures: CheckFailure[];
}

export function checkInputs(news: Record<string, unknown>): CheckOutcome {
  const input = stripInternal(news);
  const result = inputsSchema.safeParse(input);
  const failures: CheckFailure[] = [];
  if (!result.success) {
    for (const issue of result.error.issues) {
      if (unknownAlong(input, issue.path)) continue;
      failures.push({ property: propertyPath(issue.path) || "(inputs)", reason: reasonOf(issue, input) });
    }
  }
  failures.push(...crossFieldFailures(input, result.success ? result.data : undefined));
  if (failures.length > 0 || !result.success) return { inputs: news, failures };
  return { inputs: { ...completeDefaults(result.data), ...internalKeys(news) }, failures };
}

function internalKeys(news: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(news)) if (k.startsWith("__")) out[k] = v;
  return out;
}

/** Parses inputs that already passed check (or outputs written by this provider), with defaults. */
export function parseChecked(props: Record<string, unknown>): CheckedInputs {
  const outcome = checkInputs(props);
  if (outcome.failures.length > 0 || containsUnknown(outcome.inputs)) {
    throw new Error(
      `invalid call-center definition inputs: ${outcome.failures.map((f) => `${f.property}: ${f.reason}`).join("; ") || "values are still unknown"}`,
    );
  }
  return outcome.inputs as unknown as CheckedInputs;
}

export type { CallCenterSettings };

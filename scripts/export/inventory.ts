// What an org holds, read with the provider's own configuration (WXCC_* environment variables, the same
// precedence and messages as the provider) and turned into the arguments a program would declare: every
// non-secret field as a value, every secret as the config key it will be read from. Sorted by org, kind and
// name, with names for variables, resources and config keys that stay the same from run to run.
import {
  configSecrets,
  defaultRegion,
  loadSettings,
  orgTarget,
  type ProviderSettings,
} from "../../provider/config";
import { KINDS } from "../../provider/kinds/all";
import type { ConnectorTypeName, KindSpec } from "../../provider/kinds/spec";
import { clean, getPath } from "../../provider/lifecycle/values";
import { createWebexClient } from "../../provider/webex";
import type { InventoryCallCenter } from "./call-center";
import type { Connector, Region } from "../../provider/webex/types";

/** Where a secret goes: `config.requireSecret(configKey)` at `path` of the arguments. */
export interface SecretSlot {
  path: string;
  configKey: string;
}

export interface InventoryConnector {
  orgId: string;
  region: Region;
  kind: ConnectorTypeName;
  name: string;
  connectorId: string;
  /** The resource's logical name in the program (also the stem of its config keys). */
  logicalName: string;
  /** The TypeScript variable that holds it. */
  variable: string;
  /** The non-secret arguments, without adopt/orgId/region, defaults left out. */
  args: Record<string, unknown>;
  secrets: SecretSlot[];
}

export interface Inventory {
  schemaVersion: 1;
  orgs: { orgId: string; region: Region }[];
  connectors: InventoryConnector[];
  /** With Salesforce credentials: the call center found by internal name. */
  callCenter?: InventoryCallCenter;
}

/** Reads every org's connectors (one list request per org). */
export async function readOrgs(
  orgIds: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ orgId: string; region: Region; connectors: Connector[] }[]> {
  // Stack configuration does not exist outside Pulumi: the environment is the whole configuration.
  const settings: ProviderSettings = loadSettings(env, {});
  const client = createWebexClient({
    baseUrl: settings.baseUrl,
    identityUrl: settings.identityUrl,
    ...(settings.rateLimitPerMinute === undefined ? {} : { rateLimitPerMinute: settings.rateLimitPerMinute }),
    secrets: configSecrets(settings),
    shareQuotaAcrossProcesses: true,
  });
  const result = [];
  for (const orgId of orgIds) {
    const region = defaultRegion(settings, orgId);
    const connectors = await client.connectors(orgTarget(settings, orgId, region)).list();
    result.push({ orgId, region, connectors });
  }
  return result;
}

const RESERVED = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally " +
    "for function if import in instanceof new null return super switch this throw true try typeof var void " +
    "while with yield let static implements interface package private protected public await config pulumi " +
    "wxcc connectorIds"
  ).split(" "),
);

function slugOf(name: string, fallback: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return slug === "" ? fallback : slug;
}

function camelOf(slug: string): string {
  const camel = slug.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
  return /^[0-9]/.test(camel) || RESERVED.has(camel)
    ? `connector${camel[0]!.toUpperCase()}${camel.slice(1)}`
    : camel;
}

/** Code-point order: the same on every machine, whatever its locale. */
export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function kindOf(connector: Connector): KindSpec | undefined {
  return KINDS.find((spec) => spec.apiType === connector.type);
}

/** The arguments a program declares for this connector, secrets left out, defaults omitted. */
export function declaredArgs(spec: KindSpec, connector: Connector): Record<string, unknown> {
  const flat = clean(spec.flatten(connector)) as Record<string, unknown>;
  const args: Record<string, unknown> = { name: connector.name };
  if (connector.description) args.description = connector.description;
  if (!connector.active) args.active = false;
  for (const field of Object.keys(spec.fields)) {
    const value = flat[field];
    if (value === undefined) continue;
    if (spec.defaults && (spec.defaults as Record<string, unknown>)[field] === value) continue;
    args[field] = value;
  }
  return args;
}

/** The secret paths this connector has: top-level ones always (they are required), nested ones when set. */
function secretPathsOf(spec: KindSpec, connector: Connector, args: Record<string, unknown>): string[] {
  return spec.secretPaths.filter((path) => {
    const parts = path.split(".");
    if (parts.length === 1) return true;
    const parent = getPath(args, parts.slice(0, -1));
    return (
      parent !== null && typeof parent === "object" && (connector.secretFields ?? []).includes(parts.at(-1)!)
    );
  });
}

export function buildInventory(
  orgs: { orgId: string; region: Region; connectors: Connector[] }[],
): Inventory {
  const rows: Omit<InventoryConnector, "logicalName" | "variable" | "secrets">[] = [];
  const unknownKinds: string[] = [];
  for (const org of orgs) {
    for (const connector of org.connectors) {
      const spec = kindOf(connector);
      if (!spec) {
        unknownKinds.push(`${connector.type} ${JSON.stringify(connector.name)}`);
        continue;
      }
      rows.push({
        orgId: org.orgId,
        region: org.region,
        kind: spec.typeName,
        name: connector.name,
        connectorId: connector.id,
        args: declaredArgs(spec, connector),
      });
    }
  }
  if (unknownKinds.length > 0) {
    throw new Error(`These connectors are of kinds pulumi-wxcc does not know: ${unknownKinds.join(", ")}.`);
  }
  rows.sort(
    (a, b) =>
      byCodePoint(a.orgId, b.orgId) ||
      byCodePoint(a.kind, b.kind) ||
      byCodePoint(a.name, b.name) ||
      byCodePoint(a.connectorId, b.connectorId),
  );
  // Names are taken in that order: the first keeps the plain name, later ones get -2, -3 …
  const usedSlugs = new Set<string>();
  const usedVariables = new Set<string>();
  const connectors: InventoryConnector[] = [];
  for (const row of rows) {
    const spec = KINDS.find((k) => k.typeName === row.kind)!;
    const base = slugOf(row.name, spec.typeName.toLowerCase());
    let n = 1;
    let slug = base;
    while (usedSlugs.has(slug) || usedVariables.has(camelOf(slug))) slug = `${base}-${++n}`;
    usedSlugs.add(slug);
    usedVariables.add(camelOf(slug));
    const connector = orgs
      .find((o) => o.orgId === row.orgId)!
      .connectors.find((c) => c.id === row.connectorId)!;
    const secrets = secretPathsOf(spec, connector, row.args).map((path) => ({
      path,
      configKey: `${slug}-${path.split(".").at(-1)}`,
    }));
    connectors.push({ ...row, logicalName: slug, variable: camelOf(slug), secrets });
  }
  return {
    schemaVersion: 1,
    orgs: orgs
      .map((o) => ({ orgId: o.orgId, region: o.region }))
      .sort((a, b) => byCodePoint(a.orgId, b.orgId)),
    connectors,
  };
}

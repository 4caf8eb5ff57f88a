// Reads the list of orgs to roll out to, with per-org overrides, from stack config, and says exactly what
// is wrong when an entry is malformed.
//
//   multi-org:orgs          [{ orgId, region?, names?: { crm?, orders?, contactCenter? },
//                              salesforce?: { clientId?, user? }, orders?: { clientId? },
//                              desktop?: { outdialAni?, teamIds? } }, ...]
//                           Absent: one org, the stack's own wxcc:orgId (one stack per org, see rollout.ts).
//   multi-org:salesforceClientId, multi-org:salesforceUser, multi-org:ordersApiUrl,
//   multi-org:ordersTokenUrl, multi-org:ordersClientId,
//   multi-org:outdialAni                                      defaults for every org
//                           (desktop: Cisco's Salesforce desktop layout with that outdial ANI, assigned to
//                           the org's teamIds, none by default)
//   multi-org:credentials   (secret) { default: {...}, <orgId>: {...} } with salesforcePrivateKey and
//                           ordersClientSecret; an org's own entry wins field by field.

export const REGIONS = ["us1", "eu1", "eu2", "anz1", "ca1", "jp1", "sg1"] as const;
export type Region = (typeof REGIONS)[number];

export interface ConnectorNames {
  crm: string;
  orders: string;
  contactCenter: string;
}

export interface OrgSpec {
  /** Undefined: the stack's own wxcc:orgId. */
  orgId?: string;
  region?: Region;
  names: ConnectorNames;
  salesforce: { clientId: string; user: string };
  orders: { apiUrl: string; tokenUrl: string; clientId: string };
  desktop: { outdialAni: string; teamIds: string[] };
}

export interface Defaults {
  salesforceClientId?: string;
  salesforceUser?: string;
  ordersApiUrl?: string;
  ordersTokenUrl?: string;
  ordersClientId?: string;
  outdialAni?: string;
}

export const DEFAULT_NAMES: ConnectorNames = {
  crm: "Salesforce",
  orders: "Orders API",
  contactCenter: "Contact Center API",
};

export function readOrgSpecs(rawOrgs: unknown, defaults: Defaults): OrgSpec[] {
  if (rawOrgs === undefined) return [orgSpec({}, defaults, "the stack's org")];
  if (!Array.isArray(rawOrgs) || rawOrgs.length === 0) {
    throw new Error(
      "multi-org:orgs must be a non-empty list of { orgId, region?, names?, salesforce?, orders? }; " +
        "set it in Pulumi.<stack>.yaml, or remove it to deploy to the stack's wxcc:orgId.",
    );
  }
  const specs = rawOrgs.map((raw, index) => {
    const where = `multi-org:orgs[${index}]`;
    if (!isObject(raw)) throw new Error(`${where} must be an object such as { "orgId": "org-emea" }.`);
    if (typeof raw.orgId !== "string" || raw.orgId === "") {
      throw new Error(`${where}.orgId is missing: give the Contact Center org id, e.g. "orgId": "org-emea".`);
    }
    return orgSpec(raw, defaults, `${where} (${raw.orgId})`);
  });
  const seen = new Set<string>();
  for (const spec of specs) {
    if (seen.has(spec.orgId!))
      throw new Error(`multi-org:orgs lists ${spec.orgId} twice: keep one entry per org.`);
    seen.add(spec.orgId!);
  }
  return specs;
}

function orgSpec(raw: Record<string, unknown>, defaults: Defaults, where: string): OrgSpec {
  const region = raw.region;
  if (region !== undefined && !(REGIONS as readonly unknown[]).includes(region)) {
    throw new Error(`${where}.region is ${JSON.stringify(region)}: use one of ${REGIONS.join(", ")}.`);
  }
  const names = section(raw, "names", where);
  const salesforce = section(raw, "salesforce", where);
  const orders = section(raw, "orders", where);
  const desktop = section(raw, "desktop", where);
  const teamIds = desktop.teamIds ?? [];
  if (!Array.isArray(teamIds) || !teamIds.every((id) => typeof id === "string" && id !== "")) {
    throw new Error(`${where}.desktop.teamIds must be a list of team ids.`);
  }
  const need = (value: unknown, fallback: string | undefined, field: string, defaultKey: string): string => {
    const chosen = value ?? fallback;
    if (typeof chosen !== "string" || chosen === "") {
      throw new Error(`${where}: no ${field}; set ${field} there, or multi-org:${defaultKey} for every org.`);
    }
    return chosen;
  };
  return {
    orgId: typeof raw.orgId === "string" ? raw.orgId : undefined,
    region: region as Region | undefined,
    names: {
      crm: optionalName(names.crm, DEFAULT_NAMES.crm, `${where}.names.crm`),
      orders: optionalName(names.orders, DEFAULT_NAMES.orders, `${where}.names.orders`),
      contactCenter: optionalName(
        names.contactCenter,
        DEFAULT_NAMES.contactCenter,
        `${where}.names.contactCenter`,
      ),
    },
    salesforce: {
      clientId: need(
        salesforce.clientId,
        defaults.salesforceClientId,
        "salesforce.clientId",
        "salesforceClientId",
      ),
      user: need(salesforce.user, defaults.salesforceUser, "salesforce.user", "salesforceUser"),
    },
    orders: {
      apiUrl: need(orders.apiUrl, defaults.ordersApiUrl, "orders.apiUrl", "ordersApiUrl"),
      tokenUrl: need(orders.tokenUrl, defaults.ordersTokenUrl, "orders.tokenUrl", "ordersTokenUrl"),
      clientId: need(orders.clientId, defaults.ordersClientId, "orders.clientId", "ordersClientId"),
    },
    desktop: {
      outdialAni: need(desktop.outdialAni, defaults.outdialAni, "desktop.outdialAni", "outdialAni"),
      teamIds: teamIds as string[],
    },
  };
}

function section(raw: Record<string, unknown>, key: string, where: string): Record<string, unknown> {
  const value = raw[key];
  if (value === undefined) return {};
  if (!isObject(value)) throw new Error(`${where}.${key} must be an object.`);
  return value;
}

function optionalName(value: unknown, fallback: string, where: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== "string" || value.trim() === "")
    throw new Error(`${where} must be a non-empty string.`);
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export interface OrgSecrets {
  salesforcePrivateKey: string;
  ordersClientSecret: string;
}

/** The org's own secrets, field by field over `default`. Runs inside an apply, on plaintext. */
export function secretsFor(all: unknown, orgId: string | undefined): OrgSecrets {
  const table = isObject(all) ? all : {};
  const own = orgId !== undefined && isObject(table[orgId]) ? table[orgId] : {};
  const fallback = isObject(table.default) ? table.default : {};
  const pick = (field: keyof OrgSecrets): string => {
    const value = own[field] ?? fallback[field];
    if (typeof value !== "string" || value === "") {
      const path = `multi-org:credentials.${orgId ?? "default"}.${field}`;
      throw new Error(
        `no ${field} for ${orgId ?? "this stack's org"}: pulumi config set --secret --path '${path}' <value>`,
      );
    }
    return value;
  };
  return {
    salesforcePrivateKey: pick("salesforcePrivateKey"),
    ordersClientSecret: pick("ordersClientSecret"),
  };
}

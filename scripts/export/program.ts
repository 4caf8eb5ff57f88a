// The inventory as a TypeScript Pulumi program. Every connector is declared with adopt: true (taken over,
// never created again) and retainOnDelete: true (a destroy leaves it in the org), its non-secret fields as
// literals and each secret read from stack config. The text depends on the inventory alone: fixed key
// order, fixed layout, no dates, so two runs on the same org give the same bytes.
import { KINDS } from "../../provider/kinds/all";
import { type InventoryCallCenter, SALESFORCE_KEY_CONFIG } from "./call-center";
import type { Inventory, InventoryConnector } from "./inventory";

const SECRET = Symbol("secret");
type Placeholder = { [SECRET]: string };

function literal(value: unknown, indent: string): string {
  if (value !== null && typeof value === "object" && SECRET in value) {
    return `config.requireSecret(${JSON.stringify((value as Placeholder)[SECRET])})`;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    const inner = `${indent}  `;
    return `[\n${value.map((v) => `${inner}${literal(v, inner)},`).join("\n")}\n${indent}]`;
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return "{}";
    const inner = `${indent}  `;
    return `{\n${entries.map(([k, v]) => `${inner}${key(k)}: ${literal(v, inner)},`).join("\n")}\n${indent}}`;
  }
  return JSON.stringify(value);
}

function key(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name);
}

/** Nested objects with their keys sorted (secret placeholders kept as they are). */
function sortedDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedDeep);
  if (value === null || typeof value !== "object" || SECRET in value) return value;
  const record = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .map((k) => [k, sortedDeep(record[k])]),
  );
}

function argumentsOf(connector: InventoryConnector): Record<string, unknown> {
  const spec = KINDS.find((k) => k.typeName === connector.kind)!;
  const fields: Record<string, unknown> = structuredClone(connector.args);
  for (const slot of connector.secrets) {
    const parts = slot.path.split(".");
    let node = fields;
    for (const part of parts.slice(0, -1)) node = node[part] as Record<string, unknown>;
    node[parts.at(-1)!] = { [SECRET]: slot.configKey };
  }
  const ordered: Record<string, unknown> = {
    adopt: true,
    orgId: connector.orgId,
    region: connector.region,
  };
  for (const k of ["name", "description", "active", ...Object.keys(spec.fields)]) {
    if (fields[k] !== undefined) ordered[k] = k in spec.fields ? sortedDeep(fields[k]) : fields[k];
  }
  return ordered;
}

/** The `pulumi config set --secret` commands, one per secret, in program order. */
export function configCommands(inventory: Inventory): string[] {
  const connectors = inventory.connectors.flatMap((c) =>
    c.secrets.map(
      (slot) => `pulumi config set --secret ${slot.configKey} -- "<${c.kind} ${c.name}: ${slot.path}>"`,
    ),
  );
  if (!inventory.callCenter) return connectors;
  return [
    ...connectors,
    `pulumi config set --secret ${SALESFORCE_KEY_CONFIG} -- "$(cat <the Salesforce integration user's key file>)"`,
  ];
}

function callCenterLines(callCenter: InventoryCallCenter): string[] {
  const args = structuredClone(callCenter.args);
  (args.salesforce as Record<string, unknown>).privateKey = { [SECRET]: SALESFORCE_KEY_CONFIG };
  if (args.settings) args.settings = sortedDeep(args.settings);
  return [
    "",
    `// The Salesforce call center ${JSON.stringify(args.internalName)}, id ${callCenter.callCenterId}: only the`,
    "// settings that differ from Cisco's defaults are declared.",
    "const callCenter = new wxcc.SalesforceCallCenterDefinition(",
    '  "call-center",',
    `  ${literal(args, "  ")},`,
    "  { retainOnDelete: true },",
    ");",
  ];
}

export function renderProgram(inventory: Inventory): string {
  const orgList = inventory.orgs.map((o) => `${o.orgId} (${o.region})`).join(", ");
  const commands = configCommands(inventory);
  const lines = [
    `// Written by wxcc-export from ${orgList}. Review it before use.`,
    "//",
    "// Every connector is declared with adopt: true, so the first `pulumi up` takes over the existing",
    "// connector (its id is kept and flows go on working) instead of creating one, and with the resource",
    "// option retainOnDelete: true, so `pulumi destroy` leaves it in the org. Credentials are taken as",
    "// declared, not verified: the values you set below are recorded as the ones in force.",
    "//",
  ];
  if (commands.length > 0) {
    lines.push("// The API never returns secrets. Set each one before the first preview:");
    for (const command of commands) lines.push(`//   ${command}`);
  } else {
    lines.push("// None of these connectors has a secret to set.");
  }
  lines.push(
    "",
    'import * as pulumi from "@pulumi/pulumi";',
    'import * as wxcc from "pulumi-wxcc";',
    "",
    "const config = new pulumi.Config();",
  );
  let org: string | undefined;
  for (const connector of inventory.connectors) {
    if (connector.orgId !== org) {
      org = connector.orgId;
      lines.push("", `// Org ${connector.orgId} (${connector.region})`);
    }
    lines.push(
      "",
      `// ${connector.kind} ${JSON.stringify(connector.name)}, id ${connector.connectorId}`,
      `const ${connector.variable} = new wxcc.${connector.kind}(`,
      `  ${JSON.stringify(connector.logicalName)},`,
      `  ${literal(argumentsOf(connector), "  ")},`,
      "  { retainOnDelete: true },",
      ");",
    );
  }
  if (inventory.callCenter) lines.push(...callCenterLines(inventory.callCenter));
  lines.push("", "/** The ids flows refer to the connectors by. */", "export const connectorIds = {");
  for (const connector of inventory.connectors) {
    lines.push(`  ${key(connector.logicalName)}: ${connector.variable}.connectorId,`);
  }
  lines.push("};", "");
  if (inventory.callCenter) lines.push("export const callCenterId = callCenter.callCenterId;", "");
  return lines.join("\n");
}

/** The same inventory for other tools: no secrets, only the config keys they are read from. */
export function renderJson(inventory: Inventory): string {
  return `${JSON.stringify(sortedInventory(inventory), null, 2)}\n`;
}

function sortedInventory(inventory: Inventory): unknown {
  return {
    schemaVersion: inventory.schemaVersion,
    orgs: inventory.orgs,
    connectors: inventory.connectors.map((c) => ({
      orgId: c.orgId,
      region: c.region,
      kind: c.kind,
      name: c.name,
      connectorId: c.connectorId,
      logicalName: c.logicalName,
      variable: c.variable,
      args: sortedDeep(c.args),
      secrets: c.secrets,
    })),
    ...(inventory.callCenter
      ? { callCenter: { ...inventory.callCenter, privateKeyConfigKey: SALESFORCE_KEY_CONFIG } }
      : {}),
  };
}

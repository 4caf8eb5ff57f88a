// Two orgs side by side, connector by connector (kind and name): only in A, only in B, in both with
// differing non-secret fields (which ones), or identical. Secrets cannot be compared: the API never returns
// them. Ids, org and region always differ between orgs and are not compared.
import { byCodePoint, type Inventory, type InventoryConnector } from "./inventory";

export type Comparison = "identical" | "differs" | "only in A" | "only in B";

export interface ComparedConnector {
  kind: string;
  name: string;
  status: Comparison;
  /** For "differs": the argument paths whose values differ. */
  fields: string[];
}

function flatten(value: unknown, prefix: string, out: Map<string, string>): void {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
    return;
  }
  out.set(prefix, JSON.stringify(value));
}

function differingFields(a: InventoryConnector, b: InventoryConnector): string[] {
  const left = new Map<string, string>();
  const right = new Map<string, string>();
  flatten({ active: true, ...a.args }, "", left);
  flatten({ active: true, ...b.args }, "", right);
  const paths = [...new Set([...left.keys(), ...right.keys()])].sort(byCodePoint);
  return paths.filter((path) => left.get(path) !== right.get(path));
}

export function compareOrgs(inventory: Inventory, orgA: string, orgB: string): ComparedConnector[] {
  const keyOf = (c: InventoryConnector) => `${c.kind}\u0000${c.name}`;
  const side = (orgId: string) =>
    new Map(inventory.connectors.filter((c) => c.orgId === orgId).map((c) => [keyOf(c), c]));
  const a = side(orgA);
  const b = side(orgB);
  const keys = [...new Set([...a.keys(), ...b.keys()])].sort(byCodePoint);
  return keys.map((key) => {
    const [kind, name] = key.split("\u0000") as [string, string];
    const left = a.get(key);
    const right = b.get(key);
    if (!right) return { kind, name, status: "only in A", fields: [] };
    if (!left) return { kind, name, status: "only in B", fields: [] };
    const fields = differingFields(left, right);
    return { kind, name, status: fields.length > 0 ? "differs" : "identical", fields };
  });
}

export function renderComparison(orgA: string, orgB: string, rows: ComparedConnector[]): string {
  const header = ["kind", "name", "status", "fields"];
  const cells = rows.map((r) => [r.kind, r.name, r.status, r.fields.join(", ")]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((row) => row[i]!.length)));
  const line = (row: string[]) =>
    row
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  const counts = (status: Comparison) => rows.filter((r) => r.status === status).length;
  return [
    `A = ${orgA}, B = ${orgB}`,
    "",
    line(header),
    line(widths.map((w) => "-".repeat(w))),
    ...cells.map(line),
    "",
    `${counts("identical")} identical · ${counts("differs")} differ · ${counts("only in A")} only in A · ${counts("only in B")} only in B`,
    "",
  ].join("\n");
}

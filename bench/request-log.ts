// Reading the emulator's request log: every figure about API calls is counted here, at the API, from what the
// server actually received (the provider runs in the plugin process, out of reach of the client's onRequest
// hook). Paths follow docs/connectors-api.md.
import type { LoggedRequest } from "../emulator";

export type CallKind =
  | "token"
  | "access"
  | "create"
  | "read"
  | "list"
  | "update"
  | "activate"
  | "deactivate"
  | "reauthorize"
  | "delete"
  | "references"
  | "other";

export const WRITE_KINDS: readonly CallKind[] = [
  "create",
  "update",
  "activate",
  "deactivate",
  "reauthorize",
  "delete",
];
export const READ_KINDS: readonly CallKind[] = ["access", "read", "list", "references"];

const ITEM = /^\/organization\/[^/]+\/connector\/([^/]+)(?:\/([a-z-]+))?$/;

export function callKind(entry: Pick<LoggedRequest, "method" | "path">): CallKind {
  const { method, path } = entry;
  if (method === "POST" && (path === "/v1/access_token" || /^\/v1\/applications\/[^/]+\/token$/.test(path))) {
    return "token";
  }
  if (method === "POST" && /^\/organization\/[^/]+\/connector$/.test(path)) return "create";
  if (method === "GET" && /^\/organization\/[^/]+\/connector-access$/.test(path)) return "access";
  if (method === "GET" && /^\/organization\/[^/]+\/v2\/connector$/.test(path)) return "list";
  const item = ITEM.exec(path);
  if (!item) return "other";
  const action = item[2];
  if (action === undefined) {
    if (method === "GET") return "read";
    if (method === "PUT") return "update";
    if (method === "DELETE") return "delete";
    return "other";
  }
  if (method === "GET" && action === "incoming-references") return "references";
  if (method === "POST" && (action === "activate" || action === "deactivate" || action === "reauthorize")) {
    return action;
  }
  return "other";
}

/** The connector an item request is about, if any. */
export function connectorIdOf(entry: Pick<LoggedRequest, "path">): string | undefined {
  const item = ITEM.exec(entry.path);
  return item ? decodeURIComponent(item[1]) : undefined;
}

/**
 * Calls the API accepted (everything but 429: those count against the quota), and separately the requests it
 * refused with 429, which the client sends again after Retry-After.
 */
export interface CallCounts {
  total: number;
  /** Accepted calls per kind, kinds with none left out. */
  byKind: Partial<Record<CallKind, number>>;
  writes: number;
  reads: number;
  tokens: number;
  /** Requests refused with 429 (not in the counts above). */
  rateLimited: number;
}

export function countCalls(entries: readonly LoggedRequest[]): CallCounts {
  const byKind: Partial<Record<CallKind, number>> = {};
  let rateLimited = 0;
  for (const entry of entries) {
    if (entry.status === 429) {
      rateLimited++;
      continue;
    }
    const kind = callKind(entry);
    byKind[kind] = (byKind[kind] ?? 0) + 1;
  }
  const sum = (kinds: readonly CallKind[]) => kinds.reduce((n, kind) => n + (byKind[kind] ?? 0), 0);
  return {
    total: entries.length - rateLimited,
    byKind,
    writes: sum(WRITE_KINDS),
    reads: sum(READ_KINDS),
    tokens: byKind.token ?? 0,
    rateLimited,
  };
}

/** Token requests the API accepted, per org (the log knows a token request's OAuth client, not its org). */
export function tokensPerOrg(
  entries: readonly LoggedRequest[],
  orgOfClient: ReadonlyMap<string, string>,
): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const orgId of new Set(orgOfClient.values())) counts[orgId] = 0;
  for (const entry of entries) {
    if (callKind(entry) !== "token" || entry.status === 429) continue;
    const orgId =
      (entry.clientId === undefined ? undefined : orgOfClient.get(entry.clientId)) ?? "(unknown client)";
    counts[orgId] = (counts[orgId] ?? 0) + 1;
  }
  return counts;
}

/**
 * The most requests of any one OAuth client the API accepted within any `windowMs` (the rate limit's sliding
 * window; refused requests do not count against it).
 */
export function peakPerClient(entries: readonly LoggedRequest[], windowMs = 60_000): Record<string, number> {
  const times = new Map<string, number[]>();
  for (const entry of entries) {
    // Token requests go to the identity service, which does not count them against the API's quota.
    if (entry.status === 429 || callKind(entry) === "token") continue;
    const client = entry.clientId ?? "(none)";
    const list = times.get(client) ?? [];
    list.push(entry.time);
    times.set(client, list);
  }
  const peaks: Record<string, number> = {};
  for (const [client, list] of times) {
    list.sort((a, b) => a - b);
    let best = 0;
    let start = 0;
    for (let end = 0; end < list.length; end++) {
      while (list[end] - list[start] >= windowMs) start++;
      best = Math.max(best, end - start + 1);
    }
    peaks[client] = best;
  }
  return peaks;
}

export interface InactiveSpell {
  connectorId: string;
  orgId?: string;
  /** When the deactivation took effect (the log's time), epoch ms. */
  from: number;
  /** When the re-activation took effect; undefined if the connector was left inactive. */
  to?: number;
  ms?: number;
}

/** Every deactivate → activate spell per connector, from successful requests, in log order. */
export function inactiveSpells(entries: readonly LoggedRequest[]): InactiveSpell[] {
  const open = new Map<string, InactiveSpell>();
  const spells: InactiveSpell[] = [];
  for (const entry of entries) {
    if (entry.status < 200 || entry.status >= 300) continue;
    const kind = callKind(entry);
    if (kind !== "deactivate" && kind !== "activate") continue;
    const id = connectorIdOf(entry)!;
    if (kind === "deactivate") {
      if (!open.has(id)) open.set(id, { connectorId: id, orgId: entry.orgId, from: entry.time });
      continue;
    }
    const spell = open.get(id);
    if (!spell) continue;
    open.delete(id);
    spells.push({ ...spell, to: entry.time, ms: entry.time - spell.from });
  }
  spells.push(...open.values());
  return spells;
}

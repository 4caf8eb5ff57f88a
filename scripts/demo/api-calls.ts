// Reads the emulator's request log: which product API calls an operation made, per connector and in total.
import type { LoggedRequest } from "pulumi-wxcc/emulator";

export type ApiArea = "Contact Center" | "identity" | "Salesforce";

export function areaOf(request: Pick<LoggedRequest, "path">): ApiArea {
  if (request.path.startsWith("/salesforce")) return "Salesforce";
  if (request.path.startsWith("/organization/") || request.path.startsWith("/flow-store/")) {
    return "Contact Center";
  }
  return "identity";
}

export function countByArea(requests: readonly LoggedRequest[]): Record<ApiArea, number> {
  const counts: Record<ApiArea, number> = { "Contact Center": 0, identity: 0, Salesforce: 0 };
  for (const request of requests) counts[areaOf(request)] += 1;
  return counts;
}

const CONNECTOR_PATH = /^\/organization\/[^/]+\/connector\/([^/]+)(?:\/([a-z-]+))?$/;

/**
 * The writes made to each connector, in order, as the product's verbs: "deactivate", "edit", "activate",
 * "re-authorize", "delete". Reads are left out. Keyed by connector id.
 */
export function writesPerConnector(requests: readonly LoggedRequest[]): Map<string, string[]> {
  const writes = new Map<string, string[]>();
  for (const request of requests) {
    if (request.method === "GET" || request.status >= 400 || request.status === 0) continue;
    const match = CONNECTOR_PATH.exec(request.path);
    if (!match) continue;
    const [, id, action] = match;
    const verb = action
      ? (
          { deactivate: "deactivate", activate: "activate", reauthorize: "re-authorize" } as Record<
            string,
            string
          >
        )[action]
      : request.method === "PUT"
        ? "edit"
        : request.method === "DELETE"
          ? "delete"
          : undefined;
    if (!verb) continue;
    const list = writes.get(id!) ?? [];
    list.push(verb);
    writes.set(id!, list);
  }
  return writes;
}

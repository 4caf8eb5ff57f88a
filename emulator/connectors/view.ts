import type { ConnectorRecord } from "../core/state";

/** The connector as the API returns it: secret values never, only the names of the secrets that are set. */
export function toWire(record: ConnectorRecord): Record<string, unknown> {
  return {
    id: record.id,
    organizationId: record.organizationId,
    name: record.name,
    type: record.type,
    ...(record.description === undefined ? {} : { description: record.description }),
    active: record.active,
    version: record.version,
    settings: structuredClone(record.settings),
    credentials: structuredClone(record.credentials),
    secretFields: Object.keys(record.secretHashes).sort(),
    ...(record.type === "GOOGLE_CCAI" ? { authorizationRequired: record.authorizationRequired } : {}),
    createdTime: record.createdTime,
    lastUpdatedTime: record.lastUpdatedTime,
  };
}

/** Oldest first. The sort is stable and records are stored in creation order, so connectors created in
 * the same millisecond keep the order they were created in. */
export function byCreation(a: ConnectorRecord, b: ConnectorRecord): number {
  return a.createdTime - b.createdTime;
}

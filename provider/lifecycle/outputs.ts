// Outputs and rebuilt inputs from a live connector. The API never returns secrets, so a digest of the last
// applied ones is carried under the same keys (secret-digest.ts): the engine re-marks them secret by key,
// and diff can see a rotation.
import type { KindSpec } from "../kinds/spec";
import type { Connector, Region } from "../webex/types";
import { secretDigest } from "./secret-digest";
import { clean, getPath, setPathIfParent, type Values } from "./values";

/**
 * Bumped when the shape of outputs changes, so later versions can read older state. 2: secrets are
 * recorded as digests (1 held the secrets themselves).
 */
export const SCHEMA_VERSION = 2;

export const IDENTITY_KEYS = ["name", "orgId", "region"] as const;
export const COMMON_INPUT_KEYS = ["name", "orgId", "region", "active", "description"] as const;
export const COMMON_OUTPUT_KEYS = [
  "connectorId",
  "kind",
  "version",
  "createdAt",
  "lastUpdatedAt",
  "schemaVersion",
  "adoption",
] as const;

function isoTime(epochMs: number | undefined): string | undefined {
  return typeof epochMs === "number" && Number.isFinite(epochMs)
    ? new Date(epochMs).toISOString()
    : undefined;
}

export function kindInputs(spec: KindSpec, connector: Connector, applied: Values): Values {
  const flat = clean(spec.flatten(connector));
  for (const path of spec.secretPaths) {
    const value = getPath(applied, path.split("."));
    if (value !== undefined) setPathIfParent(flat, path, secretDigest(value));
  }
  return flat;
}

export function outputsOf(spec: KindSpec, connector: Connector, region: Region, applied: Values): Values {
  return clean({
    ...kindInputs(spec, connector, applied),
    name: connector.name,
    orgId: connector.organizationId,
    region,
    active: connector.active,
    description: connector.description ? connector.description : undefined,
    ...spec.outputsFrom?.(connector),
    connectorId: connector.id,
    kind: connector.type,
    version: connector.version,
    createdAt: isoTime(connector.createdTime),
    lastUpdatedAt: isoTime(connector.lastUpdatedTime),
    schemaVersion: SCHEMA_VERSION,
    // How the connector was taken over (adopt: true), kept for as long as the resource lives.
    adoption: applied.adoption,
  });
}

/** The inputs a program would declare to get these outputs (for refresh). */
export function inputsOf(spec: KindSpec, outputs: Values): Values {
  const keys = [...COMMON_INPUT_KEYS, ...Object.keys(spec.fields), "adoption"];
  return clean(Object.fromEntries(keys.map((key) => [key, outputs[key]])));
}

// The machine-readable summary (--json-out). It names fields but carries no values at all, so it can be
// stored as a CI artifact without ever holding a secret.
import type { Plan, PlannedResource } from "./plan";

export const SUMMARY_SCHEMA_VERSION = 1;

export interface SummaryResource {
  urn: string;
  logicalName: string;
  type: string;
  kind: string | null;
  name: string;
  previousName: string | null;
  operation: string;
  /** For operation "adopt": the existing connector's id, kept. */
  adoptedId: string | null;
  changedFields: string[];
  /** Fields that may have changed: secrets whose change a preview cannot show. */
  possiblyChangedFields: string[];
  deactivates: boolean;
  replaces: boolean;
  deletes: boolean;
  stopsRouting: boolean;
  warnings: string[];
  /** What a flow change does: re-pointed references with their activities, republished tags. */
  notes: string[];
}

export interface PlanSummary {
  schemaVersion: number;
  project: string | null;
  stack: string | null;
  hasChanges: boolean;
  hasErrors: boolean;
  counts: Record<string, number>;
  stopsRouting: number;
  orgs: { orgId: string; region: string | null; resources: SummaryResource[] }[];
  others: SummaryResource[];
  diagnostics: { severity: string; message: string; urn: string | null }[];
}

export function toSummary(plan: Plan): PlanSummary {
  const orgs = plan.orgs.map((org) => ({
    orgId: org.orgId,
    region: org.region ?? null,
    resources: org.resources.map(resource),
  }));
  return {
    schemaVersion: SUMMARY_SCHEMA_VERSION,
    project: plan.project ?? null,
    stack: plan.stack ?? null,
    hasChanges: plan.hasChanges,
    hasErrors: plan.hasErrors,
    counts: plan.counts,
    stopsRouting: orgs.flatMap((o) => o.resources).filter((r) => r.stopsRouting).length,
    orgs,
    others: plan.others.map(resource),
    diagnostics: plan.diagnostics.map((d) => ({
      severity: d.severity,
      message: d.message,
      urn: d.urn ?? null,
    })),
  };
}

function resource(r: PlannedResource): SummaryResource {
  const isConnector = r.kind?.isConnector === true;
  const replaces = r.operation === "replace";
  const deletes = r.operation === "delete";
  return {
    urn: r.urn,
    logicalName: r.logicalName,
    type: r.type,
    kind: r.kind?.type ?? null,
    name: r.name,
    previousName: r.previousName ?? null,
    operation: r.operation,
    adoptedId: r.adoption?.connectorId ?? null,
    changedFields: r.adoption?.changes ?? r.changes.filter((c) => c.certain).map((c) => c.path),
    possiblyChangedFields: r.changes.filter((c) => !c.certain).map((c) => c.path),
    deactivates: r.deactivates,
    replaces,
    deletes,
    stopsRouting: isConnector && (r.deactivates || replaces || deletes),
    warnings: r.warnings.map((w) => w.text),
    notes: r.notes,
  };
}

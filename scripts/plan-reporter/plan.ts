// Turns a preview digest into a plan: one entry per resource (a replacement's three steps become one),
// grouped by Contact Center org, with the consequences a contact-center admin cares about spelled out.
import { layoutChanges, layoutWarnings } from "./desktop-layout";
import { type FieldChange, fieldChanges, KNOWN_AFTER_APPLY, UNKNOWN } from "./field-changes";
import { type FlowBinding, flowBinding, flowNotes, repointWarning } from "./flows";
import type { PreviewDigest, PreviewStep, ResourceState } from "./preview-json";
import { isCredentialPath, kindRank, type WxccKind, wxccKindOf } from "./resource-kinds";

export type Operation = "create" | "adopt" | "update" | "replace" | "delete" | "same" | (string & {});

/** A connector (desktop layout, call center) taken over (adopt: true) instead of created, as check resolved it. */
export interface PlannedAdoption {
  /** The existing connector's (layout's, call center's) id, kept. */
  connectorId: string;
  /** The fields the up changes on it. */
  changes: string[];
  /** "taken as declared, not verified", or that they are pushed; "" for a layout (it has none). */
  credentials: string;
}

/** "agents": a desktop layout change that reaches agents at their next sign-in (no routing stops). */
export type Consequence = "deactivates" | "replaces" | "deletes" | "agents";

export interface PlanWarning {
  consequence: Consequence;
  orgId: string;
  name: string;
  text: string;
}

export interface PlannedResource {
  urn: string;
  /** The name the program gave the resource. */
  logicalName: string;
  type: string;
  kind?: WxccKind;
  kindLabel: string;
  /** The connector's name in Control Hub (its ID in the product), or the call center's internal name. */
  name: string;
  /** Set when a replacement renames it. */
  previousName?: string;
  orgId: string;
  region?: string;
  operation: Operation;
  changes: FieldChange[];
  /** The connector is deactivated for this change: call routing stops for the flows that use it. */
  deactivates: boolean;
  /** True for an update that turns a deactivated connector back on. */
  reactivates: boolean;
  deleteBeforeReplace: boolean;
  /** Set when operation is "adopt". */
  adoption?: PlannedAdoption;
  warnings: PlanWarning[];
  /** Lines shown after the changed fields (a flow's re-pointed references and republished tags). */
  notes: string[];
  /** Replaces the consequence shown next to the operation. */
  flag?: string;
}

export interface OrgPlan {
  orgId: string;
  region?: string;
  resources: PlannedResource[];
}

export interface PlanDiagnostic {
  severity: string;
  message: string;
  urn?: string;
}

export interface Plan {
  stack?: string;
  project?: string;
  orgs: OrgPlan[];
  /** Changed resources that are not pulumi-wxcc's (the stack itself and providers left out). */
  others: PlannedResource[];
  counts: Record<string, number>;
  hasChanges: boolean;
  warnings: PlanWarning[];
  diagnostics: PlanDiagnostic[];
  hasErrors: boolean;
  durationMs?: number;
}

export const DEFAULT_ORG = "(stack default org)";
const UNCHANGED = new Set(["same", "read", "refresh"]);
const REPLACEMENT_STEPS = new Set(["replace", "create-replacement", "delete-replaced"]);

export function isChange(operation: Operation): boolean {
  return !UNCHANGED.has(operation);
}

export function buildPlan(digest: PreviewDigest): Plan {
  const config = digest.config ?? {};
  const defaultOrg = stringOr(config["wxcc:orgId"], DEFAULT_ORG);
  const defaultRegion = stringOr(config["wxcc:region"], undefined);
  const orgs = new Map<string, OrgPlan>();
  const others: PlannedResource[] = [];
  const counts: Record<string, number> = {};
  let stack: string | undefined;
  let project: string | undefined;
  const flows: FlowBinding[] = [];
  const replacedConnectors: { resource: PlannedResource; oldId: unknown }[] = [];
  const keptConnectorIds = new Set<string>();

  for (const steps of groupByUrn(digest.steps ?? [])) {
    const urn = parseUrn(steps[0]!.urn);
    stack ??= urn.stack;
    project ??= urn.project;
    if (urn.type === "pulumi:pulumi:Stack" || urn.type.startsWith("pulumi:providers:")) continue;
    const { resource, oldState, newState } = planResource(steps, urn, defaultOrg, defaultRegion);
    counts[resource.operation] = (counts[resource.operation] ?? 0) + 1;
    if (resource.kind?.type === "Flow") flows.push(flowBinding(resource, oldState, newState));
    const oldConnectorId = oldState?.outputs?.connectorId;
    if (
      resource.kind?.isConnector &&
      resource.operation !== "replace" &&
      typeof oldConnectorId === "string"
    ) {
      keptConnectorIds.add(oldConnectorId);
    }
    if (resource.kind?.isConnector && resource.operation === "replace") {
      replacedConnectors.push({ resource, oldId: oldState?.outputs?.connectorId });
    }
    if (!resource.kind) {
      if (isChange(resource.operation)) others.push(resource);
      continue;
    }
    let org = orgs.get(resource.orgId);
    if (!org) {
      org = { orgId: resource.orgId, region: resource.region, resources: [] };
      orgs.set(resource.orgId, org);
    }
    if (org.region !== resource.region) org.region = undefined;
    org.resources.push(resource);
  }

  for (const { flow, oldState, newState } of flows) {
    flow.notes = flowNotes(flow.operation, oldState, newState, keptConnectorIds);
  }
  for (const { resource, oldId } of replacedConnectors) {
    const repointed = repointWarning(resource, oldId, flows);
    if (!repointed) continue;
    resource.flag = repointed.flag;
    resource.warnings = resource.warnings.map((w) =>
      w.consequence === "replaces" ? { ...w, text: repointed.text } : w,
    );
  }

  // The engine registers resources in whatever order their inputs resolve; a stable order reads better.
  for (const org of orgs.values()) {
    org.resources.sort(
      (a, b) => kindRank(a.kind) - kindRank(b.kind) || a.logicalName.localeCompare(b.logicalName),
    );
  }
  const allResources = [...[...orgs.values()].flatMap((org) => org.resources), ...others];
  const diagnostics = (digest.diagnostics ?? [])
    .filter((d) => d.severity === "error" || d.severity === "warning")
    .map((d) => ({ severity: d.severity!, message: d.message.trim(), urn: d.urn }));
  const summaryChanges = Object.entries(digest.changeSummary ?? {}).some(([op, n]) => op !== "same" && n > 0);
  return {
    stack,
    project,
    orgs: [...orgs.values()],
    others,
    counts,
    hasChanges: summaryChanges || allResources.some((r) => isChange(r.operation)),
    warnings: allResources.flatMap((r) => r.warnings),
    diagnostics,
    hasErrors: diagnostics.some((d) => d.severity === "error"),
    durationMs: digest.duration === undefined ? undefined : Math.round(digest.duration / 1e6),
  };
}

interface Urn {
  stack?: string;
  project?: string;
  type: string;
  name: string;
}

/** `urn:pulumi:<stack>::<project>::<parent$type>::<name>` */
export function parseUrn(urn: string): Urn {
  const parts = urn.split("::");
  if (parts.length < 4 || !parts[0]!.startsWith("urn:pulumi:")) return { type: "", name: urn };
  const qualifiedType = parts[2]!;
  return {
    stack: parts[0]!.slice("urn:pulumi:".length),
    project: parts[1],
    type: qualifiedType.slice(qualifiedType.lastIndexOf("$") + 1),
    name: parts.slice(3).join("::"),
  };
}

function groupByUrn(steps: PreviewStep[]): PreviewStep[][] {
  const groups = new Map<string, PreviewStep[]>();
  for (const step of steps) {
    const group = groups.get(step.urn);
    if (group) group.push(step);
    else groups.set(step.urn, [step]);
  }
  return [...groups.values()];
}

function planResource(
  steps: PreviewStep[],
  urn: Urn,
  defaultOrg: string,
  defaultRegion?: string,
): { resource: PlannedResource; oldState: ResourceState | undefined; newState: ResourceState | undefined } {
  const ops = steps.map((s) => s.op);
  const isReplace = ops.some((op) => REPLACEMENT_STEPS.has(op));
  const main = isReplace ? steps.find((s) => s.op === "replace") : steps[steps.length - 1];
  const adoption = ops[ops.length - 1] === "create" ? adoptionOf(main?.newState?.inputs) : undefined;
  const operation: Operation = isReplace ? "replace" : adoption ? "adopt" : ops[ops.length - 1]!;
  const oldState: ResourceState | undefined =
    main?.oldState ?? steps.find((s) => s.oldState)?.oldState ?? undefined;
  const newState: ResourceState | undefined =
    main?.newState ?? steps.find((s) => s.newState)?.newState ?? undefined;
  const oldIn = oldState?.inputs ?? {};
  const newIn = newState?.inputs ?? {};
  const current = operation === "delete" ? oldState : (newState ?? oldState);
  const type = current?.type ?? urn.type;
  const kind = wxccKindOf(type, current?.outputs?.kind ?? current?.inputs?.kind);

  const reported = unique(
    steps.flatMap((s) => [
      ...(s.diffReasons ?? []),
      ...(s.replaceReasons ?? []),
      ...Object.keys(s.detailedDiff ?? {}),
    ]),
  );
  const isLayout = kind?.type === "DesktopLayout";
  const isFlow = kind?.type === "Flow";
  // A flow's definition is a large document: its row says what the change does instead of diffing it.
  const changes =
    !isFlow && (operation === "update" || operation === "replace")
      ? isLayout
        ? layoutChanges(oldIn, newIn)
        : fieldChanges(kind, oldIn, newIn, reported)
      : [];

  const nameOf = (state: ResourceState | undefined) =>
    stringOr(
      state?.inputs?.name ??
        state?.inputs?.internalName ??
        state?.outputs?.name ??
        state?.outputs?.internalName,
      undefined,
    );
  const name =
    (operation === "delete" ? nameOf(oldState) : (nameOf(newState) ?? nameOf(oldState))) ?? urn.name;
  const oldName = nameOf(oldState);
  const orgId = stringOr(pick(current, "orgId") ?? pick(oldState, "orgId"), defaultOrg);
  const region = stringOr(pick(current, "region") ?? pick(oldState, "region"), defaultRegion);

  const wasActive = (pick(oldState, "active") ?? true) !== false;
  const willBeActive = (newIn.active ?? true) !== false;
  const credentialChanges = kind ? changes.filter((c) => isCredentialPath(kind, c.path)) : [];
  const isConnector = kind?.isConnector === true;
  const adoptionDeactivates =
    isConnector &&
    adoption !== undefined &&
    ((kind !== undefined && adoption.changes.some((path) => isCredentialPath(kind, path))) ||
      (adoption.changes.includes("active") && !willBeActive));
  const deactivates =
    (isConnector && operation === "update" && wasActive && (credentialChanges.length > 0 || !willBeActive)) ||
    adoptionDeactivates;
  const reactivates = isConnector && operation === "update" && !wasActive && willBeActive;
  const deleteBeforeReplace =
    isReplace &&
    ops.indexOf("delete-replaced") >= 0 &&
    ops.indexOf("delete-replaced") < ops.indexOf("create-replacement");

  const resource: PlannedResource = {
    urn: steps[0]!.urn,
    logicalName: urn.name,
    type,
    kind,
    kindLabel: kind?.label ?? type,
    name,
    previousName: operation === "replace" && oldName && oldName !== name ? oldName : undefined,
    orgId,
    region,
    operation,
    changes,
    deactivates,
    reactivates,
    deleteBeforeReplace,
    ...(adoption ? { adoption } : {}),
    warnings: [],
    notes: [],
  };
  if (isConnector) resource.warnings = connectorWarnings(resource, credentialChanges, willBeActive);
  if (isLayout) resource.warnings = layoutWarnings(resource, oldIn, newIn);
  return { resource, oldState, newState };
}

function connectorWarnings(
  r: PlannedResource,
  credentialChanges: FieldChange[],
  willBeActive: boolean,
): PlanWarning[] {
  const who = `${r.previousName ?? r.name} (${r.kindLabel})`;
  const warn = (consequence: Consequence, text: string): PlanWarning => ({
    consequence,
    orgId: r.orgId,
    name: r.previousName ?? r.name,
    text,
  });
  if (r.deactivates && credentialChanges.length > 0) {
    const fields = credentialChanges.map((c) => c.path).join(", ");
    const reactivation = willBeActive ? ", then re-activated" : " and stays inactive";
    return [
      warn(
        "deactivates",
        `${who} is deactivated to change its credentials (${fields})${reactivation}: call routing stops ` +
          "for every flow that uses it meanwhile. Apply outside business hours.",
      ),
    ];
  }
  if (r.adoption && r.deactivates) {
    const credentials = r.adoption.changes.filter((path) => r.kind && isCredentialPath(r.kind, path));
    const why =
      credentials.length > 0 ? ` to write the declared credentials (${credentials.join(", ")})` : "";
    return [
      warn(
        "deactivates",
        `${who} is taken over (id ${r.adoption.connectorId}) and deactivated${why}: call routing stops for ` +
          "every flow that uses it meanwhile. Apply outside business hours.",
      ),
    ];
  }
  if (r.deactivates) {
    return [warn("deactivates", `${who} is deactivated: call routing stops for every flow that uses it.`)];
  }
  if (r.operation === "replace") {
    const renamed = r.previousName ? ` by ${r.name}` : "";
    const order = r.deleteBeforeReplace ? " The old connector is deleted before the new one exists." : "";
    return [
      warn(
        "replaces",
        `${who} is replaced${renamed}: the new connector gets a new ID, so every flow that refers to it must ` +
          `be re-pointed; routing through the old one stops when it is deleted.${order}`,
      ),
    ];
  }
  if (r.operation === "delete") {
    return [
      warn(
        "deletes",
        `${who} is deleted: call routing stops for every flow that uses it, and those flows lose the connector.`,
      ),
    ];
  }
  return [];
}

function pick(state: ResourceState | undefined | null, key: string): unknown {
  return state?.inputs?.[key] ?? state?.outputs?.[key];
}

function stringOr<T extends string | undefined>(value: unknown, fallback: T): string | T {
  if (value === UNKNOWN) return KNOWN_AFTER_APPLY;
  return typeof value === "string" && value !== "" && value !== "[secret]" ? value : fallback;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function adoptionOf(inputs: Record<string, unknown> | undefined): PlannedAdoption | undefined {
  const value = inputs?.adoption as
    (Partial<PlannedAdoption> & { layoutId?: unknown; callCenterId?: unknown }) | undefined;
  if (value === null || typeof value !== "object") return undefined;
  // A desktop layout's adoption names the layout's id, a call center's its record id; neither has credentials.
  const id = [value.connectorId, value.layoutId, value.callCenterId].find((v) => typeof v === "string");
  if (typeof id !== "string") return undefined;
  return {
    connectorId: id,
    changes: Array.isArray(value.changes) ? value.changes.filter((c) => typeof c === "string") : [],
    credentials: typeof value.credentials === "string" ? value.credentials : "",
  };
}

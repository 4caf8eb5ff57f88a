// What an operation reports: one entry per engine step, diagnostics like the CLI prints them, the plugin's
// own output, and for previews the `pulumi preview --json` document (docs/preview-json.md).
import type { CheckFailure } from "./plugin";
import { maskSecrets, type PropertyMap } from "./properties";
import type { ResourceState } from "./state";

export type StepOp =
  | "same"
  | "create"
  | "update"
  | "replace"
  | "create-replacement"
  | "delete-replaced"
  | "delete"
  | "refresh"
  | "read"
  | "discard";

export type OperationKind = "preview" | "up" | "refresh" | "destroy";

export interface PropertyDiff {
  kind: "add" | "add-replace" | "delete" | "delete-replace" | "update" | "update-replace";
  inputDiff: boolean;
}

export interface Step {
  op: StepOp;
  urn: string;
  type: string;
  name: string;
  /** The provider reference (`<urn>::<id>`) the engine would report. */
  provider?: string;
  /** State before the step (secrets as envelopes). Read-only: once saved, a state is frozen. */
  oldState?: ResourceState;
  /**
   * State after the step; during previews the planned state (unknowns as the sentinel). Read-only, as
   * `oldState`.
   */
  newState?: ResourceState;
  /** Changed input keys (keys starting with "__" excluded). */
  diffReasons: string[];
  /** Keys that force a replacement. */
  replaceReasons: string[];
  /** Present when the engine computed a per-property diff (the DIFF_UNKNOWN fallback). */
  detailedDiff?: Record<string, PropertyDiff>;
  /** For replacements: whether the old resource is deleted before its replacement is created. */
  deleteBeforeReplace?: boolean;
  checkFailures: CheckFailure[];
  /** The provider's (or engine's) error message when the step failed. */
  error?: string;
  /** Refresh: output keys whose values changed in the live object. */
  drift?: string[];
  /** Refresh: input keys the provider's read() changed. */
  inputDrift?: string[];
  /** Refresh: the provider reported the object gone, so it left the state. */
  gone?: boolean;
  /** Delete: retainOnDelete kept the real object; only the state entry was dropped. */
  retained?: boolean;
}

export interface Diagnostic {
  urn?: string;
  severity: "error" | "warning" | "info";
  message: string;
}

export interface PreviewJsonOptions {
  /** Include "same" steps (the CLI needs --show-sames). Default true. */
  showSames?: boolean;
  /**
   * Show replacements as create-replacement/replace/delete-replaced (the CLI needs
   * --show-replacement-steps); false shows only the logical "replace" step. Default true.
   */
  showReplacementSteps?: boolean;
}

/** Counts steps per op, a replacement once (under "replace"). */
export function summarize(steps: readonly Pick<Step, "op">[]): Record<string, number> {
  const summary: Record<string, number> = {};
  for (const s of steps) {
    if (s.op === "create-replacement" || s.op === "delete-replaced") continue;
    summary[s.op] = (summary[s.op] ?? 0) + 1;
  }
  return summary;
}

export interface OperationData {
  operation: OperationKind;
  ok: boolean;
  error?: string;
  steps: Step[];
  /** The root stack and default provider steps, which the CLI shows too but tests rarely care about. */
  internalSteps: Step[];
  diagnostics: Diagnostic[];
  pluginLog: string;
  durationMs: number;
  /** The stack config the operation used, secrets as envelopes. */
  config: PropertyMap;
  /** What the program returned (its stack exports), for preview and up. */
  exports?: unknown;
}

export class OperationResult implements OperationData {
  readonly operation: OperationKind;
  readonly ok: boolean;
  readonly error?: string;
  readonly steps: Step[];
  readonly internalSteps: Step[];
  readonly diagnostics: Diagnostic[];
  readonly pluginLog: string;
  readonly durationMs: number;
  readonly config: PropertyMap;
  readonly exports?: unknown;

  constructor(data: OperationData) {
    this.operation = data.operation;
    this.ok = data.ok;
    this.error = data.error;
    this.steps = data.steps;
    this.internalSteps = data.internalSteps;
    this.diagnostics = data.diagnostics;
    this.pluginLog = data.pluginLog;
    this.durationMs = data.durationMs;
    this.config = data.config;
    this.exports = data.exports;
  }

  /** Step counts per op for the program's resources (a replacement counts once, as "replace"). */
  get changeSummary(): Record<string, number> {
    return summarize(this.steps);
  }

  /** The steps of the resource named `name` (or with that URN), in execution order. */
  stepsFor(nameOrUrn: string): Step[] {
    return this.steps.filter((s) => s.name === nameOrUrn || s.urn === nameOrUrn);
  }

  /** The logical step of a resource: the one that is not a create-replacement/delete-replaced half. */
  step(nameOrUrn: string): Step | undefined {
    const steps = this.stepsFor(nameOrUrn);
    return steps.find((s) => s.op !== "create-replacement" && s.op !== "delete-replaced") ?? steps[0];
  }

  /** Ops in execution order as "op:name" strings: handy for asserting orderings. */
  get opLog(): string[] {
    return this.steps.map((s) => `${s.op}:${s.name}`);
  }

  /** Throws with every error diagnostic if the operation failed. */
  assertOk(): this {
    if (!this.ok) {
      const errors = this.diagnostics.filter((d) => d.severity === "error").map((d) => d.message);
      throw new Error(`${this.operation} failed: ${this.error}\n${errors.join("\n")}`);
    }
    return this;
  }
}

export class PreviewResult extends OperationResult {
  /** The `pulumi preview --json` document (docs/preview-json.md), every secret as "[secret]". */
  toPreviewJson(options: PreviewJsonOptions = {}): PreviewJson {
    const showSames = options.showSames ?? true;
    const showReplacementSteps = options.showReplacementSteps ?? true;
    const all = [...this.internalSteps, ...this.steps];
    const shown = all.filter((s) => {
      if (s.type === "pulumi:pulumi:Stack") return true;
      if (s.op === "same") return showSames;
      if (s.op === "create-replacement" || s.op === "delete-replaced") return showReplacementSteps;
      return true;
    });
    return {
      config: maskSecrets(this.config) as Record<string, unknown>,
      steps: shown.map(jsonStep),
      diagnostics: this.diagnostics.map((d) => ({
        ...(d.urn ? { urn: d.urn } : {}),
        message: d.message,
        severity: d.severity,
      })),
      duration: Math.round(this.durationMs * 1e6),
      changeSummary: summarize(all),
    };
  }
}

export interface PreviewJsonState {
  urn: string;
  custom: boolean;
  id?: string;
  type: string;
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
  parent?: string;
  provider?: string;
  protect?: boolean;
  dependencies?: string[];
  additionalSecretOutputs?: string[];
  retainOnDelete?: boolean;
}

export interface PreviewJsonStep {
  op: StepOp;
  urn: string;
  provider?: string;
  oldState?: PreviewJsonState;
  newState?: PreviewJsonState;
  diffReasons?: string[];
  replaceReasons?: string[];
  detailedDiff?: Record<string, PropertyDiff>;
}

export interface PreviewJson {
  config: Record<string, unknown>;
  steps: PreviewJsonStep[];
  diagnostics: Array<{ urn?: string; message: string; severity: string }>;
  duration: number;
  changeSummary: Record<string, number>;
}

function jsonState(s: ResourceState): PreviewJsonState {
  // apitype.ResourceV3 field names and omitempty behaviour; secrets masked like stateForJSONOutput.
  const out: PreviewJsonState = {
    urn: s.urn,
    custom: s.custom,
    type: s.type,
    inputs: maskSecrets(s.inputs) as Record<string, unknown>,
    outputs: maskSecrets(s.outputs) as Record<string, unknown>,
  };
  if (s.id) out.id = s.id;
  if (s.parent) out.parent = s.parent;
  if (s.provider) out.provider = s.provider;
  if (s.protect) out.protect = true;
  if (s.dependencies.length > 0) out.dependencies = s.dependencies;
  if (s.additionalSecretOutputs?.length) out.additionalSecretOutputs = s.additionalSecretOutputs;
  if (s.retainOnDelete) out.retainOnDelete = true;
  return out;
}

function jsonStep(s: Step): PreviewJsonStep {
  const out: PreviewJsonStep = { op: s.op, urn: s.urn };
  if (s.provider) out.provider = s.provider;
  if (s.oldState) out.oldState = jsonState(s.oldState);
  if (s.newState) out.newState = jsonState(s.newState);
  if (s.diffReasons.length > 0) out.diffReasons = s.diffReasons;
  if (s.replaceReasons.length > 0) out.replaceReasons = s.replaceReasons;
  if (s.detailedDiff) out.detailedDiff = s.detailedDiff;
  return out;
}

// The step generator and executor for preview and up: what the engine does with each registration the
// program makes, reproduced from pulumi/pulumi pkg/resource/deploy/step_generator.go (GenerateSteps,
// diffResource, issueCheckErrors), step_executor.go (secret outputs) and step.go (Create/Update/Delete/
// Replace steps). Steps run one at a time in registration order, then removed and replaced resources are
// deleted in reverse dependency order.
import type { DynamicProviderPlugin } from "./plugin";
import { PluginCallError } from "./plugin";
import type { Registration, RegistrationResult } from "./program";
import {
  annotateSecrets,
  applySecretOutputRules,
  changedKeys,
  cloneWire,
  isSecret,
  maskSecrets,
  type PropertyMap,
  SECRET_MASK,
  toProviderMap,
} from "./properties";
import type { Diagnostic, PropertyDiff, Step, StepOp } from "./results";
import type { ResourceState, Snapshot } from "./state";

export const STACK_TYPE = "pulumi:pulumi:Stack";
export const NODEJS_PROVIDER_TYPE = "pulumi:providers:pulumi-nodejs";
const DYNAMIC_TYPE_PREFIX = "pulumi-nodejs:dynamic";

export function isInternalResource(r: Pick<ResourceState, "type">): boolean {
  return r.type === STACK_TYPE || r.type.startsWith("pulumi:providers:");
}

export interface DeploymentContext {
  preview: boolean;
  /** The plugin, started (and configured) while the program begins to run. */
  plugin: Promise<DynamicProviderPlugin>;
  old: Snapshot;
  stackUrn: string;
  /** `<default provider urn>::<id>` for the resources' `provider` field. */
  providerRef: string;
}

interface DiffOutcome {
  changes: boolean;
  replaceKeys: string[];
  diffReasons: string[];
  detailedDiff?: Record<string, PropertyDiff>;
  deleteBeforeReplace: boolean;
}

/** Raised inside a step to stop the deployment; the message is already recorded as a diagnostic. */
class StepFailed extends Error {}

const never = <T>(): Promise<T> => new Promise<T>(() => {});

export class Deployment {
  readonly steps: Step[] = [];
  readonly diagnostics: Diagnostic[] = [];
  failure?: string;
  /** New states in completion order. */
  private readonly news: ResourceState[] = [];
  /** Old states that the run replaced with a new state or deleted. */
  private readonly consumed = new Set<ResourceState>();
  /** Old states of create-before-delete replacements, waiting for delete-replaced. */
  private readonly pendingDeletes = new Set<ResourceState>();
  private readonly seen = new Set<string>();
  private readonly oldLive = new Map<string, ResourceState>();
  private queue: Promise<unknown> = Promise.resolve();
  private pluginInstance?: DynamicProviderPlugin;
  private abortDeployment!: () => void;
  /** Resolves when a step fails: the program's remaining registrations are never answered, as with the CLI. */
  readonly aborted: Promise<void> = new Promise((resolve) => {
    this.abortDeployment = resolve;
  });

  constructor(private readonly ctx: DeploymentContext) {
    for (const r of ctx.old.resources) {
      if (!r.delete && !isInternalResource(r)) this.oldLive.set(r.urn, r);
    }
  }

  /** The registration handler for runProgram: one step at a time, in arrival order. */
  readonly register = (reg: Registration): Promise<RegistrationResult> => {
    const run = this.queue.then(async () => {
      if (this.failure) return never<RegistrationResult>();
      try {
        this.pluginInstance ??= await this.ctx.plugin;
        return await this.generate(reg);
      } catch (err) {
        if (!(err instanceof StepFailed)) this.recordFailure(reg.urn, errorMessage(err));
        return never<RegistrationResult>();
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  };

  private get plugin(): DynamicProviderPlugin {
    if (!this.pluginInstance) throw new Error("the plugin is not ready");
    return this.pluginInstance;
  }

  private recordFailure(urn: string | undefined, message: string): void {
    this.diagnostics.push({ ...(urn ? { urn } : {}), severity: "error", message });
    this.failure ??= message;
    this.abortDeployment();
  }

  private fail(urn: string | undefined, message: string): never {
    this.recordFailure(urn, message);
    throw new StepFailed(message);
  }

  private baseState(reg: Registration): ResourceState {
    const s: ResourceState = {
      urn: reg.urn,
      custom: reg.custom,
      type: reg.type,
      inputs: {},
      outputs: {},
      parent: reg.parent ?? this.ctx.stackUrn,
      dependencies: reg.dependencies,
    };
    if (reg.custom) s.provider = this.ctx.providerRef;
    if (Object.keys(reg.propertyDependencies).length > 0) s.propertyDependencies = reg.propertyDependencies;
    if (reg.protect) s.protect = true;
    if (reg.retainOnDelete) s.retainOnDelete = true;
    if (reg.additionalSecretOutputs.length > 0) s.additionalSecretOutputs = reg.additionalSecretOutputs;
    if (reg.deleteBeforeReplace !== undefined) s.deleteBeforeReplace = reg.deleteBeforeReplace;
    if (reg.ignoreChanges.length > 0) s.ignoreChanges = reg.ignoreChanges;
    if (reg.replaceOnChanges.length > 0) s.replaceOnChanges = reg.replaceOnChanges;
    return s;
  }

  private record(step: Omit<Step, "diffReasons" | "replaceReasons" | "checkFailures"> & Partial<Step>): Step {
    const full: Step = {
      diffReasons: [],
      replaceReasons: [],
      checkFailures: [],
      ...step,
      oldState: step.oldState && cloneWire(step.oldState),
      newState: step.newState && cloneWire(step.newState),
    };
    this.steps.push(full);
    return full;
  }

  private async generate(reg: Registration): Promise<RegistrationResult> {
    if (this.seen.has(reg.urn)) {
      this.fail(reg.urn, `Duplicate resource URN '${reg.urn}'; try giving it a unique name`);
    }
    this.seen.add(reg.urn);
    const old = this.oldLive.get(reg.urn);
    if (!reg.custom) return this.component(reg, old);
    if (!reg.type.startsWith(DYNAMIC_TYPE_PREFIX)) {
      this.fail(
        reg.urn,
        `${reg.type} is not a dynamic-provider resource: the harness drives only pulumi.dynamic.Resource resources (types ${DYNAMIC_TYPE_PREFIX}...)`,
      );
    }
    if (reg.importId) {
      this.fail(
        reg.urn,
        `importing (${reg.urn}, import id ${reg.importId}) is not supported by dynamic providers`,
      );
    }
    const base = this.baseState(reg);
    // ignoreChanges: ignored properties take their old input values before Check (step_generator.go).
    const news = old ? applyIgnoreChanges(reg.inputs, old.inputs, reg.ignoreChanges) : reg.inputs;
    const checked = await this.check(reg, old, news);
    if (!old) return this.create(reg, base, checked);

    const diff = await this.diff(reg, old, checked);
    // A resource whose last create/update failed to initialise is updated even without a diff.
    const changes = diff.changes || (old.initErrors?.length ?? 0) > 0;
    if (!changes) return this.same(base, old, checked);
    if (diff.replaceKeys.length === 0) return this.update(reg, base, old, checked, diff);
    // A replacement is a new object: Check runs again without olds so defaults are recomputed
    // (step_generator.go, before generating replacement steps).
    const rechecked = await this.check(reg, undefined, news, "replace", old);
    return this.replace(reg, base, old, rechecked, diff);
  }

  private component(reg: Registration, old: ResourceState | undefined): RegistrationResult {
    // Components have no provider: the engine compares their inputs itself.
    const base = this.baseState(reg);
    const newState: ResourceState = { ...base, inputs: reg.inputs, outputs: old?.outputs ?? {} };
    const diffReasons = old ? changedKeys(old.inputs, reg.inputs) : [];
    const op: StepOp = !old ? "create" : diffReasons.length === 0 ? "same" : "update";
    this.record({ op, urn: reg.urn, type: reg.type, name: reg.name, oldState: old, newState, diffReasons });
    this.commit(newState, old);
    return { id: "", outputs: {} };
  }

  private async check(
    reg: Registration,
    old: ResourceState | undefined,
    news: PropertyMap,
    failedOp: StepOp = old ? "update" : "create",
    shownOld: ResourceState | undefined = old,
  ): Promise<PropertyMap> {
    let result: Awaited<ReturnType<DynamicProviderPlugin["check"]>>;
    try {
      // Check(olds = old inputs, news = program inputs), plaintext: the plugin does not accept secrets.
      result = await this.plugin.check(reg.urn, old ? toProviderMap(old.inputs) : {}, toProviderMap(news));
    } catch (err) {
      this.record({
        op: failedOp,
        urn: reg.urn,
        type: reg.type,
        name: reg.name,
        oldState: shownOld,
      });
      return this.failStep(reg.urn, err);
    }
    // provider_plugin.go Check: annotateSecrets(checked inputs, request news).
    const checked = annotateSecrets(result.inputs, news);
    if (result.failures.length > 0) {
      this.record({
        op: failedOp,
        urn: reg.urn,
        type: reg.type,
        name: reg.name,
        oldState: shownOld,
        checkFailures: result.failures,
      });
      for (const f of result.failures) {
        // step_generator.go issueCheckErrors, with secret values masked (pulumi/pulumi#19465).
        const message = f.property
          ? `${reg.type} resource '${reg.name}'s property '${f.property}' value ${showValue(news[f.property])} has a problem: ${f.reason}`
          : `${reg.type} resource '${reg.name}' has a problem: ${f.reason}`;
        this.diagnostics.push({ urn: reg.urn, severity: "error", message });
      }
      this.fail(reg.urn, `resource ${reg.urn} is invalid: ${result.failures.length} check failure(s)`);
    }
    return checked;
  }

  private async diff(reg: Registration, old: ResourceState, checked: PropertyMap): Promise<DiffOutcome> {
    let resp: Awaited<ReturnType<DynamicProviderPlugin["diff"]>>;
    try {
      // Diff(id, olds = old OUTPUTS, news = checked inputs); the plugin ignores old_inputs.
      resp = await this.plugin.diff(
        reg.urn,
        old.id ?? "",
        toProviderMap(old.outputs),
        toProviderMap(checked),
        toProviderMap(old.inputs),
      );
    } catch (err) {
      this.record({ op: "update", urn: reg.urn, type: reg.type, name: reg.name, oldState: old });
      return this.failStep(reg.urn, err);
    }
    const diffReasons = changedKeys(old.inputs, checked);
    let replaceKeys = [...resp.replaces];
    let changes: boolean;
    let detailedDiff: Record<string, PropertyDiff> | undefined;
    if (resp.changes === "unknown") {
      // step_generator.go diffResource: DIFF_UNKNOWN falls back to an object diff of old and new inputs,
      // __provider included, so a changed provider text alone means an update.
      changes = changedKeys(old.inputs, checked, true).length > 0;
      if (changes) {
        // applyReplaceOnChanges only works when the changed keys are known, i.e. on this path.
        const roc = reg.replaceOnChanges;
        const forced = diffReasons.filter((k) => roc.includes("*") || roc.includes(k));
        replaceKeys = [...new Set([...replaceKeys, ...forced])].sort();
        detailedDiff = {};
        for (const k of diffReasons) {
          const kind: PropertyDiff["kind"] = !(k in old.inputs)
            ? "add"
            : !(k in checked)
              ? "delete"
              : "update";
          detailedDiff[k] = {
            kind: replaceKeys.includes(k) ? (`${kind}-replace` as PropertyDiff["kind"]) : kind,
            inputDiff: true,
          };
        }
      }
    } else {
      // changes:false wins over replaces (plugin.DiffResult.Replace needs DIFF_SOME).
      changes = resp.changes === "some";
    }
    // The deleteBeforeReplace option overrides the provider's answer either way.
    const deleteBeforeReplace = reg.deleteBeforeReplace ?? resp.deleteBeforeReplace;
    return {
      changes,
      replaceKeys: changes ? replaceKeys : [],
      diffReasons,
      detailedDiff,
      deleteBeforeReplace,
    };
  }

  private failStep(urn: string, err: unknown): never {
    const last = this.steps[this.steps.length - 1];
    const message = errorMessage(err);
    if (last && last.urn === urn) last.error = message;
    return this.fail(urn, message);
  }

  /** Outputs as the engine stores them: secretness by key from the inputs, then additionalSecretOutputs. */
  private finalOutputs(outs: PropertyMap, inputs: PropertyMap, reg: Registration): PropertyMap {
    if (reg.additionalSecretOutputs.includes("id")) {
      this.diagnostics.push({
        urn: reg.urn,
        severity: "warning",
        message: "The 'id' property cannot be made secret. See pulumi/pulumi#2717 for more details.",
      });
    }
    return applySecretOutputRules(annotateSecrets(outs, inputs), inputs, reg.additionalSecretOutputs);
  }

  private commit(newState: ResourceState, old: ResourceState | undefined): void {
    this.news.push(newState);
    if (old) this.consumed.add(old);
  }

  private same(base: ResourceState, old: ResourceState, checked: PropertyMap): RegistrationResult {
    const outputs = applySecretOutputRules(old.outputs, checked, base.additionalSecretOutputs ?? []);
    const newState: ResourceState = { ...base, id: old.id, inputs: checked, outputs };
    this.record({
      op: "same",
      urn: base.urn,
      type: base.type,
      name: urnName(base.urn),
      provider: base.provider,
      oldState: old,
      newState,
    });
    this.commit(newState, old);
    return { id: old.id ?? "", outputs };
  }

  private async create(
    reg: Registration,
    base: ResourceState,
    checked: PropertyMap,
  ): Promise<RegistrationResult> {
    const step = this.record({
      op: "create",
      urn: reg.urn,
      type: reg.type,
      name: reg.name,
      provider: base.provider,
      newState: { ...base, inputs: checked, outputs: checked },
    });
    if (this.ctx.preview) {
      // supportsPreview=false: the engine uses the inputs as the planned outputs (provider_plugin.go Create).
      this.commit({ ...base, inputs: checked, outputs: checked }, undefined);
      return { id: "", outputs: checked };
    }
    const created = await this.createObject(reg, base, checked, step);
    this.commit(created, undefined);
    return { id: created.id ?? "", outputs: created.outputs };
  }

  /** Calls Create; on ErrorResourceInitFailed records the half-created object in state, like the engine. */
  private async createObject(
    reg: Registration,
    base: ResourceState,
    checked: PropertyMap,
    step: Step,
  ): Promise<ResourceState> {
    let result: { id: string; properties: PropertyMap };
    try {
      result = await this.plugin.create(reg.urn, toProviderMap(checked));
    } catch (err) {
      const partial = err instanceof PluginCallError ? err.initFailure : undefined;
      if (partial?.id) {
        const partialState: ResourceState = {
          ...base,
          id: partial.id,
          inputs: checked,
          outputs: this.finalOutputs(partial.properties, checked, reg),
          initErrors: partial.reasons.length > 0 ? partial.reasons : [errorMessage(err)],
        };
        step.newState = cloneWire(partialState);
        this.commit(partialState, undefined);
      } else {
        step.newState = undefined;
      }
      return this.failStep(reg.urn, err);
    }
    if (!result.id) {
      step.error = `plugin for package 'pulumi-nodejs' returned empty resource.ID from create '${reg.urn}'`;
      this.fail(reg.urn, step.error);
    }
    const created: ResourceState = {
      ...base,
      id: result.id,
      inputs: checked,
      outputs: this.finalOutputs(result.properties, checked, reg),
    };
    step.newState = cloneWire(created);
    return created;
  }

  private async update(
    reg: Registration,
    base: ResourceState,
    old: ResourceState,
    checked: PropertyMap,
    diff: DiffOutcome,
  ): Promise<RegistrationResult> {
    const step = this.record({
      op: "update",
      urn: reg.urn,
      type: reg.type,
      name: reg.name,
      provider: base.provider,
      oldState: old,
      newState: { ...base, id: old.id, inputs: checked, outputs: checked },
      diffReasons: diff.diffReasons,
      detailedDiff: diff.detailedDiff,
    });
    if (this.ctx.preview) {
      this.commit({ ...base, id: old.id, inputs: checked, outputs: checked }, old);
      return { id: old.id ?? "", outputs: checked };
    }
    let result: { properties: PropertyMap };
    try {
      result = await this.plugin.update(
        reg.urn,
        old.id ?? "",
        toProviderMap(old.outputs),
        toProviderMap(checked),
        toProviderMap(old.inputs),
      );
    } catch (err) {
      const partial = err instanceof PluginCallError ? err.initFailure : undefined;
      if (partial) {
        const partialState: ResourceState = {
          ...base,
          id: old.id,
          inputs: checked,
          outputs: this.finalOutputs(partial.properties, checked, reg),
          initErrors: partial.reasons.length > 0 ? partial.reasons : [errorMessage(err)],
        };
        step.newState = cloneWire(partialState);
        this.commit(partialState, old);
      } else {
        step.newState = undefined;
      }
      return this.failStep(reg.urn, err);
    }
    const updated: ResourceState = {
      ...base,
      id: old.id,
      inputs: checked,
      outputs: this.finalOutputs(result.properties, checked, reg),
    };
    step.newState = cloneWire(updated);
    this.commit(updated, old);
    return { id: updated.id ?? "", outputs: updated.outputs };
  }

  private async replace(
    reg: Registration,
    base: ResourceState,
    old: ResourceState,
    checked: PropertyMap,
    diff: DiffOutcome,
  ): Promise<RegistrationResult> {
    const common = {
      urn: reg.urn,
      type: reg.type,
      name: reg.name,
      provider: base.provider,
      diffReasons: diff.diffReasons,
      replaceReasons: diff.replaceKeys,
      detailedDiff: diff.detailedDiff,
      deleteBeforeReplace: diff.deleteBeforeReplace,
    };
    const planned: ResourceState = { ...base, inputs: checked, outputs: checked };
    if (old.protect) {
      this.record({ ...common, op: "replace", oldState: old, newState: planned });
      return this.failStep(
        reg.urn,
        `unable to replace resource "${reg.urn}"\nas it is currently marked for protection. To unprotect the resource, remove the \`protect\` flag from the resource in your Pulumi program and run \`pulumi up\``,
      );
    }
    if (diff.deleteBeforeReplace) {
      // step_generator.go: delete-replaced, replace, create-replacement.
      const deleteStep = this.record({ ...common, op: "delete-replaced", oldState: old });
      if (!this.ctx.preview) await this.deleteObject(old, deleteStep);
      this.consumed.add(old);
      this.record({ ...common, op: "replace", oldState: old, newState: planned });
      const createStep = this.record({
        ...common,
        op: "create-replacement",
        oldState: old,
        newState: planned,
      });
      if (this.ctx.preview) {
        this.commit(planned, undefined);
        return { id: "", outputs: checked };
      }
      const created = await this.createObject(reg, base, checked, createStep);
      this.commit(created, undefined);
      return { id: created.id ?? "", outputs: created.outputs };
    }
    // Create-before-delete: create-replacement, replace now; delete-replaced after the program finishes.
    const createStep = this.record({ ...common, op: "create-replacement", oldState: old, newState: planned });
    let created = planned;
    if (!this.ctx.preview) created = await this.createObject(reg, base, checked, createStep);
    this.record({ ...common, op: "replace", oldState: old, newState: created });
    this.commit(created, undefined);
    this.pendingDeletes.add(old);
    return { id: this.ctx.preview ? "" : (created.id ?? ""), outputs: created.outputs };
  }

  private async deleteObject(old: ResourceState, step: Step): Promise<void> {
    if (old.retainOnDelete) {
      step.retained = true;
      return;
    }
    if (!old.custom) return;
    try {
      await this.plugin.delete(old.urn, old.id ?? "", toProviderMap(old.outputs), toProviderMap(old.inputs));
    } catch (err) {
      this.failStep(old.urn, err);
    }
  }

  /**
   * After the program: delete what it no longer declares and the old halves of create-before-delete
   * replacements, in reverse order of the old state (dependents before their dependencies).
   */
  async deleteCondemned(): Promise<void> {
    if (this.failure) return;
    this.pluginInstance ??= await this.ctx.plugin;
    const reversed = [...this.ctx.old.resources].reverse();
    for (const old of reversed) {
      if (isInternalResource(old) || this.consumed.has(old)) continue;
      const replaced = this.pendingDeletes.has(old) || old.delete === true;
      const removed = !old.delete && !this.seen.has(old.urn);
      if (!replaced && !removed) continue;
      const step = this.record({
        op: replaced ? "delete-replaced" : "delete",
        urn: old.urn,
        type: old.type,
        name: urnName(old.urn),
        provider: old.provider,
        oldState: old,
      });
      if (old.protect && !replaced) {
        step.error = `unable to delete resource "${old.urn}"\nas it is currently marked for protection. To unprotect the resource, either remove the \`protect\` flag from the resource in your Pulumi program and run \`pulumi up\`, or use the command:\n\`pulumi state unprotect '${old.urn}'\``;
        this.fail(old.urn, step.error);
      }
      if (!this.ctx.preview) await this.deleteObject(old, step);
      this.consumed.add(old);
      this.pendingDeletes.delete(old);
    }
  }

  /** A component's registerOutputs(): the outputs become part of its new state. */
  readonly registerOutputs = (urn: string, outputs: PropertyMap): void => {
    const state = this.news.find((r) => r.urn === urn && !r.custom);
    if (state) state.outputs = outputs;
  };

  /** The user resources of the new snapshot: new states in completion order, then untouched old ones. */
  resultingResources(): ResourceState[] {
    const remaining = this.ctx.old.resources
      .filter((r) => !isInternalResource(r) && !this.consumed.has(r))
      .map((r) => (this.pendingDeletes.has(r) ? { ...r, delete: true } : r));
    return [...this.news, ...remaining];
  }
}

function urnName(urn: string): string {
  return urn.split("::").slice(3).join("::");
}

export function errorMessage(err: unknown): string {
  if (err instanceof PluginCallError) return err.details;
  if (err instanceof Error) return err.message;
  return String(err);
}

function showValue(v: unknown): string {
  if (isSecret(v)) return SECRET_MASK;
  return JSON.stringify(maskSecrets(v)) ?? "undefined";
}

/** Resets ignored properties (top-level keys or dotted paths) to their old input values. */
function applyIgnoreChanges(news: PropertyMap, olds: PropertyMap, paths: readonly string[]): PropertyMap {
  if (paths.length === 0) return news;
  const result = cloneWire(news);
  for (const p of paths) {
    const parts = p.split(".");
    let from: unknown = olds;
    let to: Record<string, unknown> = result;
    for (let i = 0; i < parts.length - 1; i++) {
      from = (from as Record<string, unknown> | undefined)?.[parts[i]];
      const next = to[parts[i]];
      if (typeof next !== "object" || next === null) {
        to = {};
        break;
      }
      to = next as Record<string, unknown>;
    }
    const last = parts[parts.length - 1];
    const oldValue = (from as Record<string, unknown> | undefined)?.[last];
    if (oldValue === undefined) delete to[last];
    else to[last] = cloneWire(oldValue);
  }
  return result;
}

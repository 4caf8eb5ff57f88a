// The step generator and executor for preview and up: what the engine does with each registration the
// program makes, reproduced from pulumi/pulumi pkg/resource/deploy/step_generator.go (GenerateSteps,
// diffResource, issueCheckErrors), step_executor.go (secret outputs) and step.go (Create/Update/Delete/
// Replace steps). As in the engine, steps are generated one registration at a time (Check and Diff run in
// arrival order: deployment_executor.go handles one event at a time), and the resulting resource operations
// run on a pool of `parallel` workers, each after the steps of the resources it depends on; removed and
// replaced resources are deleted after the program, dependents before their dependencies. Steps are
// reported in registration order whatever order they finished in.
import { aliasUrns } from "./aliases";
import type { DynamicProviderPlugin } from "./plugin";
import { PluginCallError, urnName } from "./plugin";
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
  UNKNOWN,
} from "./properties";
import type { Diagnostic, PropertyDiff, Step, StepOp } from "./results";
import { OperationsInFlight } from "./pending-operations";
import { isInternalResource, type PendingOperation, type ResourceState, type Snapshot } from "./state";
import { runOrdered, StepPool } from "./step-pool";
import { unsupportedOptionsMessage } from "./unsupported-options";

export const NODEJS_PROVIDER_TYPE = "pulumi:providers:pulumi-nodejs";
const DYNAMIC_TYPE_PREFIX = "pulumi-nodejs:dynamic";

export interface DeploymentContext {
  preview: boolean;
  /** The plugin, started (and configured) while the program begins to run. */
  plugin: Promise<DynamicProviderPlugin>;
  old: Snapshot;
  stackUrn: string;
  /** `<default provider urn>::<id>` for the resources' `provider` field. */
  providerRef: string;
  /** Resource operations at once (the CLI's --parallel); Infinity for no limit. */
  parallel: number;
  /**
   * Called when a resource operation begins and after each step that changed the state (not after `same`
   * steps), as the engine writes its checkpoint: the stack then saves resultingResources() and
   * pendingOperations().
   */
  checkpoint?: () => void;
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

/** A step not started because the deployment already failed. */
class StepSkipped extends Error {}

/** A registration's resource operation, run on the worker pool once generated. */
type Execution = () => Promise<RegistrationResult>;

/** Where a step is shown: registrations in arrival order, then the deletes after the program. */
interface StepOrder {
  phase: 0 | 1;
  position: number;
  seq: number;
}

/** The URNs a registration must wait for: its dependencies, property dependencies and parent. */
function dependencyUrns(reg: Registration): string[] {
  const urns = new Set<string>(reg.dependencies);
  for (const deps of Object.values(reg.propertyDependencies)) for (const urn of deps) urns.add(urn);
  if (reg.parent) urns.add(reg.parent);
  urns.delete(reg.urn);
  return [...urns];
}

/** The URNs an old resource relies on: what must outlive it when both are deleted. */
function reliesOn(r: ResourceState): Set<string> {
  const urns = new Set<string>(r.dependencies);
  for (const deps of Object.values(r.propertyDependencies ?? {})) for (const urn of deps) urns.add(urn);
  if (r.parent) urns.add(r.parent);
  if (r.provider) urns.add(r.provider.split("::").slice(0, -1).join("::"));
  urns.delete(r.urn);
  return urns;
}

/**
 * For deletes listed dependents first (reverse state order): the earlier entries each one must wait for,
 * i.e. the resources that rely on it.
 */
export function deleteBlockers(
  list: readonly ResourceState[],
): (r: ResourceState, index: number) => ResourceState[] {
  const relied = list.map(reliesOn);
  return (r, index) => list.slice(0, index).filter((_, i) => relied[i].has(r.urn));
}

const never = <T>(): Promise<T> => new Promise<T>(() => {});

export class Deployment {
  readonly diagnostics: Diagnostic[] = [];
  failure?: string;
  /** Steps in the order they were recorded, and where each is shown. */
  private readonly recorded: Step[] = [];
  private readonly stepOrder = new Map<Step, StepOrder>();
  private seq = 0;
  /** New states, each with its registration's position. */
  private readonly news: Array<{ state: ResourceState; position: number }> = [];
  /** Old states that the run replaced with a new state or deleted. */
  private readonly consumed = new Set<ResourceState>();
  /** Old states of create-before-delete replacements, waiting for delete-replaced. */
  private readonly pendingDeletes = new Set<ResourceState>();
  private readonly seen = new Set<string>();
  private readonly oldLive = new Map<string, ResourceState>();
  /** Old URN → the new URN that took its state through an alias, and the reverse. */
  private readonly aliased = new Map<string, string>();
  private readonly aliasOf = new Map<string, string>();
  /** Step generation (Check, Diff) runs one registration at a time, in arrival order. */
  private generator: Promise<unknown> = Promise.resolve();
  private readonly pool: StepPool;
  private registrations = 0;
  /** Registration position per URN (the first registration of a URN). */
  private readonly positions = new Map<string, number>();
  /** Settles when the URN's step has ended, whether it succeeded, failed or was skipped. */
  private readonly ended = new Map<string, Promise<void>>();
  /** Registrations not yet ended. */
  private readonly inFlight = new Set<Promise<void>>();
  /** Resource operations begun and not yet ended. */
  private readonly operations: OperationsInFlight;
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
    this.pool = new StepPool(ctx.parallel);
    this.operations = new OperationsInFlight(ctx.checkpoint, ctx.old);
  }

  /**
   * The registration handler for runProgram: steps are generated in arrival order, then executed on the
   * worker pool once the resources the registration depends on are done. After a failure nothing new
   * starts and the remaining registrations are never answered, as with the CLI.
   */
  readonly register = (reg: Registration): Promise<RegistrationResult> => {
    const position = this.registrations++;
    if (!this.positions.has(reg.urn)) this.positions.set(reg.urn, position);
    let markEnded!: () => void;
    const ended = new Promise<void>((resolve) => {
      markEnded = resolve;
    });
    if (!this.ended.has(reg.urn)) this.ended.set(reg.urn, ended);

    const generated = this.generator.then(async (): Promise<RegistrationResult | Execution> => {
      if (this.failure) throw new StepSkipped();
      this.pluginInstance ??= await this.ctx.plugin;
      return this.generate(reg);
    });
    this.generator = generated.catch(() => undefined);
    const executed = generated.then(async (planned) => {
      if (typeof planned !== "function") return planned;
      const deps = dependencyUrns(reg)
        .map((urn) => this.ended.get(urn))
        .filter((p): p is Promise<void> => p !== undefined && p !== ended);
      await Promise.all(deps);
      return this.pool.run(async () => {
        if (this.failure) throw new StepSkipped();
        return planned();
      });
    });
    const outcome = executed
      .then(
        (result) => ({ result }),
        (err: unknown) => {
          if (!(err instanceof StepFailed || err instanceof StepSkipped)) {
            this.recordFailure(reg.urn, errorMessage(err));
          }
          return undefined;
        },
      )
      .finally(markEnded);
    const tracked = outcome.then(() => undefined);
    this.inFlight.add(tracked);
    void tracked.then(() => this.inFlight.delete(tracked));
    return outcome.then((o) => (o ? o.result : never<RegistrationResult>()));
  };

  /** Resolves once every registration received so far has ended (in-flight steps finish after a failure). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  /** The steps in display order: registrations in arrival order, then the deletes after the program. */
  get steps(): Step[] {
    const key = (s: Step) => this.stepOrder.get(s)!;
    return [...this.recorded].sort((a, b) => {
      const x = key(a);
      const y = key(b);
      return x.phase - y.phase || x.position - y.position || x.seq - y.seq;
    });
  }

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

  private record(
    step: Omit<Step, "diffReasons" | "replaceReasons" | "checkFailures"> & Partial<Step>,
    order: { phase: 0 | 1; position: number } = { phase: 0, position: this.positions.get(step.urn) ?? 0 },
  ): Step {
    const full: Step = {
      diffReasons: [],
      replaceReasons: [],
      checkFailures: [],
      ...step,
      oldState: step.oldState && cloneWire(step.oldState),
      newState: step.newState && cloneWire(step.newState),
    };
    this.recorded.push(full);
    this.stepOrder.set(full, { ...order, seq: this.seq++ });
    return full;
  }

  /** Check and Diff; returns the answer when no resource operation is needed, else the operation to run. */
  private async generate(reg: Registration): Promise<RegistrationResult | Execution> {
    if (this.seen.has(reg.urn)) {
      this.fail(reg.urn, `Duplicate resource URN '${reg.urn}'; try giving it a unique name`);
    }
    this.seen.add(reg.urn);
    if (reg.unsupportedOptions?.length) {
      this.fail(reg.urn, unsupportedOptionsMessage(reg.type, reg.name, reg.unsupportedOptions));
    }
    const old = this.oldFor(reg);
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
    if (reg.readId !== undefined) return this.readExisting(reg, old);
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

  /**
   * `get()`: a read step (step.go ReadStep), run during previews too. The provider's Read gets the
   * registration's properties as the state and no inputs; an object it cannot find fails the step.
   */
  private readExisting(reg: Registration, old: ResourceState | undefined): Execution {
    if (old && !old.external) {
      this.fail(
        reg.urn,
        `${reg.urn} is managed by this stack: reading it with get() would need a read-replacement step, which the harness does not implement; give the read resource another name`,
      );
    }
    const id = reg.readId ?? "";
    const base: ResourceState = { ...this.baseState(reg), id, inputs: reg.inputs, external: true };
    return async () => {
      const step = this.record({
        op: "read",
        urn: reg.urn,
        type: reg.type,
        name: reg.name,
        provider: base.provider,
        oldState: old,
      });
      let outputs: PropertyMap = {};
      let readId = id;
      if (id !== UNKNOWN) {
        let read: Awaited<ReturnType<DynamicProviderPlugin["read"]>>;
        try {
          read = await this.operations.during("reading", base, () =>
            this.plugin.read(reg.urn, id, toProviderMap(reg.inputs), {}),
          );
        } catch (err) {
          this.operations.failed();
          return this.failStep(reg.urn, err, step);
        }
        if (!read.id) {
          step.error = `resource '${id}' does not exist`;
          this.fail(reg.urn, step.error);
        }
        outputs = applySecretOutputRules(
          annotateSecrets(read.properties, reg.inputs),
          reg.inputs,
          reg.additionalSecretOutputs,
        );
        readId = read.id;
      }
      // A new state: `base` is the pending operation's resource, which the checkpoint has written.
      const newState: ResourceState = { ...base, id: readId, outputs };
      step.newState = cloneWire(newState);
      this.commit(newState, old);
      return { id: readId, outputs };
    };
  }

  /**
   * The old state of a registration: under its own URN first, then under each of its aliases in order
   * (step_generator.go getOldResource). One found through an alias moves to the new URN and is not deleted.
   */
  private oldFor(reg: Registration): ResourceState | undefined {
    const claimedBy = this.aliased.get(reg.urn);
    if (claimedBy) {
      this.fail(
        reg.urn,
        `Duplicate resource URN '${reg.urn}': resource '${claimedBy}' already took over its state through an alias`,
      );
    }
    const own = this.oldLive.get(reg.urn);
    if (own) return own;
    const [stack = "", project = ""] = this.ctx.stackUrn.replace(/^urn:pulumi:/, "").split("::");
    for (const urn of aliasUrns({ stack, project, aliasOf: this.aliasOf }, reg)) {
      const old = this.oldLive.get(urn);
      if (!old) continue;
      const other = this.seen.has(urn) ? urn : this.aliased.get(urn);
      if (other) {
        this.fail(
          reg.urn,
          `Duplicate resource alias '${urn}' applied to resource with URN '${reg.urn}' conflicting with resource with URN '${other}'`,
        );
      }
      this.aliased.set(urn, reg.urn);
      this.aliasOf.set(reg.urn, urn);
      return old;
    }
    return undefined;
  }

  private async component(reg: Registration, old: ResourceState | undefined): Promise<RegistrationResult> {
    // Components have no provider: the engine compares their inputs itself.
    const base = this.baseState(reg);
    const newState: ResourceState = { ...base, inputs: reg.inputs, outputs: old?.outputs ?? {} };
    const diffReasons = old ? changedKeys(old.inputs, reg.inputs) : [];
    const op: StepOp = !old ? "create" : diffReasons.length === 0 ? "same" : "update";
    this.record({ op, urn: reg.urn, type: reg.type, name: reg.name, oldState: old, newState, diffReasons });
    // A component's create or update is a step like any other: pending, then done.
    if (op !== "same") {
      await this.operations.during(op === "create" ? "creating" : "updating", newState, async () => {});
    }
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
        this.diagnostics.push({
          urn: reg.urn,
          severity: "error",
          message: checkFailureMessage(reg, news, f),
        });
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
    // The step's diffReasons are the provider's changed keys (plugin.DiffResult.ChangedKeys), which a
    // dynamic provider never sends; only on DIFF_UNKNOWN does the engine diff the inputs itself and use
    // those keys (step_generator.go diffResource). Comparing the inputs here instead would name a
    // credential whose recorded form differs from the declared one (a digest after a drift refresh) as
    // changed when the provider said it was not.
    let diffReasons = [...resp.diffs];
    let replaceKeys = [...resp.replaces];
    let changes: boolean;
    let detailedDiff: Record<string, PropertyDiff> | undefined;
    if (resp.changes === "unknown") {
      // step_generator.go diffResource: DIFF_UNKNOWN falls back to an object diff of old and new inputs,
      // __provider included, so a changed provider text alone means an update.
      changes = changedKeys(old.inputs, checked, true).length > 0;
      if (changes) {
        diffReasons = changedKeys(old.inputs, checked);
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

  /** Marks the step (by default the one last recorded for the URN) failed and stops the deployment. */
  /**
   * Fails a Create or Update step. When the plugin reported ErrorResourceInitFailed for an object that exists
   * (`id`), the engine records it in state with its init errors, so the next run can update or delete it.
   */
  private failWithInitErrors(
    err: unknown,
    reg: Registration,
    base: ResourceState,
    checked: PropertyMap,
    step: Step,
    old: ResourceState | undefined,
    id: string | undefined,
  ): never {
    const partial = err instanceof PluginCallError ? err.initFailure : undefined;
    if (partial && id !== undefined) {
      const partialState: ResourceState = {
        ...base,
        id,
        inputs: checked,
        outputs: this.finalOutputs(partial.properties, checked, reg),
        initErrors: partial.reasons.length > 0 ? partial.reasons : [errorMessage(err)],
      };
      step.newState = cloneWire(partialState);
      this.commit(partialState, old);
    } else {
      step.newState = undefined;
      this.operations.failed();
    }
    return this.failStep(reg.urn, err, step);
  }

  private failStep(urn: string, err: unknown, step?: Step): never {
    const failed = step ?? [...this.recorded].reverse().find((s) => s.urn === urn);
    const message = errorMessage(err);
    if (failed) failed.error = message;
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

  private commit(newState: ResourceState, old: ResourceState | undefined, changed = true): void {
    this.news.push({ state: newState, position: this.positions.get(newState.urn) ?? 0 });
    if (old) this.consumed.add(old);
    if (changed) this.ctx.checkpoint?.();
  }

  /** An old state is gone (deleted): the checkpoint records it. */
  private consume(old: ResourceState): void {
    this.consumed.add(old);
    this.ctx.checkpoint?.();
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
    this.commit(newState, old, false);
    return { id: old.id ?? "", outputs };
  }

  /**
   * A step that calls the provider is recorded when it starts, so a step the deployment never ran (after a
   * failure) is not reported; its position still places it in registration order.
   */
  private create(
    reg: Registration,
    base: ResourceState,
    checked: PropertyMap,
  ): RegistrationResult | Execution {
    const start = () =>
      this.record({
        op: "create",
        urn: reg.urn,
        type: reg.type,
        name: reg.name,
        provider: base.provider,
        newState: { ...base, inputs: checked, outputs: checked },
      });
    if (this.ctx.preview) {
      start();
      // supportsPreview=false: the engine uses the inputs as the planned outputs (provider_plugin.go Create).
      this.commit({ ...base, inputs: checked, outputs: checked }, undefined);
      return { id: "", outputs: checked };
    }
    return async () => {
      const created = await this.createObject(reg, base, checked, start());
      this.commit(created, undefined);
      return { id: created.id ?? "", outputs: created.outputs };
    };
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
      result = await this.operations.during("creating", { ...base, inputs: checked }, () =>
        this.plugin.create(reg.urn, toProviderMap(checked)),
      );
    } catch (err) {
      const partial = err instanceof PluginCallError ? err.initFailure : undefined;
      return this.failWithInitErrors(
        err,
        reg,
        base,
        checked,
        step,
        undefined,
        partial?.id ? partial.id : undefined,
      );
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

  private update(
    reg: Registration,
    base: ResourceState,
    old: ResourceState,
    checked: PropertyMap,
    diff: DiffOutcome,
  ): RegistrationResult | Execution {
    const start = () =>
      this.record({
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
      start();
      this.commit({ ...base, id: old.id, inputs: checked, outputs: checked }, old);
      return { id: old.id ?? "", outputs: checked };
    }
    return () => this.updateObject(reg, base, old, checked, start());
  }

  private async updateObject(
    reg: Registration,
    base: ResourceState,
    old: ResourceState,
    checked: PropertyMap,
    step: Step,
  ): Promise<RegistrationResult> {
    let result: { properties: PropertyMap };
    try {
      result = await this.operations.during("updating", { ...base, id: old.id, inputs: checked }, () =>
        this.plugin.update(
          reg.urn,
          old.id ?? "",
          toProviderMap(old.outputs),
          toProviderMap(checked),
          toProviderMap(old.inputs),
        ),
      );
    } catch (err) {
      const partial = err instanceof PluginCallError ? err.initFailure : undefined;
      return this.failWithInitErrors(err, reg, base, checked, step, old, partial ? old.id : undefined);
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
  ): Promise<RegistrationResult | Execution> {
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
      // step_generator.go: delete-replaced, replace, create-replacement, run as one chain.
      const chain = async (): Promise<RegistrationResult> => {
        const deleteStep = this.record({ ...common, op: "delete-replaced", oldState: old });
        if (!this.ctx.preview) await this.deleteObject(old, deleteStep);
        this.consume(old);
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
      };
      return this.ctx.preview ? await chain() : chain;
    }
    // Create-before-delete: create-replacement, replace now; delete-replaced after the program finishes.
    const start = () =>
      this.record({ ...common, op: "create-replacement", oldState: old, newState: planned });
    const finish = (created: ResourceState): RegistrationResult => {
      this.record({ ...common, op: "replace", oldState: old, newState: created });
      this.commit(created, undefined);
      this.pendingDeletes.add(old);
      return { id: this.ctx.preview ? "" : (created.id ?? ""), outputs: created.outputs };
    };
    if (this.ctx.preview) {
      start();
      return finish(planned);
    }
    return async () => finish(await this.createObject(reg, base, checked, start()));
  }

  /** A delete step; pending like every delete step, even one that calls no provider (retained, component). */
  private async deleteObject(old: ResourceState, step: Step): Promise<void> {
    try {
      await this.operations.during("deleting", old, () => applyDelete(this.plugin, old, step));
    } catch (err) {
      this.operations.failed();
      this.failStep(old.urn, err, step);
    }
  }

  /**
   * After the program: delete what it no longer declares and the old halves of create-before-delete
   * replacements, listed in reverse order of the old state; a resource is deleted only after the condemned
   * resources that rely on it, up to `parallel` at once. The first failure stops new deletes.
   * As in the engine, this runs only once every registration's step has finished, so the dependents of a
   * replaced resource are updated (e.g. a flow re-pointed at a new connector) before its old half goes:
   * deployment_executor.go `Execute` calls `performPostSteps` after the last event, which asks
   * step_generator.go `GenerateDeletes` for a `DeleteReplacementStep` per pending-delete resource.
   */
  async deleteCondemned(): Promise<void> {
    if (this.failure) return;
    this.pluginInstance ??= await this.ctx.plugin;
    const condemned: ResourceState[] = [];
    const replacedOnes = new Set<ResourceState>();
    for (const old of [...this.ctx.old.resources].reverse()) {
      if (isInternalResource(old) || this.consumed.has(old)) continue;
      const replaced = this.pendingDeletes.has(old) || old.delete === true;
      const removed = !old.delete && !this.seen.has(old.urn) && !this.aliased.has(old.urn);
      if (replaced) replacedOnes.add(old);
      if (replaced || removed) condemned.push(old);
    }
    await runOrdered(
      condemned,
      deleteBlockers(condemned),
      this.pool,
      () => this.failure !== undefined,
      async (old, position) => {
        const replaced = replacedOnes.has(old);
        const step = this.record(
          {
            op: old.external ? "discard" : replaced ? "delete-replaced" : "delete",
            urn: old.urn,
            type: old.type,
            name: urnName(old.urn),
            provider: old.provider,
            oldState: old,
          },
          { phase: 1, position },
        );
        try {
          if (old.protect && !replaced) {
            step.error = protectedDeleteMessage(old.urn);
            this.fail(old.urn, step.error);
          }
          // A read resource is only dropped from state (step.go DeleteStep for external resources).
          if (!this.ctx.preview && !old.external) await this.deleteObject(old, step);
        } catch (err) {
          if (err instanceof StepFailed) return;
          throw err;
        }
        this.pendingDeletes.delete(old);
        this.consume(old);
      },
    );
  }

  /** A component's registerOutputs(): the outputs become part of its new state. */
  readonly registerOutputs = (urn: string, outputs: PropertyMap): void => {
    const entry = this.news.find((r) => r.state.urn === urn && !r.state.custom);
    // A new state object: committed states are never mutated (the state store caches each one's text).
    if (entry) entry.state = { ...entry.state, outputs };
  };

  /**
   * The user resources of the new snapshot: new states in registration order (a resource registers only
   * after what it depends on, so this is a dependency order whatever order the steps finished in), then
   * untouched old ones.
   */
  resultingResources(): ResourceState[] {
    const remaining = this.ctx.old.resources
      .filter((r) => !isInternalResource(r) && !this.consumed.has(r))
      .map((r) => (this.pendingDeletes.has(r) ? { ...r, delete: true } : r));
    const news = [...this.news].sort((a, b) => a.position - b.position).map((n) => n.state);
    return [...news, ...remaining];
  }

  /** The operations still running, then the old snapshot's pending creates (see carriedPendingCreates). */
  pendingOperations(): PendingOperation[] {
    return this.operations.list();
  }
}

/**
 * What a delete step asks of the provider, in the engine's order (step.go DeleteStep.Apply): nothing for a
 * read resource (the program never owned it), nothing for one retained on delete (the step says it was
 * retained), nothing for a component, the stack or a provider; else Delete(id, outputs, inputs).
 */
export async function applyDelete(
  plugin: DynamicProviderPlugin | undefined,
  r: ResourceState,
  step: Step,
): Promise<void> {
  if (!r.external && r.retainOnDelete) step.retained = true;
  if (!deletesWithProvider(r)) return;
  if (!plugin) throw new Error(`no provider plugin is running to delete ${r.urn}`);
  await plugin.delete(r.urn, r.id ?? "", toProviderMap(r.outputs), toProviderMap(r.inputs));
}

/** Whether deleting the resource calls its provider (see applyDelete). */
export function deletesWithProvider(r: ResourceState): boolean {
  return r.custom && !r.external && !r.retainOnDelete && !isInternalResource(r);
}

/** The engine's message for a delete that `protect` refuses (pkg/resource/deploy/step.go). */
export function protectedDeleteMessage(urn: string): string {
  return `unable to delete resource "${urn}"\nas it is currently marked for protection. To unprotect the resource, either remove the \`protect\` flag from the resource in your Pulumi program and run \`pulumi up\`, or use the command:\n\`pulumi state unprotect '${urn}'\``;
}

export function errorMessage(err: unknown): string {
  if (err instanceof PluginCallError) return err.details;
  if (err instanceof Error) return err.message;
  return String(err);
}

/**
 * The CLI's words for a check failure. A nested property ("auth.password") is looked up along its path; a
 * property with no value (a required field left out) is named without one, never as "value undefined".
 */
function checkFailureMessage(
  reg: Registration,
  news: PropertyMap,
  failure: { property: string; reason: string },
): string {
  if (!failure.property) return `${reg.type} resource '${reg.name}' has a problem: ${failure.reason}`;
  const value = valueAtPath(news, failure.property);
  const shown = value === undefined ? "" : ` value ${showValue(value)}`;
  return `${reg.type} resource '${reg.name}'s property '${failure.property}'${shown} has a problem: ${failure.reason}`;
}

function valueAtPath(map: PropertyMap, property: string): unknown {
  if (property in map) return map[property];
  let node: unknown = map;
  for (const part of property.split(".")) {
    if (isSecret(node)) return node; // shown as [secret], whatever lies inside
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
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

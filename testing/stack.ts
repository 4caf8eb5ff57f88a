// A stack driven like the Pulumi CLI drives it, without the CLI: preview, up, refresh and destroy against the
// real dynamic-provider plugin, with state kept in an encrypted JSON file.
import * as crypto from "node:crypto";
import * as path from "node:path";
import {
  applyDelete,
  Deployment,
  deleteBlockers,
  deletesWithProvider,
  errorMessage,
  NODEJS_PROVIDER_TYPE,
  protectedDeleteMessage,
} from "./deployment";
import { carriedPendingCreates, OperationsInFlight, pendingOperationsWarning } from "./pending-operations";
import { DynamicProviderPlugin, urnName } from "./plugin";
import { type Program, runProgram } from "./program";
import {
  annotateSecrets,
  applySecretOutputRules,
  changedKeys,
  cloneWire,
  makeSecret,
  type PropertyMap,
  sameValue,
  toProviderMap,
  UNKNOWN,
} from "./properties";
import {
  type Diagnostic,
  type OperationKind,
  OperationResult,
  PreviewResult,
  type Step,
  type StepOp,
} from "./results";
import {
  isInternalResource,
  type PendingOperation,
  type ResourceState,
  STACK_TYPE,
  type Snapshot,
  StateStore,
} from "./state";
import { parallelism, runOrdered, StepPool } from "./step-pool";

export type ConfigValue = string | { secret: string };

export interface StackOptions {
  /** The Pulumi project directory: the plugin runs there, so the serialized provider's require()s resolve from it. */
  projectDir: string;
  project: string;
  stack: string;
  /** Stack config; keys without a namespace get the project's ("key" → "<project>:key"). */
  config?: Record<string, ConfigValue>;
  /** Where to keep the state; without it the (encrypted) state lives in memory. */
  stateFile?: string;
  /** Encrypts secrets in the state; defaults to PULUMI_CONFIG_PASSPHRASE, else a per-process key. */
  passphrase?: string;
  /** Extra environment for the plugin process (added to this process's environment). */
  env?: Record<string, string | undefined>;
  /**
   * The plugin's working directory, when it is not projectDir: the CLI uses the directory of Pulumi.yaml's
   * `main` when that is set (pulumi/pulumi pkg/engine/project.go getPwdMain).
   */
  pluginCwd?: string;
  /**
   * Resource operations run at once, like the CLI's `--parallel`: independent steps run concurrently, each
   * after the resources it depends on, and results are still reported in registration order. Default:
   * unbounded (the CLI's default); 1 runs one step at a time.
   */
  parallel?: number;
}

export interface RefreshOptions {
  /**
   * Drop the pending creates an interrupted run left (the CLI's `pulumi refresh --clear-pending-creates`):
   * say so once you know the objects they name were not created, or once you have taken them over
   * another way (adoption). Without it they stay in the state, as the CLI leaves them when not
   * interactive.
   */
  clearPendingCreates?: boolean;
}

export class Stack {
  readonly projectDir: string;
  readonly project: string;
  readonly name: string;
  private readonly config = new Map<string, ConfigValue>();
  private readonly store: StateStore;
  private readonly env: Record<string, string | undefined>;
  private readonly pluginCwd: string;
  private readonly parallel: number;
  private lastLog = "";
  private lastStartupMs: number | undefined;
  private running?: DynamicProviderPlugin;

  constructor(opts: StackOptions) {
    for (const field of ["projectDir", "project", "stack"] as const) {
      if (typeof opts[field] !== "string" || opts[field] === "") {
        throw new Error(`Stack option ${field} is required (a non-empty string)`);
      }
    }
    this.projectDir = path.resolve(opts.projectDir);
    this.project = opts.project;
    this.name = opts.stack;
    this.env = { ...opts.env };
    this.pluginCwd = path.resolve(opts.pluginCwd ?? opts.projectDir);
    this.parallel = parallelism(opts.parallel);
    for (const [k, v] of Object.entries(opts.config ?? {})) this.setConfig(k, v);
    this.store = new StateStore({
      file: opts.stateFile && path.resolve(opts.stateFile),
      passphrase: opts.passphrase,
      stackName: `${this.project}/${this.name}`,
    });
  }

  get urn(): string {
    return `urn:pulumi:${this.name}::${this.project}::${STACK_TYPE}::${this.project}-${this.name}`;
  }

  private get providerUrn(): string {
    return `urn:pulumi:${this.name}::${this.project}::${NODEJS_PROVIDER_TYPE}::default`;
  }

  private qualify(key: string): string {
    return key.includes(":") ? key : `${this.project}:${key}`;
  }

  /** Sets a config value (`{ secret }` for `pulumi config set --secret`). */
  setConfig(key: string, value: ConfigValue): void {
    const ok = typeof value === "string" || (typeof value === "object" && typeof value?.secret === "string");
    if (!ok) {
      throw new Error(
        `config ${key}: expected a string or { secret: string }, got ${JSON.stringify(typeof value)}`,
      );
    }
    this.config.set(this.qualify(key), value);
  }

  removeConfig(key: string): void {
    this.config.delete(this.qualify(key));
  }

  /** Config in wire form: secrets as envelopes (what Configure and the provider resource's inputs carry). */
  private configWire(): PropertyMap {
    const out: PropertyMap = {};
    for (const [k, v] of [...this.config.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      out[k] = typeof v === "string" ? v : makeSecret(v.secret);
    }
    return out;
  }

  /** The decrypted state, secrets still marked as envelopes. */
  exportState(): Snapshot {
    return this.store.load();
  }

  /** The state exactly as stored: JSON with every secret encrypted. Undefined before the first write. */
  rawState(): string | undefined {
    return this.store.rawText();
  }

  /** The stack exports the last `up` stored (the root stack's outputs), secrets as envelopes. */
  outputs(): PropertyMap {
    return this.exportState().resources.find((r) => r.type === STACK_TYPE)?.outputs ?? {};
  }

  /** The program's resources in state (no root stack, no provider). */
  resources(): ResourceState[] {
    return this.exportState().resources.filter((r) => !isInternalResource(r));
  }

  /** A program resource in state by name or URN. */
  resource(nameOrUrn: string): ResourceState | undefined {
    return this.resources().find(
      (r) => !r.delete && (r.urn === nameOrUrn || r.urn.endsWith(`::${nameOrUrn}`)),
    );
  }

  /**
   * The operations an interrupted run left pending in the state (resources as envelopes, like
   * exportState()): creates stay until `refresh({ clearPendingCreates: true })`; updates and deletes until
   * the next operation's snapshot.
   */
  pendingOperations(): PendingOperation[] {
    return this.exportState().pendingOperations ?? [];
  }

  /**
   * The checkpoint writes to the state file so far and their bytes: when each resource operation begins
   * and after every step that changed the state, the whole file, as the engine's file backend writes it.
   */
  get checkpointWrites(): { writes: number; bytes: number } {
    return { ...this.store.writes };
  }

  /** The plugin's stdout and stderr (after the port line) from the last operation. */
  get pluginLog(): string {
    return this.lastLog;
  }

  /**
   * How long the last plugin took from spawn to its gRPC port (loading @pulumi/pulumi): start-up the engine
   * pays before any provider code runs. Undefined before the first operation.
   */
  get pluginStartupMs(): number | undefined {
    return this.lastStartupMs;
  }

  /** The process id of the plugin serving the operation in progress (undefined between operations). */
  get pluginPid(): number | undefined {
    return this.running?.pid;
  }

  /** Spawns a fresh plugin and configures it. */
  private async startPlugin(configArgs: PropertyMap): Promise<DynamicProviderPlugin> {
    const plugin = await DynamicProviderPlugin.start({
      projectDir: this.pluginCwd,
      project: this.project,
      stack: this.name,
      env: this.env,
    });
    this.running = plugin;
    this.lastStartupMs = plugin.startupMs;
    try {
      await plugin.configure(configArgs);
    } catch (err) {
      await this.stopPlugin(plugin);
      throw err;
    }
    return plugin;
  }

  private async stopPlugin(plugin: DynamicProviderPlugin | undefined): Promise<void> {
    if (!plugin) return;
    await plugin.close();
    if (this.running === plugin) this.running = undefined;
    this.lastLog = plugin.log;
  }

  private async withPlugin<T>(configArgs: PropertyMap, fn: (plugin: DynamicProviderPlugin) => Promise<T>) {
    const plugin = await this.startPlugin(configArgs);
    try {
      return await fn(plugin);
    } finally {
      await this.stopPlugin(plugin);
    }
  }

  /** `pulumi preview`: runs the program, asks the plugin Check and Diff, changes nothing. */
  async preview(program: Program): Promise<PreviewResult> {
    return (await this.deploy(program, true)) as PreviewResult;
  }

  /** `pulumi up`: runs the program and applies its steps through the plugin; stops at the first failure. */
  async up(program: Program): Promise<OperationResult> {
    return this.deploy(program, false);
  }

  private async deploy(program: Program, preview: boolean): Promise<OperationResult> {
    const started = Date.now();
    const old = this.store.load();
    const config = this.configWire();
    const oldStack = old.resources.find((r) => r.type === STACK_TYPE && !r.delete);
    const oldProvider = old.resources.find((r) => r.urn === this.providerUrn && !r.delete);
    const providerId = oldProvider?.id ?? (preview ? UNKNOWN : crypto.randomUUID());
    const providerRef = `${this.providerUrn}::${providerId}`;
    const stackState: ResourceState = {
      urn: this.urn,
      custom: false,
      type: STACK_TYPE,
      inputs: {},
      outputs: {},
      dependencies: [],
    };
    const providerState: ResourceState = {
      urn: this.providerUrn,
      custom: true,
      type: NODEJS_PROVIDER_TYPE,
      id: providerId,
      inputs: config,
      outputs: config,
      dependencies: [],
    };
    const internalSteps: Step[] = [
      internalStep(oldStack ? "same" : "create", oldStack, stackState),
      internalStep(
        !oldProvider ? "create" : sameValue(oldProvider.inputs, config) ? "same" : "update",
        oldProvider,
        providerState,
      ),
    ];
    let deployment: Deployment | undefined;
    let programError: unknown;
    let exports: unknown;
    let setupError: string | undefined;
    // The plugin starts while the program begins to run; registrations wait for it.
    const pluginStart = this.startPlugin(config);
    pluginStart.catch(() => undefined);
    try {
      const d: Deployment = new Deployment({
        preview,
        plugin: pluginStart,
        old,
        stackUrn: this.urn,
        providerRef,
        parallel: this.parallel,
        checkpoint: this.checkpointer(preview, () => ({
          resources: [stackState, providerState, ...d.resultingResources()],
          pendingOperations: d.pendingOperations(),
        })),
      });
      deployment = d;
      const run = runProgram(
        {
          project: this.project,
          stack: this.name,
          preview,
          config: plainConfig(config),
          secretKeys: [...this.config.entries()].filter(([, v]) => typeof v !== "string").map(([k]) => k),
        },
        program,
        d.register,
        d.registerOutputs,
      );
      const outcome = await Promise.race([run, d.aborted.then(() => undefined)]);
      if (outcome) {
        programError = outcome.programError;
        exports = outcome.exports;
      }
      // After a failure the steps already running finish (and are saved), as with the CLI.
      await d.idle();
      await pluginStart;
      if (!d.failure && programError === undefined) await d.deleteCondemned();
    } catch (err) {
      setupError = errorMessage(err);
    } finally {
      await this.stopPlugin(await pluginStart.catch(() => undefined));
    }
    const diagnostics: Diagnostic[] = [...startWarnings(old, preview), ...(deployment?.diagnostics ?? [])];
    if (programError !== undefined) {
      diagnostics.push({
        urn: this.urn,
        severity: "error",
        message: `an unhandled error occurred: the program failed: ${errorMessage(programError)}`,
      });
    }
    if (setupError && !diagnostics.some((d) => d.message === setupError)) {
      diagnostics.push({ severity: "error", message: setupError });
    }
    const error =
      setupError ??
      deployment?.failure ??
      (programError !== undefined ? `the program failed: ${errorMessage(programError)}` : undefined);
    // A new state object: the state store caches each state's stored text by object.
    const finalStack = isPropertyMap(exports) ? { ...stackState, outputs: exports } : stackState;
    if (finalStack !== stackState) internalSteps[0].newState = cloneWire(finalStack);
    if (!preview && deployment) {
      this.store.save(
        {
          resources: [finalStack, providerState, ...deployment.resultingResources()],
          pendingOperations: deployment.pendingOperations(),
        },
        this.urn,
      );
    }
    const data = {
      operation: (preview ? "preview" : "up") as OperationKind,
      ok: error === undefined,
      error,
      steps: deployment?.steps ?? [],
      internalSteps,
      diagnostics,
      pluginLog: this.lastLog,
      durationMs: Date.now() - started,
      config,
      exports,
    };
    return preview ? new PreviewResult(data) : new OperationResult(data);
  }

  /**
   * What to call when a resource operation begins and after each step that changed the state: the engine's
   * file backend rewrites the whole checkpoint then, so a crash half-way leaves the state as far as it got,
   * with what was in flight. Nothing for a preview, nor for in-memory state (it could not outlive the
   * process anyway; the final save keeps it).
   */
  private checkpointer(preview: boolean, snapshot: () => Snapshot): (() => void) | undefined {
    if (preview || !this.store.fileBacked) return undefined;
    return () => this.store.save(snapshot(), this.urn);
  }

  /** Config for refresh and destroy: the snapshot the last `up` stored in the default provider's inputs. */
  private configFromState(snapshot: Snapshot): PropertyMap {
    const provider = snapshot.resources.find((r) => r.urn === this.providerUrn && !r.delete);
    return provider ? provider.inputs : this.configWire();
  }

  /**
   * `pulumi refresh`: Read(id, props = outputs, inputs) for every resource, `parallel` at once; a blank id
   * drops it from state. Reports which outputs (drift) and inputs changed, in state order. After the first
   * failing read no new read starts. Pending operations from an interrupted run are cleared, except creates
   * (see RefreshOptions.clearPendingCreates).
   */
  async refresh(options: RefreshOptions = {}): Promise<OperationResult> {
    const started = Date.now();
    if (options.clearPendingCreates !== undefined && typeof options.clearPendingCreates !== "boolean") {
      throw new Error(
        `refresh option clearPendingCreates: expected true or false, got ${JSON.stringify(options.clearPendingCreates)}`,
      );
    }
    const snapshot = this.store.load();
    const config = this.configFromState(snapshot);
    const diagnostics: Diagnostic[] = [];
    let error: string | undefined;
    const resources = [...snapshot.resources];
    const stepAt = new Map<number, Step>();
    const gone = new Set<number>();
    const readable = resources
      .map((_, i) => i)
      .filter((i) => resources[i].custom && !isInternalResource(resources[i]) && resources[i].id);
    const readOne = async (plugin: DynamicProviderPlugin, i: number) => {
      const r = resources[i];
      const step: Step = { ...blankStep("refresh", r), oldState: cloneWire(r) };
      stepAt.set(i, step);
      let read: Awaited<ReturnType<DynamicProviderPlugin["read"]>>;
      try {
        read = await plugin.read(r.urn, r.id ?? "", toProviderMap(r.outputs), toProviderMap(r.inputs));
      } catch (err) {
        step.error = errorMessage(err);
        diagnostics.push({ urn: r.urn, severity: "error", message: step.error });
        error ??= step.error;
        return;
      }
      if (!read.id) {
        step.gone = true;
        gone.add(i);
        return;
      }
      // provider_plugin.go Read: annotateSecrets(new inputs, old inputs) and (new outputs, old outputs);
      // step_executor.go then applies additionalSecretOutputs to every new state.
      const inputs = read.inputs ? annotateSecrets(read.inputs, r.inputs) : r.inputs;
      const outputs = applySecretOutputRules(
        annotateSecrets(read.properties, r.outputs),
        {},
        r.additionalSecretOutputs ?? [],
      );
      const next: ResourceState = { ...r, id: read.id, inputs, outputs };
      step.drift = changedKeys(r.outputs, outputs);
      step.inputDrift = changedKeys(r.inputs, inputs);
      step.newState = cloneWire(next);
      resources[i] = next;
    };
    try {
      await this.withPlugin(config, (plugin) =>
        runOrdered(
          readable,
          () => [],
          new StepPool(this.parallel),
          () => error !== undefined,
          (i) => readOne(plugin, i),
        ),
      );
    } catch (err) {
      error ??= errorMessage(err);
      if (!diagnostics.some((d) => d.message === error))
        diagnostics.push({ severity: "error", message: error });
    }
    // One write, at the end: the engine elides the checkpoint after each step of a refresh
    // (snapshot.go refreshSnapshotMutation) and saves the snapshot when the operation closes.
    this.store.save(
      {
        resources: resources.filter((_, i) => !gone.has(i)),
        pendingOperations: options.clearPendingCreates ? [] : carriedPendingCreates(snapshot),
      },
      this.urn,
    );
    return new OperationResult({
      operation: "refresh",
      ok: error === undefined,
      error,
      steps: inOrder(stepAt),
      internalSteps: [],
      diagnostics,
      pluginLog: this.lastLog,
      durationMs: Date.now() - started,
      config,
    });
  }

  /**
   * `pulumi destroy`: deletes every resource, dependents before what they rely on, `parallel` at once;
   * steps are reported in reverse state order. After the first failure no new delete starts.
   */
  async destroy(): Promise<OperationResult> {
    const started = Date.now();
    const snapshot = this.store.load();
    const config = this.configFromState(snapshot);
    const diagnostics: Diagnostic[] = startWarnings(snapshot, false);
    let error: string | undefined;
    const order = [...snapshot.resources].reverse();
    const blockers = deleteBlockers(order);
    const stepAt = new Map<number, Step>();
    const deleted = new Set<ResourceState>();
    const remaining = (): Snapshot => ({
      resources: snapshot.resources.filter((r) => !deleted.has(r)),
      pendingOperations: operations.list(),
    });
    const checkpoint = this.checkpointer(false, remaining);
    const operations = new OperationsInFlight(checkpoint, snapshot);
    const deleteOne = async (plugin: DynamicProviderPlugin | undefined, r: ResourceState, index: number) => {
      const op: StepOp = r.external ? "discard" : r.delete ? "delete-replaced" : "delete";
      const step = { ...blankStep(op, r), oldState: cloneWire(r) };
      stepAt.set(index, step);
      if (r.protect) {
        step.error = protectedDeleteMessage(r.urn);
      } else {
        try {
          await operations.during("deleting", r, () => applyDelete(plugin, r, step));
        } catch (err) {
          step.error = errorMessage(err);
          operations.failed();
        }
      }
      if (step.error) {
        diagnostics.push({ urn: r.urn, severity: "error", message: step.error });
        error ??= step.error;
        return;
      }
      deleted.add(r);
      checkpoint?.();
    };
    const deleteAll = (plugin?: DynamicProviderPlugin) =>
      runOrdered(
        order,
        blockers,
        new StepPool(this.parallel),
        () => error !== undefined,
        (r, index) => deleteOne(plugin, r, index),
      );
    try {
      if (snapshot.resources.some(deletesWithProvider)) await this.withPlugin(config, deleteAll);
      else await deleteAll();
    } catch (err) {
      error ??= errorMessage(err);
      diagnostics.push({ severity: "error", message: error });
    }
    this.store.save(remaining(), this.urn);
    const shown = inOrder(stepAt);
    return new OperationResult({
      operation: "destroy",
      ok: error === undefined,
      error,
      steps: shown.filter((step) => !isInternalResource(step)),
      internalSteps: shown.filter((step) => isInternalResource(step)),
      diagnostics,
      pluginLog: this.lastLog,
      durationMs: Date.now() - started,
      config,
    });
  }
}

/** Steps keyed by position, in position order. */
function inOrder(stepAt: Map<number, Step>): Step[] {
  return [...stepAt.entries()].sort(([a], [b]) => a - b).map(([, step]) => step);
}

/** The engine warns when an update or destroy (not a preview) starts with pending operations. */
function startWarnings(old: Snapshot, preview: boolean): Diagnostic[] {
  const pending = old.pendingOperations ?? [];
  if (preview || pending.length === 0) return [];
  return [{ severity: "warning", message: pendingOperationsWarning(pending) }];
}

function isPropertyMap(v: unknown): v is PropertyMap {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function plainConfig(config: PropertyMap): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(toProviderMap(config))) out[k] = String(v);
  return out;
}

function blankStep(op: StepOp, r: ResourceState): Step {
  return {
    op,
    urn: r.urn,
    type: r.type,
    name: urnName(r.urn),
    provider: r.provider,
    diffReasons: [],
    replaceReasons: [],
    checkFailures: [],
  };
}

function internalStep(op: StepOp, old: ResourceState | undefined, next: ResourceState): Step {
  return {
    ...blankStep(op, next),
    oldState: old && cloneWire(old),
    newState: cloneWire(next),
    diffReasons: old ? changedKeys(old.inputs, next.inputs) : [],
  };
}

// Runs a Pulumi program in this process under pulumi.runtime.setMocks and hands every resource registration,
// with the resource options MockResourceArgs does not carry, to the engine emulation. The mock monitor's
// registerResource is replaced: the engine answers each registration (during `up` only after the real plugin
// has created or updated the resource, so dependents see real outputs).
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import type * as resproto from "@pulumi/pulumi/proto/resource_pb";
import { type AliasSpec, readAliases } from "./aliases";
import { skipUnreadPromiseStacks } from "./promise-stacks";
import { skipRequestStructRoundTrip } from "./request-structs";
import { skipUnreadSourcePositions } from "./source-positions";
import type { PropertyMap } from "./properties";
import { STACK_TYPE } from "./state";
import { unsupportedOptionsOf } from "./unsupported-options";

export type Program = (() => unknown) | string;

/** One RegisterResource call, read straight from the request the SDK sent. */
export interface Registration {
  urn: string;
  type: string;
  name: string;
  parent?: string;
  custom: boolean;
  /** The inputs in wire form: secret envelopes, unknown sentinels during previews. */
  inputs: PropertyMap;
  dependencies: string[];
  propertyDependencies: Record<string, string[]>;
  /** The explicit provider reference, if the program passed one (`opts.provider`). */
  provider?: string;
  additionalSecretOutputs: string[];
  /** `undefined` when the program did not set the option (the provider's diff then decides). */
  deleteBeforeReplace?: boolean;
  protect: boolean;
  retainOnDelete: boolean;
  ignoreChanges: string[];
  replaceOnChanges: string[];
  importId?: string;
  /** Set for a ReadResource call (`Resource.get`, `opts.id`): the id of the existing object to read. */
  readId?: string;
  /** The `aliases` option (see aliases.ts). */
  aliases?: AliasSpec[];
  /** Options set that the harness does not implement: the registration is refused. */
  unsupportedOptions?: string[];
}

export interface RegistrationResult {
  id: string;
  outputs: PropertyMap;
}

export type RegistrationHandler = (reg: Registration) => Promise<RegistrationResult>;

export interface ProgramRun {
  project: string;
  stack: string;
  preview: boolean;
  /** Namespaced config ("proj:key") with plain string values, and the keys that are secret. */
  config: Record<string, string>;
  secretKeys: string[];
}

interface InternalRuntime {
  withLocalStorage<T>(fn: () => Promise<T>): Promise<T>;
  getStore(): object;
  waitForRPCs(): Promise<void>;
  getMonitor(): unknown;
}

function internals(): InternalRuntime {
  // Not in the public typings, but stable and used by the Automation API for inline programs: a fresh
  // runtime store per run keeps one run's mocks, config and stack from leaking into another, also after the
  // harness has stopped waiting for a program (a failed deployment leaves its program awaiting forever).
  const state = require("@pulumi/pulumi/runtime/state");
  const settings = require("@pulumi/pulumi/runtime/settings");
  return {
    withLocalStorage: (fn) => state.withLocalStorage(fn),
    getStore: () => state.getStore(),
    waitForRPCs: () => settings.waitForRPCs(),
    getMonitor: () => settings.getMonitor(),
  };
}

/** The runtime stores of the programs the harness has run in this process. */
const harnessStores = new WeakSet<object>();

/** Computes a resource URN as the engine does: the parent's type chain is prefixed unless it is the root stack. */
export function makeUrn(stack: string, project: string, type: string, name: string, parent?: string): string {
  let qualified = type;
  if (parent) {
    const parentQualified = parent.split("::")[2] ?? "";
    if (parentQualified !== STACK_TYPE) qualified = `${parentQualified}$${type}`;
  }
  return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

function readRegistration(req: resproto.RegisterResourceRequest, run: ProgramRun): Registration {
  const type = req.getType();
  const name = req.getName();
  const parent = req.getParent() || undefined;
  const propertyDependencies: Record<string, string[]> = {};
  for (const [key, deps] of req.getPropertydependenciesMap().entries()) {
    propertyDependencies[key] = deps.getUrnsList();
  }
  return {
    urn: makeUrn(run.stack, run.project, type, name, parent),
    type,
    name,
    parent,
    custom: req.getCustom(),
    inputs: (req.getObject()?.toJavaScript() ?? {}) as PropertyMap,
    dependencies: req.getDependenciesList(),
    propertyDependencies,
    provider: req.getProvider() || undefined,
    additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
    deleteBeforeReplace: req.getDeletebeforereplacedefined() ? req.getDeletebeforereplace() : undefined,
    protect: req.getProtect() === true,
    retainOnDelete: req.getRetainondelete() === true,
    ignoreChanges: req.getIgnorechangesList(),
    replaceOnChanges: req.getReplaceonchangesList(),
    importId: req.getImportid() || undefined,
    aliases: readAliases(req),
    unsupportedOptions: unsupportedOptionsOf(req),
  };
}

function readReadRegistration(req: resproto.ReadResourceRequest, run: ProgramRun): Registration {
  const type = req.getType();
  const name = req.getName();
  const parent = req.getParent() || undefined;
  return {
    urn: makeUrn(run.stack, run.project, type, name, parent),
    type,
    name,
    parent,
    custom: true,
    inputs: (req.getProperties()?.toJavaScript() ?? {}) as PropertyMap,
    dependencies: req.getDependenciesList(),
    propertyDependencies: {},
    provider: req.getProvider() || undefined,
    additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
    protect: false,
    retainOnDelete: false,
    ignoreChanges: [],
    replaceOnChanges: [],
    readId: req.getId(),
  };
}

/**
 * Loads a program given as a module path fresh (dropping it from the require cache first, so top-level
 * registrations run again) and returns what it exports; a function export (or default) is called.
 */
async function invokeProgram(program: Program): Promise<unknown> {
  if (typeof program === "function") return await program();
  const resolved = require.resolve(path.resolve(program));
  delete require.cache[resolved];
  const mod = require(resolved);
  const entry =
    typeof mod === "function" ? mod : typeof mod?.default === "function" ? mod.default : undefined;
  return entry ? await entry() : mod;
}

/**
 * Runs `program` and resolves when it and every registration it made have finished. A program that throws
 * (or rejects) resolves with `programError` set; registrations answered with an error do not throw here.
 */
export async function runProgram(
  run: ProgramRun,
  program: Program,
  handler: RegistrationHandler,
  /** Receives a component's registerOutputs() values. */
  outputsHandler?: (urn: string, outputs: PropertyMap) => void,
): Promise<{ programError?: unknown; exports?: unknown }> {
  const rt = internals();
  const inHarnessProgram = () => harnessStores.has(rt.getStore());
  skipUnreadPromiseStacks(inHarnessProgram);
  skipUnreadSourcePositions(inHarnessProgram);
  skipRequestStructRoundTrip(inHarnessProgram);
  return rt.withLocalStorage(async () => {
    harnessStores.add(rt.getStore());
    await pulumi.runtime.setMocks(
      {
        newResource: () => {
          throw new Error("the harness monitor answers registrations itself");
        },
        call: (args) => {
          throw new Error(`invokes are not supported by the harness (${args.token})`);
        },
      },
      run.project,
      run.stack,
      run.preview,
    );
    pulumi.runtime.setAllConfig(run.config, run.secretKeys);
    const monitor = rt.getMonitor() as Record<string, unknown>;
    const { responseClass, readResponseClass } = responseClasses();
    monitor.registerResource = (
      req: resproto.RegisterResourceRequest,
      callback: (err: Error | null, resp?: resproto.RegisterResourceResponse) => void,
    ) => {
      let reg: Registration;
      try {
        reg = readRegistration(req, run);
      } catch (err) {
        callback(err as Error);
        return;
      }
      handler(reg).then(
        (result) => {
          const resp = new responseClass();
          resp.setUrn(reg.urn);
          resp.setId(result.id);
          resp.getObject = () => decodedStruct(result.outputs);
          callback(null, resp);
        },
        (err) => callback(err instanceof Error ? err : new Error(String(err))),
      );
    };
    monitor.registerResourceOutputs = (
      req: resproto.RegisterResourceOutputsRequest,
      callback: (err: Error | null, resp?: unknown) => void,
    ) => {
      outputsHandler?.(req.getUrn(), (req.getOutputs()?.toJavaScript() ?? {}) as PropertyMap);
      callback(null, {});
    };
    // get() and opts.id: the engine reads the object with the registration's properties as its state
    // (step.go ReadStep) and answers with the URN and the outputs.
    monitor.readResource = (
      req: resproto.ReadResourceRequest,
      callback: (err: Error | null, resp?: resproto.ReadResourceResponse) => void,
    ) => {
      let reg: Registration;
      try {
        reg = readReadRegistration(req, run);
      } catch (err) {
        callback(err as Error);
        return;
      }
      handler(reg).then(
        (result) => {
          const resp = new readResponseClass();
          resp.setUrn(reg.urn);
          resp.getProperties = () => decodedStruct(result.outputs);
          callback(null, resp);
        },
        (err) => callback(err instanceof Error ? err : new Error(String(err))),
      );
    };
    let programError: unknown;
    let exports: unknown;
    try {
      exports = await invokeProgram(program);
    } catch (err) {
      programError = err;
    }
    await rt.waitForRPCs();
    // Stack exports in wire form, as the language host sends them with the root stack's outputs.
    if (
      programError === undefined &&
      typeof exports === "object" &&
      exports !== null &&
      !Array.isArray(exports)
    ) {
      try {
        exports = await pulumi.runtime.serializeProperties("exports", exports as Record<string, unknown>);
      } catch (err) {
        programError = err;
      }
    }
    return { programError, exports };
  });
}

function responseClasses() {
  // From the same @pulumi/pulumi copy the program's SDK loaded, so every other accessor the SDK reads
  // (property dependencies, result) answers as a message of its own would.
  const resourcePb = require("@pulumi/pulumi/proto/resource_pb") as typeof resproto;
  return {
    responseClass: resourcePb.RegisterResourceResponse,
    readResponseClass: resourcePb.ReadResourceResponse,
  };
}

/**
 * The outputs as the response's Struct field. The SDK only ever decodes that field (`toJavaScript()`, in
 * rpc.ts deserializeProperties; it builds the same shape itself when it runs without an engine), so the
 * outputs are handed over as they are instead of being encoded into a protobuf Struct only to be decoded
 * again. The SDK copies what it reads into values of its own.
 */
function decodedStruct(outputs: PropertyMap): never {
  return { toJavaScript: () => outputs } as never;
}

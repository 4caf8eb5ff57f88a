// Spawns the real Node dynamic-provider plugin shipped in @pulumi/pulumi and speaks gRPC to it with the
// messages it ships, exactly as the engine does (pulumi/pulumi pkg/resource/plugin/provider_plugin.go). One
// process per operation: the plugin caches the deserialized provider and its configure() call per process.
import { type ChildProcess, spawn } from "node:child_process";
import * as path from "node:path";
import type * as providerPbTypes from "@pulumi/pulumi/proto/provider_pb";
import { GrpcCallError, UnaryChannel } from "./grpc-unary";
import { checkPluginDir, explainMissingModule } from "./project-dir";
import { isSecret, type PropertyMap } from "./properties";
import { requestBytes, splitResponse, type StructField } from "./struct-wire";

/** The @pulumi/pulumi a project resolves: its plugin script and the message classes it ships. */
interface PulumiPackage {
  providerPb: typeof providerPbTypes;
  statusPb: { Status: { deserializeBinary(bytes: Uint8Array): StatusMessage } };
  pluginScript: string;
}

interface StatusMessage {
  getDetailsList(): Array<{ getTypeName(): string; getValue_asU8(): Uint8Array }>;
}

/** Finds the @pulumi/pulumi a project resolves (as the engine would run its plugin from there). */
export function resolvePulumiPackage(projectDir: string): PulumiPackage {
  let pkgJson: string;
  try {
    pkgJson = require.resolve("@pulumi/pulumi/package.json", { paths: [projectDir, __dirname] });
  } catch {
    throw new Error(
      `cannot resolve @pulumi/pulumi from projectDir ${projectDir}: install it in the project (npm install @pulumi/pulumi)`,
    );
  }
  const pulumiDir = path.dirname(pkgJson);
  return {
    providerPb: require(path.join(pulumiDir, "proto/provider_pb")),
    statusPb: require(path.join(pulumiDir, "proto/status_pb")),
    pluginScript: path.join(pulumiDir, "cmd/dynamic-provider/index.js"),
  };
}

export interface PluginLaunch {
  projectDir: string;
  project: string;
  stack: string;
  env?: Record<string, string | undefined>;
  /** How long to wait for the port line before giving up. */
  startTimeoutMs?: number;
}

export interface CheckFailure {
  property: string;
  reason: string;
}

export interface CheckResult {
  inputs: PropertyMap;
  failures: CheckFailure[];
}

/** DiffResponse.DiffChanges. */
export type DiffChanges = "unknown" | "none" | "some";

export interface DiffResult {
  changes: DiffChanges;
  replaces: string[];
  /** The keys the provider says changed (DiffResponse.diffs); Pulumi's dynamic-provider plugin sends none. */
  diffs: string[];
  deleteBeforeReplace: boolean;
}

export interface ReadResult {
  id: string;
  properties: PropertyMap;
  inputs?: PropertyMap;
}

/** A failed plugin call: the gRPC status and message, plus the partially created object if the provider said so. */
export class PluginCallError extends Error {
  constructor(
    readonly method: string,
    readonly code: number | undefined,
    readonly details: string,
    /** Set when the plugin attached ErrorResourceInitFailed: the object exists but failed to initialize. */
    readonly initFailure?: { id: string; properties: PropertyMap; reasons: string[] },
  ) {
    super(details);
    this.name = "PluginCallError";
  }
}

/** A response: its message (every field but the Struct ones) and its Struct fields by field number. */
interface Answer<Res> {
  message: Res;
  structs: Map<number, PropertyMap>;
}

/** The response message of each method this client calls; Delete answers google.protobuf.Empty. */
const RESPONSE_TYPES = {
  configure: "ConfigureResponse",
  check: "CheckResponse",
  diff: "DiffResponse",
  create: "CreateResponse",
  read: "ReadResponse",
  update: "UpdateResponse",
  delete: undefined,
} as const;

interface AddressableRequest {
  setUrn(urn: string): unknown;
  setName(name: string): unknown;
  setType(type: string): unknown;
}

/** Every resource request names its resource the same three ways. */
function address(req: AddressableRequest, urn: string): void {
  req.setUrn(urn);
  req.setName(urnName(urn));
  req.setType(urnType(urn));
}

/** A running plugin process and its gRPC connection. Always `close()` it. */
export class DynamicProviderPlugin {
  private exited = false;
  private readonly exitPromise: Promise<void>;

  private constructor(
    private readonly pulumi: PulumiPackage,
    private readonly child: ChildProcess,
    private readonly channel: UnaryChannel,
    private readonly output: { text: string },
    /** Milliseconds from spawning the process to its gRPC port being announced: Pulumi's own start-up. */
    readonly startupMs: number,
    /** The working directory it runs in, named when a module cannot be found from it. */
    private readonly dir: string,
  ) {
    this.exitPromise = new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) {
        this.exited = true;
        resolve();
        return;
      }
      child.once("exit", () => {
        this.exited = true;
        resolve();
      });
    });
  }

  /** Starts `node <plugin> <placeholder>` with cwd = the project dir and reads the port from the first stdout line. */
  static async start(launch: PluginLaunch): Promise<DynamicProviderPlugin> {
    checkPluginDir(launch.projectDir);
    const pulumi = resolvePulumiPackage(launch.projectDir);
    const spawnedAt = performance.now();
    const env: Record<string, string | undefined> = {
      ...process.env,
      ...launch.env,
      // pulumi/pulumi provider_plugin.go sets these for language plugins; Config.get() namespaces with it.
      PULUMI_NODEJS_PROJECT: launch.project,
      PULUMI_PROJECT: launch.project,
      PULUMI_NODEJS_STACK: launch.stack,
      PULUMI_STACK: launch.stack,
    };
    const child = spawn(process.execPath, [pulumi.pluginScript, "127.0.0.1:0"], {
      cwd: launch.projectDir,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const output = { text: "" };
    const port = await readPort(child, output, launch.startTimeoutMs ?? 20_000);
    return new DynamicProviderPlugin(
      pulumi,
      child,
      new UnaryChannel(`127.0.0.1:${port}`),
      output,
      performance.now() - spawnedAt,
      launch.projectDir,
    );
  }

  /** Everything the plugin printed on stdout and stderr after the port line. */
  get log(): string {
    return this.output.text;
  }

  /** The plugin's process id (e.g. to sample its memory from /proc/<pid>/status). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /**
   * One unary call of the ResourceProvider service, with the Struct fields written and read by
   * struct-wire.ts: `req` holds every other field, `structs` the request's property maps by field number,
   * `responseStructs` the response's Struct field numbers.
   */
  private async call<Res>(
    method: keyof typeof RESPONSE_TYPES,
    req: { serializeBinary(): Uint8Array },
    structs: StructField[],
    responseStructs: readonly number[],
  ): Promise<Answer<Res>> {
    if (this.exited) {
      throw new PluginCallError(
        method,
        undefined,
        `the plugin process exited before ${method}:\n${this.log}`,
      );
    }
    // Built outside the call's try: a request the harness cannot encode is its own error, not the plugin's.
    const request = requestBytes(req.serializeBinary(), structs);
    let bytes: Buffer;
    try {
      bytes = await this.channel.call(
        `/pulumirpc.ResourceProvider/${method[0]!.toUpperCase()}${method.slice(1)}`,
        request,
      );
    } catch (err) {
      throw this.toCallError(method, err as GrpcCallError);
    }
    const typeName = RESPONSE_TYPES[method];
    const responseType = typeName
      ? (this.pulumi.providerPb[typeName] as unknown as { deserializeBinary(bytes: Uint8Array): Res })
      : undefined;
    const { structs: decoded, rest } = splitResponse(bytes, responseStructs);
    return {
      message: responseType?.deserializeBinary(rest) as Res,
      structs: decoded as Map<number, PropertyMap>,
    };
  }

  private toCallError(method: string, err: GrpcCallError): PluginCallError {
    const details = err.details || err.message;
    let initFailure: PluginCallError["initFailure"];
    if (err.statusDetails) {
      const status = this.pulumi.statusPb.Status.deserializeBinary(err.statusDetails);
      for (const any of status.getDetailsList()) {
        if (any.getTypeName().endsWith("pulumirpc.ErrorResourceInitFailed")) {
          const detail = this.pulumi.providerPb.ErrorResourceInitFailed.deserializeBinary(
            any.getValue_asU8(),
          );
          initFailure = {
            id: detail.getId(),
            properties: (detail.getProperties()?.toJavaScript() ?? {}) as PropertyMap,
            reasons: detail.getReasonsList(),
          };
        }
      }
    }
    return new PluginCallError(method, err.code, explainMissingModule(details, this.dir), initFailure);
  }

  /**
   * Configure with the whole stack config, namespaced keys and secret envelopes kept, as the engine does for
   * pulumi-nodejs (pkg/resource/deploy/target.go GetPackageConfig; provider_plugin.go Configure).
   */
  async configure(args: PropertyMap): Promise<{ acceptSecrets: boolean; supportsPreview: boolean }> {
    const pb = this.pulumi.providerPb;
    const req = new pb.ConfigureRequest();
    const variables = req.getVariablesMap();
    for (const [k, v] of Object.entries(args)) {
      const plain = isSecret(v) ? v.value : v;
      variables.set(`pulumi-nodejs:config:${k}`, typeof plain === "string" ? plain : JSON.stringify(plain));
    }
    req.setAcceptsecrets(true);
    req.setAcceptresources(true);
    req.setSendsOldInputs(true);
    req.setSendsOldInputsToDelete(true);
    const { message: resp } = await this.call<providerPbTypes.ConfigureResponse>(
      "configure",
      req,
      [[2, args]],
      [],
    );
    return { acceptSecrets: resp.getAcceptsecrets(), supportsPreview: resp.getSupportspreview() };
  }

  async check(urn: string, olds: PropertyMap, news: PropertyMap): Promise<CheckResult> {
    const req = new this.pulumi.providerPb.CheckRequest();
    address(req, urn);
    const { message: resp, structs } = await this.call<providerPbTypes.CheckResponse>(
      "check",
      req,
      [
        [2, olds],
        [3, news],
      ],
      [1],
    );
    return {
      inputs: structs.get(1) ?? {},
      failures: resp.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
    };
  }

  async diff(
    urn: string,
    id: string,
    oldOutputs: PropertyMap,
    news: PropertyMap,
    oldInputs: PropertyMap,
  ): Promise<DiffResult> {
    const pb = this.pulumi.providerPb;
    const req = new pb.DiffRequest();
    address(req, urn);
    req.setId(id);
    const { message: resp } = await this.call<providerPbTypes.DiffResponse>(
      "diff",
      req,
      [
        [3, oldOutputs],
        [4, news],
        [6, oldInputs],
      ],
      [],
    );
    const codes = pb.DiffResponse.DiffChanges;
    const changes = resp.getChanges();
    return {
      changes: changes === codes.DIFF_SOME ? "some" : changes === codes.DIFF_NONE ? "none" : "unknown",
      replaces: resp.getReplacesList(),
      diffs: resp.getDiffsList(),
      deleteBeforeReplace: resp.getDeletebeforereplace(),
    };
  }

  async create(urn: string, properties: PropertyMap): Promise<{ id: string; properties: PropertyMap }> {
    const req = new this.pulumi.providerPb.CreateRequest();
    address(req, urn);
    const { message: resp, structs } = await this.call<providerPbTypes.CreateResponse>(
      "create",
      req,
      [[2, properties]],
      [2],
    );
    return { id: resp.getId(), properties: structs.get(2) ?? {} };
  }

  async read(urn: string, id: string, properties: PropertyMap, inputs: PropertyMap): Promise<ReadResult> {
    const req = new this.pulumi.providerPb.ReadRequest();
    address(req, urn);
    req.setId(id);
    const { message: resp, structs } = await this.call<providerPbTypes.ReadResponse>(
      "read",
      req,
      [
        [3, properties],
        [4, inputs],
      ],
      [2, 3],
    );
    return { id: resp.getId(), properties: structs.get(2) ?? {}, inputs: structs.get(3) };
  }

  async update(
    urn: string,
    id: string,
    oldOutputs: PropertyMap,
    news: PropertyMap,
    oldInputs: PropertyMap,
  ): Promise<{ properties: PropertyMap }> {
    const req = new this.pulumi.providerPb.UpdateRequest();
    address(req, urn);
    req.setId(id);
    const { structs } = await this.call<providerPbTypes.UpdateResponse>(
      "update",
      req,
      [
        [3, oldOutputs],
        [4, news],
        [8, oldInputs],
      ],
      [1],
    );
    return { properties: structs.get(1) ?? {} };
  }

  async delete(urn: string, id: string, outputs: PropertyMap, inputs: PropertyMap): Promise<void> {
    const req = new this.pulumi.providerPb.DeleteRequest();
    address(req, urn);
    req.setId(id);
    await this.call<unknown>(
      "delete",
      req,
      [
        [3, outputs],
        [5, inputs],
      ],
      [],
    );
  }

  /** Closes the channel and kills the process; resolves once it has exited. */
  async close(): Promise<void> {
    this.channel.close();
    if (!this.exited) this.child.kill("SIGTERM");
    await this.exitPromise;
  }
}

export function urnName(urn: string): string {
  return urn.split("::").slice(3).join("::");
}

export function urnType(urn: string): string {
  const qualified = urn.split("::")[2] ?? "";
  return qualified.split("$").pop() ?? qualified;
}

function readPort(child: ChildProcess, output: { text: string }, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let buffered = "";
    let port: number | undefined;
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(new Error(`the dynamic-provider plugin did not start: ${why}\n${buffered}${output.text}`));
    };
    const timer = setTimeout(() => fail(`no port line within ${timeoutMs} ms`), timeoutMs);
    child.stdout?.setEncoding("utf8");
    child.stderr?.setEncoding("utf8");
    child.stdout?.on("data", (chunk: string) => {
      if (port !== undefined) {
        output.text += chunk;
        return;
      }
      buffered += chunk;
      const newline = buffered.indexOf("\n");
      if (newline < 0) return;
      const line = buffered.slice(0, newline).trim();
      output.text += buffered.slice(newline + 1);
      buffered = "";
      const parsed = Number.parseInt(line, 10);
      if (!/^\d+$/.test(line) || !(parsed > 0)) {
        fail(`unexpected first stdout line ${JSON.stringify(line)}`);
        return;
      }
      port = parsed;
      clearTimeout(timer);
      resolve(parsed);
    });
    child.stderr?.on("data", (chunk: string) => {
      output.text += chunk;
    });
    child.once("error", (err) => fail(err.message));
    child.once("exit", (code, signal) => {
      if (port === undefined) fail(`exited with ${signal ?? `code ${code}`}`);
    });
  });
}

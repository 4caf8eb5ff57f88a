// The stack's state ("checkpoint"): resources in dependency order with inputs and outputs in wire form. On
// disk every secret value is encrypted in place, like Pulumi's own checkpoints
// ({sig: secret, ciphertext}), with AES-256-GCM and a key derived by scrypt from a passphrase. Without a
// passphrase a random per-process key is used and the file is marked not reloadable by another process.
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { type PropertyMap, SECRET_SIG, SIG_KEY } from "./properties";

export interface ResourceState {
  urn: string;
  custom: boolean;
  type: string;
  id?: string;
  inputs: PropertyMap;
  outputs: PropertyMap;
  parent?: string;
  /** `<provider urn>::<provider id>` for custom resources. */
  provider?: string;
  dependencies: string[];
  propertyDependencies?: Record<string, string[]>;
  protect?: boolean;
  retainOnDelete?: boolean;
  additionalSecretOutputs?: string[];
  /** The deleteBeforeReplace resource option, when the program set it. */
  deleteBeforeReplace?: boolean;
  ignoreChanges?: string[];
  replaceOnChanges?: string[];
  /** Reasons a create or update left the object half-initialised (ErrorResourceInitFailed). */
  initErrors?: string[];
  /** A replaced resource still waiting for its delete-replaced step. */
  delete?: boolean;
  /** Read with `get()` (or `opts.id`), not managed: never updated or deleted, only dropped from state. */
  external?: boolean;
}

export const STACK_TYPE = "pulumi:pulumi:Stack";

/** The stack resource and providers: kept in the state, not reported as the program's resources. */
export function isInternalResource(r: Pick<ResourceState, "type">): boolean {
  return r.type === STACK_TYPE || r.type.startsWith("pulumi:providers:");
}

/**
 * A resource operation begun and not known to have ended (pkg/resource/operation.go): the engine records
 * one in the checkpoint before each create, update, delete and read, so a process that dies half-way
 * leaves a record of what was in flight.
 */
export type OperationType = "creating" | "updating" | "deleting" | "reading";

export interface PendingOperation {
  type: OperationType;
  /** The resource as the step saw it when it began (for a create, no id yet). */
  resource: ResourceState;
}

export interface Snapshot {
  resources: ResourceState[];
  /** Omitted or empty when nothing is pending. */
  pendingOperations?: PendingOperation[];
}

const FILE_VERSION = 3;
const CHECK_PLAINTEXT = "pulumi-wxcc/testing";
const CHECK_AAD = "check";

interface SecretsProviderState {
  type: "passphrase" | "ephemeral";
  kdf?: "scrypt";
  salt?: string;
  /** A known plaintext, encrypted, so a wrong passphrase fails with a clear message. */
  check: string;
  /** False when the key lived only in the writing process. */
  reloadable: boolean;
  /** For ephemeral keys: which process key wrote the file. */
  keyId?: string;
}

interface StateFile {
  version: number;
  checkpoint: {
    stack: string;
    latest: {
      manifest: { time: string; version: string };
      secrets_providers: SecretsProviderState;
      resources: ResourceState[];
      /** As the engine's DeploymentV3 names it; absent when empty (omitempty). */
      pending_operations?: Array<{ resource: ResourceState; type: OperationType }>;
    };
  };
}

const processKey = { key: crypto.randomBytes(32), id: crypto.randomBytes(8).toString("hex") };
/**
 * The salt of every state file this process creates. Deriving a key costs about 100 ms of CPU (scrypt, as
 * it should), and a test suite creates a stack per test: with one salt per process a passphrase is derived
 * once, not once per stack. Files keep the salt they were written with.
 */
const NEW_FILE_SALT = crypto.randomBytes(16).toString("base64");
const derivedKeys = new Map<string, Buffer>();

function deriveKey(passphrase: string, salt: string): Buffer {
  const cacheKey = `${salt}\u0000${passphrase}`;
  let key = derivedKeys.get(cacheKey);
  if (!key) {
    key = crypto.scryptSync(passphrase, Buffer.from(salt, "base64"), 32, { N: 16384, r: 8, p: 1 });
    derivedKeys.set(cacheKey, key);
  }
  return key;
}

export function encrypt(key: Buffer, plaintext: string, aad = ""): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(aad));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return `v1:${iv.toString("base64")}:${body.toString("base64")}`;
}

export function decrypt(key: Buffer, ciphertext: string, aad = ""): string {
  const [version, ivText, bodyText] = ciphertext.split(":");
  if (version !== "v1" || !ivText || !bodyText) throw new Error("malformed ciphertext");
  const body = Buffer.from(bodyText, "base64");
  const decipher = crypto.createDecipheriv("aes-256-gcm", key, Buffer.from(ivText, "base64"));
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(body.subarray(body.length - 16));
  return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString(
    "utf8",
  );
}

function mapSecrets(v: unknown, fn: (envelope: Record<string, unknown>) => unknown): unknown {
  if (typeof v !== "object" || v === null) return v;
  if (Array.isArray(v)) return v.map((e) => mapSecrets(e, fn));
  const obj = v as Record<string, unknown>;
  if (obj[SIG_KEY] === SECRET_SIG) return fn(obj);
  const out: Record<string, unknown> = {};
  for (const [k, e] of Object.entries(obj)) out[k] = mapSecrets(e, fn);
  return out;
}

/**
 * Each secret envelope's last ciphertext and the plaintext it encrypts. The same envelope object is written
 * again and again (in a resource's inputs and outputs, in a pending operation, then in the state it leaves),
 * and encrypting costs more than anything else in a checkpoint. The engine keeps the same cache, per secret
 * object and plaintext, for the same reason (pkg/resource/stack/secrets.go SecretCache).
 */
type CiphertextCache = WeakMap<object, { plaintext: string; ciphertext: string }>;

/** A resource state as stored: every secret's value encrypted in place. */
function encryptSecrets(r: ResourceState, key: Buffer, cache: CiphertextCache): unknown {
  return mapSecrets(r, (envelope) => {
    const plaintext = JSON.stringify(envelope.value ?? null);
    let cached = cache.get(envelope);
    if (cached?.plaintext !== plaintext) {
      cached = { plaintext, ciphertext: encrypt(key, plaintext) };
      cache.set(envelope, cached);
    }
    return { [SIG_KEY]: SECRET_SIG, ciphertext: cached.ciphertext };
  });
}

export interface StateStoreOptions {
  /** Where the state lives; without it the (still encrypted) text is kept in memory. */
  file?: string;
  /** Explicit passphrase; else PULUMI_CONFIG_PASSPHRASE; else a per-process key. */
  passphrase?: string;
  /** Label for error messages. */
  stackName: string;
}

/** Reads and writes the encrypted state text. */
export class StateStore {
  private memoryText?: string;

  /** The passphrase salt of the file as last loaded or saved (spares re-reading the file to find it). */
  private salt: string | undefined;
  constructor(private readonly opts: StateStoreOptions) {}

  private passphrase(): string | undefined {
    return this.opts.passphrase ?? process.env.PULUMI_CONFIG_PASSPHRASE;
  }

  private where(): string {
    return this.opts.file
      ? `state file ${this.opts.file}`
      : `in-memory state of stack ${this.opts.stackName}`;
  }

  /** The state text exactly as stored (secrets encrypted); undefined before the first write. */
  rawText(): string | undefined {
    if (!this.opts.file) return this.memoryText;
    return fs.existsSync(this.opts.file) ? fs.readFileSync(this.opts.file, "utf8") : undefined;
  }

  load(): Snapshot {
    const text = this.rawText();
    if (text === undefined) return { resources: [] };
    let parsed: StateFile;
    try {
      parsed = JSON.parse(text) as StateFile;
    } catch (err) {
      throw new Error(
        `${this.where()} is not valid JSON (${(err as Error).message}); delete it to start over`,
      );
    }
    if (parsed.version !== FILE_VERSION || !parsed.checkpoint?.latest) {
      throw new Error(`${this.where()} is not a pulumi-wxcc/testing state file (version ${parsed.version})`);
    }
    const latest = parsed.checkpoint.latest;
    const key = this.keyFor(latest.secrets_providers);
    if (latest.secrets_providers.type === "passphrase" && latest.secrets_providers.salt) {
      this.salt = latest.secrets_providers.salt;
    }
    const decrypted = (r: ResourceState) =>
      mapSecrets(r, (envelope) => {
        const ciphertext = envelope.ciphertext;
        if (typeof ciphertext !== "string") return envelope;
        return { [SIG_KEY]: SECRET_SIG, value: JSON.parse(decrypt(key, ciphertext)) };
      }) as ResourceState;
    const resources = latest.resources.map(decrypted);
    const pending = (latest.pending_operations ?? []).map((op) => ({
      type: op.type,
      resource: decrypted(op.resource),
    }));
    return pending.length > 0 ? { resources, pendingOperations: pending } : { resources };
  }

  private keyFor(sp: SecretsProviderState): Buffer {
    if (sp.type === "ephemeral") {
      if (sp.keyId !== processKey.id) {
        throw new Error(
          `${this.where()} was written without a passphrase by another process, so its secrets cannot be decrypted (not reloadable). Set the passphrase option or PULUMI_CONFIG_PASSPHRASE when writing state that must outlive the process, or delete the file.`,
        );
      }
      return processKey.key;
    }
    const passphrase = this.passphrase();
    if (passphrase === undefined) {
      throw new Error(
        `${this.where()} is encrypted with a passphrase: pass the passphrase option or set PULUMI_CONFIG_PASSPHRASE`,
      );
    }
    const key = deriveKey(passphrase, sp.salt ?? "");
    try {
      if (decrypt(key, sp.check, CHECK_AAD) !== CHECK_PLAINTEXT) throw new Error("check mismatch");
    } catch {
      throw new Error(
        `the passphrase does not decrypt ${this.where()}: use the passphrase (option or PULUMI_CONFIG_PASSPHRASE) it was written with`,
      );
    }
    return key;
  }

  private currentProvider(): { state: Omit<SecretsProviderState, "check">; key: Buffer } {
    const passphrase = this.passphrase();
    if (passphrase === undefined) {
      return { state: { type: "ephemeral", reloadable: false, keyId: processKey.id }, key: processKey.key };
    }
    // Keep an existing file's salt so the derived key (and its cache entry) stays stable across writes: the
    // one load() or the last save() saw, else read from the file.
    let salt = this.salt;
    if (salt === undefined) {
      try {
        const text = this.rawText();
        const sp = text ? (JSON.parse(text) as StateFile).checkpoint?.latest?.secrets_providers : undefined;
        if (sp?.type === "passphrase" && sp.salt) salt = sp.salt;
      } catch {
        salt = undefined;
      }
    }
    salt ??= NEW_FILE_SALT;
    this.salt = salt;
    return {
      state: { type: "passphrase", kdf: "scrypt", salt, reloadable: true },
      key: deriveKey(passphrase, salt),
    };
  }

  /** The checkpoint writes to the file so far, and their bytes (the engine rewrites the whole file each time). */
  readonly writes = { writes: 0, bytes: 0 };

  /**
   * Each resource's stored entry (secrets encrypted, serialized as in the file), per resource state object: a
   * checkpoint rewrites the whole file after every step, and re-encrypting and re-serializing every
   * unchanged resource each time would make a rollout's cost grow with the square of its size; the
   * provider's entry, which holds the whole stack configuration (every org's credentials in a partner's
   * stack), is written at every checkpoint too. States, the stack's and the provider's included, are
   * replaced, never mutated, once saved (appendJoined freezes them). Kept with the key they were encrypted
   * with, and so are the pending operations' entries (written at every checkpoint while their step runs; an
   * operation is made per step and never changed), each secret envelope's ciphertext and one encryption of
   * the passphrase check (any one proves the key).
   */
  private encrypted?: {
    key: Buffer;
    entries: WeakMap<ResourceState, Buffer>;
    pending: WeakMap<PendingOperation, Buffer>;
    ciphertexts: CiphertextCache;
    check: string;
  };
  private dirMade = false;

  private encryptedWith(key: Buffer): NonNullable<StateStore["encrypted"]> {
    if (this.encrypted?.key !== key) {
      this.encrypted = {
        key,
        entries: new WeakMap(),
        pending: new WeakMap(),
        ciphertexts: new WeakMap(),
        check: encrypt(key, CHECK_PLAINTEXT, CHECK_AAD),
      };
    }
    return this.encrypted;
  }

  save(snapshot: Snapshot, stackUrn: string): void {
    const { state, key } = this.currentProvider();
    const encrypted = this.encryptedWith(key);
    const { ciphertexts } = encrypted;
    const file: StateFile = {
      version: FILE_VERSION,
      checkpoint: {
        stack: stackUrn,
        latest: {
          manifest: { time: new Date().toISOString(), version: "pulumi-wxcc/testing" },
          secrets_providers: { ...state, check: encrypted.check },
          resources: [],
        },
      },
    };
    // The file is the frame with the resources' and the pending operations' cached entries written in place
    // of its empty resource list, as buffers: nothing but the frame is serialized or encoded again. No
    // string value in the frame can hold the list's text unescaped, so its one occurrence is the list.
    // Compact JSON, as the engine's file backend writes checkpoints (pkg/backend/diy/state.go
    // compactJSONMarshaler): indentation would be a third of every write's bytes.
    const frame = JSON.stringify(file);
    const at = frame.indexOf(EMPTY_RESOURCES);
    const parts: Buffer[] = [Buffer.from(`${frame.slice(0, at)}"resources":[`)];
    appendJoined(parts, snapshot.resources, encrypted.entries, (r) => encryptSecrets(r, key, ciphertexts));
    // Pending operations follow the resources in the checkpoint, as the engine writes them (apitype's
    // DeploymentV3 field order).
    const pending = snapshot.pendingOperations ?? [];
    if (pending.length > 0) {
      parts.push(PENDING_OPERATIONS);
      appendJoined(parts, pending, encrypted.pending, (op) => ({
        resource: encryptSecrets(op.resource, key, ciphertexts),
        type: op.type,
      }));
    }
    parts.push(Buffer.from(`]${frame.slice(at + EMPTY_RESOURCES.length)}`));
    if (!this.opts.file) {
      this.memoryText = Buffer.concat(parts).toString("utf8");
      return;
    }
    if (!this.dirMade) {
      fs.mkdirSync(path.dirname(this.opts.file), { recursive: true });
      this.dirMade = true;
    }
    const tmp = `${this.opts.file}.${process.pid}.tmp`;
    const fd = fs.openSync(tmp, "w", 0o600);
    try {
      for (let i = 0; i < parts.length; i += WRITEV_BATCH)
        fs.writevSync(fd, parts.slice(i, i + WRITEV_BATCH));
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, this.opts.file);
    this.writes.writes++;
    this.writes.bytes += parts.reduce((sum, part) => sum + part.length, 0);
  }

  /** Whether the state lives in a file (checkpoints after each step are worth writing only then). */
  get fileBacked(): boolean {
    return this.opts.file !== undefined;
  }
}

/**
 * Appends each item's entry to `parts`, comma-separated: the JSON of `stored(item)`, serialized once per item
 * object and kept in `entries`.
 */
function appendJoined<T extends object>(
  parts: Buffer[],
  items: readonly T[],
  entries: WeakMap<T, Buffer>,
  stored: (item: T) => unknown,
): void {
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    let entry = entries.get(item);
    if (entry === undefined) {
      entry = Buffer.from(JSON.stringify(stored(item)), "utf8");
      entries.set(item, entry);
      // The entry stands for the object from now on: changing it would leave checkpoints stale, so it
      // cannot be changed (an assignment throws).
      deepFreeze(item);
    }
    if (i > 0) parts.push(COMMA);
    parts.push(entry);
  }
}

/**
 * Freezes a value and everything in it. A frozen object is not visited again: states share their property
 * maps (a step's new state holds the same inputs as its pending operation), and every freeze here is deep.
 */
function deepFreeze(value: unknown): void {
  if (typeof value !== "object" || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
}

const EMPTY_RESOURCES = '"resources":[]';
const COMMA = Buffer.from(",");
/** Between the resource list and the pending operations' list. */
const PENDING_OPERATIONS = Buffer.from('],"pending_operations":[');
/** Buffers per writev call (below every platform's IOV_MAX). */
const WRITEV_BATCH = 512;

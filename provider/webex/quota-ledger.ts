// A machine-wide record of the requests sent per OAuth client, so that provider processes sharing a client
// pace together: stacks rolled out side by side (one plugin process each), or a refresh followed at once by
// an update, would otherwise each believe they had the client's whole minute. Each process appends one line
// per request it sends to a small file in the temp directory and reads the other processes' lines before it
// decides there is room. It holds request times and process tags only: no token, no client id (the file
// name is a hash). It is best effort: any file-system error turns it off and pacing stays per process.
import { createHash, randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export interface QuotaLedger {
  /** Notes that this process sent (or set aside) `count` requests at `time`. */
  record(time: number, count?: number): void;
  /** The times of the requests other processes noted after `since`. */
  othersSince(since: number): number[];
}

export interface FileLedgerOptions {
  /** Where the files live (default: a per-user folder in the OS temp directory). */
  dir?: string;
  /** Tells this process's lines from the others' (default: unique per process). */
  tag?: string;
  /** The rate limit's window; files hold one window each. */
  windowMs?: number;
}

const MAX_SLICE_BYTES = 4 * 1024 * 1024;
const PROCESS_TAG = `${process.pid}.${randomBytes(4).toString("hex")}`;
const swept = new Set<string>();

export function defaultLedgerDir(): string {
  const user = typeof process.getuid === "function" ? String(process.getuid()) : os.userInfo().username;
  return path.join(os.tmpdir(), `pulumi-wxcc-quota-${user}`);
}

/** The ledger for one OAuth client at one API host, or undefined when the folder cannot be used. */
export function fileQuotaLedger(key: string, options: FileLedgerOptions = {}): QuotaLedger | undefined {
  const dir = options.dir ?? defaultLedgerDir();
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    // In a shared temp directory someone else could have made the folder first, to read or skew the pacing:
    // use it only when it is a real folder of this user's, closed to everyone else.
    const folder = fs.lstatSync(dir);
    const mine = typeof process.getuid !== "function" || folder.uid === process.getuid();
    if (!folder.isDirectory() || !mine || (folder.mode & 0o077) !== 0) return undefined;
    fs.accessSync(dir, fs.constants.W_OK | fs.constants.R_OK);
  } catch {
    return undefined;
  }
  return new FileQuotaLedger(
    dir,
    createHash("sha256").update(key).digest("hex").slice(0, 32),
    options.tag ?? PROCESS_TAG,
    options.windowMs ?? 60_000,
  );
}

class FileQuotaLedger implements QuotaLedger {
  private broken = false;
  /** Per slice: how far its file has been read, and the other processes' times in it so far. */
  private readonly read = new Map<number, { bytes: number; others: number[] }>();

  constructor(
    private readonly dir: string,
    private readonly name: string,
    private readonly tag: string,
    private readonly windowMs: number,
  ) {}

  // One file per window-long slice of time: appends only ever go to the current one, and slices older than
  // the two before it can be deleted without racing anyone.
  private file(slice: number): string {
    return path.join(this.dir, `${this.name}-${slice}.log`);
  }

  private slice(time: number): number {
    return Math.floor(time / this.windowMs);
  }

  record(time: number, count = 1): void {
    if (this.broken || count <= 0) return;
    try {
      const line = `${Math.round(time)} ${this.tag}\n`;
      fs.appendFileSync(this.file(this.slice(time)), line.repeat(count), { mode: 0o600 });
      this.sweep(this.slice(time));
    } catch {
      this.broken = true;
    }
  }

  othersSince(since: number): number[] {
    if (this.broken) return [];
    const first = this.slice(since);
    for (const slice of this.read.keys()) if (slice < first) this.read.delete(slice);
    const times: number[] = [];
    // A limiter looks back a little over one slice, so its lines can lie in three files.
    for (let slice = first; slice <= first + 2; slice++) {
      const others = this.othersIn(slice);
      if (others === undefined) return [];
      for (const time of others) if (time > since) times.push(time);
    }
    return times;
  }

  /**
   * The other processes' times in one slice's file. Every API call asks, so each file is read on from where
   * the last read stopped, whole lines only, instead of from the start.
   */
  private othersIn(slice: number): number[] | undefined {
    const file = this.file(slice);
    let size: number;
    try {
      size = fs.statSync(file).size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
      this.broken = true;
      return undefined;
    }
    // A slice holds about one line per request: far beyond any rate limit means it is not ours to trust.
    if (size > MAX_SLICE_BYTES) {
      this.broken = true;
      return undefined;
    }
    let seen = this.read.get(slice);
    if (!seen || size < seen.bytes) seen = { bytes: 0, others: [] };
    this.read.set(slice, seen);
    if (size === seen.bytes) return seen.others;
    const chunk = Buffer.alloc(size - seen.bytes);
    let length: number;
    try {
      const fd = fs.openSync(file, "r");
      try {
        length = fs.readSync(fd, chunk, 0, chunk.length, seen.bytes);
      } finally {
        fs.closeSync(fd);
      }
    } catch {
      this.broken = true;
      return undefined;
    }
    const complete = chunk.subarray(0, length).lastIndexOf(0x0a) + 1;
    for (const line of chunk.subarray(0, complete).toString("utf8").split("\n")) {
      const space = line.indexOf(" ");
      if (space <= 0 || line.slice(space + 1) === this.tag) continue;
      const time = Number(line.slice(0, space));
      if (Number.isFinite(time)) seen.others.push(time);
    }
    seen.bytes += complete;
    return seen.others;
  }

  /** Deletes this folder's files of slices no longer read, once per slice per process. */
  private sweep(current: number): void {
    const mark = `${this.dir}|${current}`;
    if (swept.has(mark)) return;
    swept.add(mark);
    for (const entry of fs.readdirSync(this.dir)) {
      const match = /^[0-9a-f]{32}-(\d+)\.log$/.exec(entry);
      if (match && Number(match[1]) < current - 2) {
        try {
          fs.unlinkSync(path.join(this.dir, entry));
        } catch {
          // another process deleted it first
        }
      }
    }
  }
}

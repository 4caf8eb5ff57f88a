// Shared set-up for the harness tests: a toy project (the compiled fixtures directory) with a file-backed
// object store per test stack, in a temporary directory removed afterwards.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { type ConfigValue, Stack } from "pulumi-wxcc/testing";

export const fixturesDir = path.join(__dirname, "fixtures");

export interface ToyStore {
  seq: number;
  objects: Record<string, { name: string; inputs: Record<string, unknown>; state: Record<string, unknown> }>;
  log: string[];
}

export class ToyWorld {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), "harness-"));
  readonly storeFile = path.join(this.dir, "store.json");
  readonly stateFile = path.join(this.dir, "state.json");

  stack(
    opts: { config?: Record<string, ConfigValue>; passphrase?: string; stateFile?: string | null } = {},
  ): Stack {
    return new Stack({
      projectDir: fixturesDir,
      project: "toyproj",
      stack: "dev",
      config: opts.config,
      stateFile: opts.stateFile === null ? undefined : (opts.stateFile ?? this.stateFile),
      passphrase: opts.passphrase,
      env: { TOY_STORE: this.storeFile },
    });
  }

  store(): ToyStore {
    return fs.existsSync(this.storeFile)
      ? (JSON.parse(fs.readFileSync(this.storeFile, "utf8")) as ToyStore)
      : { seq: 0, objects: {}, log: [] };
  }

  writeStore(store: ToyStore): void {
    fs.writeFileSync(this.storeFile, JSON.stringify(store));
  }

  /** The toy objects' operation log since the last call. */
  private seen = 0;
  newLog(): string[] {
    const log = this.store().log;
    const fresh = log.slice(this.seen);
    this.seen = log.length;
    return fresh;
  }

  dispose(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

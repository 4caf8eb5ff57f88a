import { randomUUID } from "node:crypto";
import { verifyJwtBearerAssertion } from "../identity/jwt-bearer";
import type { EmulatorContext } from "../types";
import { saveState } from "./persistence";
import type { EmulatorState } from "./state";

export interface RuntimeOptions {
  now: () => number;
  state: EmulatorState;
  stateFile?: string;
  tokenTtlSeconds: number;
}

/** The state plus the services every part shares; handed to parts as their EmulatorContext. */
export class EmulatorRuntime {
  readonly state: EmulatorState;
  readonly tokenTtlSeconds: number;
  readonly context: EmulatorContext;
  private dirty = false;
  private readonly stateFile?: string;
  private readonly clock: () => number;

  constructor(options: RuntimeOptions) {
    this.state = options.state;
    this.stateFile = options.stateFile;
    this.tokenTtlSeconds = options.tokenTtlSeconds;
    this.clock = options.now;
    this.context = {
      now: () => this.now(),
      newId: () => this.newId(),
      verifyJwtBearerAssertion: (assertion) =>
        verifyJwtBearerAssertion(this.state.connectedApps, assertion, this.now()),
      extension: <T>(name: string, init: () => T): T => {
        if (!(name in this.state.extensions)) {
          this.state.extensions[name] = init();
          this.changed();
        }
        return this.state.extensions[name] as T;
      },
      changed: () => this.changed(),
    };
  }

  now(): number {
    return this.clock();
  }

  newId(): string {
    return randomUUID();
  }

  changed(): void {
    this.dirty = true;
  }

  /** Writes the state file if anything changed since the last write. */
  flush(): void {
    if (!this.dirty) return;
    this.dirty = false;
    if (this.stateFile) saveState(this.stateFile, this.state);
  }
}

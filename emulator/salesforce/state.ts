// The emulated Salesforce org's state, kept in the emulator's extension state ("salesforce") so it is
// persisted with the rest. Plain JSON only. Access tokens are stored as sha256 digests, never in clear.
import { createHash, randomBytes } from "node:crypto";
import type { EmulatorContext } from "../types";

export interface SfUser {
  id: string;
  username: string;
  callCenterId: string | null;
  isActive: boolean;
}

export interface SfCallCenterItem {
  name: string;
  label: string;
  value: string;
}

export interface SfCallCenterSection {
  name: string;
  label: string;
  items: SfCallCenterItem[];
}

/** A CallCenter as the Metadata API holds it (fullName = InternalName). */
export interface SfCallCenter {
  id: string;
  fullName: string;
  displayName: string;
  displayNameLabel: string;
  internalNameLabel: string;
  adapterUrl: string | null;
  customSettings: string | null;
  version: string | null;
  sections: SfCallCenterSection[];
}

export interface SfSession {
  username: string;
  userId: string;
  consumerKey: string;
  issuedAt: number;
  expired: boolean;
}

export interface SfComponentMessage {
  componentType: string;
  fullName: string;
  fileName: string;
  problem?: string;
  problemType?: "Error" | "Warning";
  created?: boolean;
  changed?: boolean;
  deleted?: boolean;
  success: boolean;
}

export interface SfDeploy {
  id: string;
  createdBy: string;
  createdAt: number;
  /** Status polls left before the deploy finishes. */
  pollsLeft: number;
  status: "Pending" | "InProgress" | "Succeeded" | "Failed";
  done: boolean;
  /** The zip, base64, until the deploy has run. */
  zip?: string;
  deployOptions: Record<string, unknown>;
  componentSuccesses: SfComponentMessage[];
  componentFailures: SfComponentMessage[];
  errorMessage?: string;
  errorStatusCode?: string;
  /** What the deploy did, for the control API. */
  summary?: { upserted: string[]; deleted: string[] };
}

export interface SalesforceState {
  orgId: string;
  counter: number;
  users: SfUser[];
  callCenters: SfCallCenter[];
  sessions: Record<string, SfSession>;
  deploys: SfDeploy[];
  apiUsage: number;
  apiLimit: number;
  /** Deploys are reported done on this many status polls (1: the first poll sees it finished). */
  deployPolls: number;
  queryBatchSize: number;
  /** Injected problems: each makes the next deploy fail with that component problem. */
  deployFailures: { problem: string; problemType?: string }[];
  /** Query cursors for nextRecordsUrl. */
  cursors: Record<string, { records: Record<string, unknown>[]; next: number }>;
}

export const SESSION_LIFETIME_MS = 2 * 60 * 60 * 1000;

export function salesforceState(ctx: EmulatorContext): SalesforceState {
  return ctx.extension<SalesforceState>("salesforce", () => ({
    orgId: `00D${randomBytes(6).toString("hex").toUpperCase().slice(0, 12)}EAA`,
    counter: 0,
    users: [],
    callCenters: [],
    sessions: {},
    deploys: [],
    apiUsage: 0,
    apiLimit: 15000,
    deployPolls: 2,
    queryBatchSize: 2000,
    deployFailures: [],
    cursors: {},
  }));
}

/** An 18-character id with the record type's key prefix (005 User, 04v CallCenter, 0Af deploy). */
export function newRecordId(state: SalesforceState, prefix: string): string {
  state.counter += 1;
  return `${prefix}${state.counter.toString(36).toUpperCase().padStart(12, "0")}AAA`;
}

/** Salesforce shows ids with 15 or 18 characters; the first 15 identify the record. */
export function sameId(a: string | null | undefined, b: string | null | undefined): boolean {
  return !!a && !!b && a.slice(0, 15) === b.slice(0, 15);
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function findUserByName(state: SalesforceState, username: string): SfUser | undefined {
  const key = username.toLowerCase();
  return state.users.find((u) => u.username.toLowerCase() === key);
}

export function createUser(state: SalesforceState, username: string): SfUser {
  const user: SfUser = { id: newRecordId(state, "005"), username, callCenterId: null, isActive: true };
  state.users.push(user);
  return user;
}

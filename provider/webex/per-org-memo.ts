// One answer per org for the life of the plugin process. The engine starts a fresh plugin for every
// operation, so this is "once per preview": however many resources an org holds, the question is asked of
// the API once. The key holds the org, its API host and a fingerprint of its credentials (never the
// credentials), so rotated credentials or another host ask again. A failure answered as a value (the probe's
// "these credentials do not work") is kept too: every resource of the org reports it without another request.
import { createHash } from "node:crypto";
import { PromiseMemo } from "../promise-memo";
import type { OrgTarget } from "./types";

const answers = new PromiseMemo<unknown>();

export interface MemoScope {
  target: OrgTarget;
  /** The API base URL in use (an override, or undefined for the regional host). */
  baseUrl?: string;
  identityUrl?: string;
}

function keyOf(purpose: string, scope: MemoScope): string {
  const material = JSON.stringify([scope.target, scope.baseUrl ?? "", scope.identityUrl ?? ""]);
  return `${purpose}|${scope.target.orgId}|${createHash("sha256").update(material).digest("hex").slice(0, 32)}`;
}

/** `compute()`'s answer for this purpose and org, computed at most once per process. */
export function oncePerOrg<T>(purpose: string, scope: MemoScope, compute: () => Promise<T>): Promise<T> {
  return answers.get(keyOf(purpose, scope), compute) as Promise<T>;
}

/** For tests: forgets every answer. */
export function clearOrgMemo(): void {
  answers.clear();
}

// check's credential verification, during a preview only (see provider/preview-marker.ts): the org's
// credentials are proven with one read per org (provider/webex/credential-probe.ts), and a resource that
// would be written fails when the administrator's role cannot write.
import type * as pulumi from "@pulumi/pulumi";
import { credentialKeys, orgTarget, type ProviderSettings } from "../config";
import type { KindSpec } from "../kinds/spec";
import { type ProbeResult, probeConnectorAccess, writeRefusal } from "../webex/credential-probe";
import { ConfigurationError } from "../webex/errors";
import type { LifecycleDeps } from "./deps";
import { hasChanges, planChanges } from "./plan";
import { openSession } from "./session";
import { containsUnknown, type Values } from "./values";

type Failure = pulumi.dynamic.CheckFailure;

export async function credentialFailures(
  spec: KindSpec,
  deps: LifecycleDeps,
  olds: Values,
  inputs: Values,
): Promise<Failure[]> {
  // An org not known yet (computed from another resource) cannot be asked about.
  if (typeof inputs.orgId !== "string" || containsUnknown(inputs.orgId) || containsUnknown(inputs.region)) {
    return [];
  }
  let probe: Promise<{ result: ProbeResult; orgId: string; keys: string }>;
  try {
    probe = probeOrg(spec, deps, inputs);
  } catch (error) {
    // No credentials for the org, or malformed ones: the message names the keys to set.
    if (error instanceof ConfigurationError) return [{ property: "", reason: error.message }];
    throw error;
  }
  probeConfiguredOrgs(spec, deps);
  const { result, orgId, keys } = await probe;
  if (!result.ok) return [{ property: "", reason: result.message }];
  const writes = olds.name === undefined || hasChanges(planChanges(spec, olds, inputs));
  const refusal = writes ? writeRefusal(result.access, orgId, keys) : undefined;
  return refusal ? [{ property: "", reason: refusal }] : [];
}

/** The org's probe (asked once per process, see per-org-memo.ts); throws a ConfigurationError at once. */
function probeOrg(
  spec: KindSpec,
  deps: LifecycleDeps,
  values: Values,
  schedule?: <T>(task: () => Promise<T>) => Promise<T>,
): Promise<{ result: ProbeResult; orgId: string; keys: string }> {
  const { settings, orgId, region, api } = openSession(spec, deps, values);
  const keys = credentialKeys(settings, orgId);
  return probeConnectorAccess({
    api,
    target: orgTarget(settings, orgId, region),
    baseUrl: settings.baseUrl,
    identityUrl: settings.identityUrl,
    credentialKeys: keys,
    ...(schedule ? { schedule } : {}),
  }).then((result) => ({ result, orgId, keys }));
}

/** Orgs probed ahead, per configuration (one per plugin process). */
const probedAhead = new WeakSet<ProviderSettings>();
/** Probes at once when probing ahead: enough to overlap the round trips, few enough to be polite. */
const PROBES_AT_ONCE = 8;

/**
 * At the first check of a preview, starts the probe of every org the configuration names (wxcc:orgs and
 * wxcc:orgId), a few at a time. The engine checks one resource at a time, so probing each org when its first
 * resource comes would add the probe's round trips (token, then read) to the preview once per org: 500 orgs,
 * 1,000 round trips in a row. Each org is still asked once; an org no resource names reports nothing, and
 * its answer is never read.
 */
function probeConfiguredOrgs(spec: KindSpec, deps: LifecycleDeps): void {
  const settings = deps.settings();
  if (probedAhead.has(settings)) return;
  probedAhead.add(settings);
  const schedule = limiter(PROBES_AT_ONCE);
  const orgIds = new Set([...Object.keys(settings.orgs), ...(settings.orgId ? [settings.orgId] : [])]);
  for (const orgId of orgIds) {
    try {
      probeOrg(spec, deps, { orgId }, schedule).catch(() => undefined);
    } catch {
      // Its resources, if any, report the configuration error themselves.
    }
  }
}

/** Runs at most `max` tasks at once, the rest in the order they came. */
function limiter(max: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async (task) => {
    if (running >= max) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}

// check's credential verification, during a preview only (see provider/preview-marker.ts): the org's
// credentials are proven with one read per org (provider/webex/credential-probe.ts), and a resource that
// would be written fails when the administrator's role cannot write.
import type * as pulumi from "@pulumi/pulumi";
import { credentialKeys, orgTarget } from "../config";
import type { KindSpec } from "../kinds/spec";
import { probeConnectorAccess, writeRefusal } from "../webex/credential-probe";
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
  let session: ReturnType<typeof openSession>;
  try {
    session = openSession(spec, deps, inputs);
  } catch (error) {
    // No credentials for the org, or malformed ones: the message names the keys to set.
    if (error instanceof ConfigurationError) return [{ property: "", reason: error.message }];
    throw error;
  }
  const { settings, orgId, region, api } = session;
  const keys = credentialKeys(settings, orgId);
  const result = await probeConnectorAccess({
    api,
    target: orgTarget(settings, orgId, region),
    baseUrl: settings.baseUrl,
    identityUrl: settings.identityUrl,
    credentialKeys: keys,
  });
  if (!result.ok) return [{ property: "", reason: result.message }];
  const writes = olds.name === undefined || hasChanges(planChanges(spec, olds, inputs));
  const refusal = writes ? writeRefusal(result.access, orgId, keys) : undefined;
  return refusal ? [{ property: "", reason: refusal }] : [];
}

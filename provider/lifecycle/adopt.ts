// Adoption (adopt: true): a connector the org already holds, of the same kind and name, is taken over instead
// of created. It is resolved in check, so a preview (and a pull-request plan) shows it as an `adoption` input
// carrying the existing id and the fields the first up will change; create then sends no POST, keeps the
// existing id and applies the differences the way any update does. The API never returns secrets, so the
// declared credentials are recorded as the ones in force ("taken as declared, not verified") unless the
// program sets pushCredentialsOnAdopt, which writes them (deactivating, under the maintenance window).
import type * as pulumi from "@pulumi/pulumi";
import type { KindSpec } from "../kinds/spec";
import { PromiseMemo } from "../promise-memo";
import type { Connector, ConnectorsApi, Region } from "../webex/types";
import { type Adoption, CREDENTIALS_PUSHED, CREDENTIALS_TAKEN_AS_DECLARED } from "./adoption";
import { disruptionGuard } from "./check";
import type { LifecycleDeps } from "./deps";
import { isApiError } from "./failures";
import { IDENTITY_KEYS, outputsOf } from "./outputs";
import { planChanges } from "./plan";
import { openSession } from "./session";
import { update } from "./update";
import { containsUnknown, UNKNOWN, type Values } from "./values";

// One list request per org per plugin process (the CLI and the harness start one per preview, up, refresh
// or destroy), shared by every adopting resource of the org whatever its kind. Keyed by the deps so tests
// with their own fake API never see another test's list.
// A failed list is not remembered: the next resource tries again.
const listings = new WeakMap<LifecycleDeps, PromiseMemo<Connector[]>>();

function orgConnectors(deps: LifecycleDeps, api: ConnectorsApi, region: Region, baseUrl?: string) {
  let byOrg = listings.get(deps);
  if (!byOrg) {
    byOrg = new PromiseMemo();
    listings.set(deps, byOrg);
  }
  return byOrg.get(`${api.orgId}|${region}|${baseUrl ?? ""}`, () => api.list());
}

/** The connector's state as taking it over records it: live values, the declared secrets unless pushed. */
function recordedAsInForce(spec: KindSpec, live: Connector, region: Region, inputs: Values): Values {
  return outputsOf(spec, live, region, inputs.pushCredentialsOnAdopt === true ? {} : inputs);
}

function isCreation(olds: Values): boolean {
  return olds.name === undefined;
}

function adoptionOf(inputs: Values): Adoption | undefined {
  const value = inputs.adoption;
  return value !== null && typeof value === "object" && typeof (value as Adoption).connectorId === "string"
    ? (value as Adoption)
    : undefined;
}

/**
 * Adds `adoption` to checked inputs. A resource being created with adopt: true looks the name up (one list
 * per org); an existing resource carries its recorded adoption forward so the inputs do not churn.
 */
export async function withAdoption(
  spec: KindSpec,
  deps: LifecycleDeps,
  olds: Values,
  result: pulumi.dynamic.CheckResult,
): Promise<pulumi.dynamic.CheckResult> {
  const inputs = result.inputs as Values;
  if (result.failures?.length) return result;
  if (!isCreation(olds)) {
    if (olds.adoption !== undefined && IDENTITY_KEYS.every((key) => olds[key] === inputs[key])) {
      inputs.adoption = olds.adoption;
    }
    return result;
  }
  if (inputs.adopt !== true) {
    if (inputs.pushCredentialsOnAdopt === true) {
      return failed(result, {
        property: "pushCredentialsOnAdopt",
        reason: `pushCredentialsOnAdopt only applies with adopt: true: add adopt: true, or remove pushCredentialsOnAdopt.`,
      });
    }
    return result;
  }
  if (IDENTITY_KEYS.some((key) => containsUnknown(inputs[key]))) {
    // Which connector is meant is known only at apply: say so instead of showing a plain create.
    inputs.adoption = UNKNOWN;
    return result;
  }
  const { api, orgId, region, settings } = openSession(spec, deps, inputs);
  const name = String(inputs.name);
  const sameName = (await orgConnectors(deps, api, region, settings.baseUrl)).filter(
    (c) => c.name.toLowerCase() === name.toLowerCase(),
  );
  const live = sameName.find((c) => c.name === name) ?? sameName[0];
  if (!live) return result;
  const who = `${spec.typeName} ${JSON.stringify(name)}`;
  if (live.type !== spec.apiType) {
    return failed(result, {
      property: "name",
      reason:
        `${who}: org ${orgId} already holds a connector named ${JSON.stringify(live.name)} of another kind ` +
        `(${live.type}, id ${live.id}). Names are unique in an org across kinds, so it can neither be adopted as ` +
        `a ${spec.label} connector nor created beside it: declare it with the class of its kind, or give this ` +
        `resource another name.`,
    });
  }
  if (live.name !== name) {
    return failed(result, {
      property: "name",
      reason:
        `${who}: the org's connector is named ${JSON.stringify(live.name)} (id ${live.id}); a connector's name ` +
        `cannot be changed, not even its case: declare name: ${JSON.stringify(live.name)} to adopt it.`,
    });
  }
  const recorded = recordedAsInForce(spec, live, region, inputs);
  const plan = planChanges(spec, recorded, inputs);
  const push = inputs.pushCredentialsOnAdopt === true;
  if (!push && plan.credentials.length > 0) {
    return failed(result, {
      property: plan.credentials[0],
      reason:
        `${who} (id ${live.id}): its live ${plan.credentials.join(", ")} ${plan.credentials.length === 1 ? "differs" : "differ"} ` +
        `from the program's, and changing ${plan.credentials.length === 1 ? "it" : "them"} is a credentials edit, ` +
        `which deactivates the connector. Declare the live value${plan.credentials.length === 1 ? "" : "s"} ` +
        `(wxcc-export writes them), or set pushCredentialsOnAdopt: true to write the declared credentials ` +
        `(deactivates it meanwhile; obeys wxcc:maintenanceWindow).`,
    });
  }
  const guard = disruptionGuard(spec, deps, settings, recorded, inputs);
  if (guard.length > 0) return { inputs, failures: [...(result.failures ?? []), ...guard] };
  const adoption: Adoption = {
    connectorId: live.id,
    changes: [...plan.settings, ...plan.credentials, ...plan.reauthorize, ...(plan.active ? ["active"] : [])],
    credentials: push ? CREDENTIALS_PUSHED : CREDENTIALS_TAKEN_AS_DECLARED,
  };
  inputs.adoption = adoption;
  return result;
}

function failed(
  result: pulumi.dynamic.CheckResult,
  failure: pulumi.dynamic.CheckFailure,
): pulumi.dynamic.CheckResult {
  return { inputs: result.inputs, failures: [...(result.failures ?? []), failure] };
}

/**
 * create's first step: with an adoption resolved in check, take the connector over (no POST) and apply the
 * program's differences as an update would; undefined when there is nothing to adopt.
 */
export async function adoptIfResolved(
  spec: KindSpec,
  deps: LifecycleDeps,
  inputs: Values,
): Promise<pulumi.dynamic.CreateResult | undefined> {
  const adoption = adoptionOf(inputs);
  if (!adoption) return undefined;
  const { api, orgId, region } = openSession(spec, deps, inputs);
  const live = await api.get(adoption.connectorId);
  if (!live || live.type !== spec.apiType || live.name !== inputs.name) {
    throw new Error(
      `${spec.typeName} ${JSON.stringify(inputs.name)}: the connector the preview planned to adopt ` +
        `(id ${adoption.connectorId}) is ${live ? `now a ${live.type} connector named ${JSON.stringify(live.name)}` : "gone"} ` +
        `in org ${orgId}; nothing was changed. Run the preview again to see what adopt: true takes over now.`,
    );
  }
  const { outs } = await update(spec, deps, live.id, recordedAsInForce(spec, live, region, inputs), inputs);
  return { id: live.id, outs };
}

/**
 * A create refused because the name is taken: name the connector that holds it and say how to take it over.
 * Any other error is returned unchanged.
 */
export async function explainNameTaken(
  error: unknown,
  spec: KindSpec,
  api: ConnectorsApi,
  inputs: Values,
): Promise<unknown> {
  if (!(error instanceof Error) || !isApiError(error, 409, "DUPLICATE_NAME")) return error;
  let existing: Connector | undefined;
  try {
    existing = await api.findByName(String(inputs.name));
  } catch {
    // Without the lookup the holder stays unnamed; the way out is the same.
  }
  if (!existing) {
    error.message += ` Set adopt: true on this ${spec.typeName} to take the existing connector over, or give it another name.`;
    return error;
  }
  const sameKind = existing.type === spec.apiType;
  error.message +=
    ` The org holds it already: ${existing.type} connector ${JSON.stringify(existing.name)}, id ${existing.id}. ` +
    (sameKind
      ? `Set adopt: true on this ${spec.typeName} to take it over (no outage: its id is kept and its credentials ` +
        `are taken as declared), with the retainOnDelete: true resource option so a destroy leaves it in place.`
      : `It is of another kind, so it cannot be adopted as a ${spec.label} connector: give this ${spec.typeName} ` +
        `another name.`);
  return error;
}

// Adoption (adopt: true, or the deprecated adoptExisting) for SalesforceCallCenterDefinition, as for the
// connectors: a call center with the same internal name that the Salesforce org already holds is taken over
// instead of deployed as new. check resolves it, so a preview (and a pull-request plan) shows an `adoption`
// input carrying the existing record id and the fields the first up changes; create then deploys the
// definition only when it differs from the live one and changes only the user assignments that differ.
import { deepEqual } from "../lifecycle/values";
import { PromiseMemo } from "../promise-memo";
import type { CallCenterAdoption } from "./adoption";
import { type CallCenterRecord, SalesforceClient } from "./client";
import { type CheckFailure, type CheckOutcome, containsUnknown, UNKNOWN } from "./inputs";
import { metadataToDocument } from "./metadata";
import { assignmentKey, type Desired, desiredFrom, desiredFromLive } from "./resource-state";
import { sameRecordId } from "./user-assignment";

// One call-center listing per Salesforce org per plugin process (the CLI and the harness start one per
// preview, up, refresh or destroy), shared by every adopting resource of the org, keyed by the instance the
// login lands on. A failed listing is not remembered: the next resource tries again.
const listings = new PromiseMemo<CallCenterRecord[]>();

async function orgCallCenters(client: SalesforceClient): Promise<CallCenterRecord[]> {
  const { instanceUrl } = await client.connect();
  return listings.get(instanceUrl, () => client.listCallCenters());
}

/** Our own deploys change the org's list: the next adoption in this process lists it again. */
export function forgetCallCenterListings(): void {
  listings.clear();
}

function adoptionOf(inputs: Record<string, unknown>): CallCenterAdoption | undefined {
  const value = inputs.adoption as Partial<CallCenterAdoption> | undefined;
  return value !== null && typeof value === "object" && typeof value.callCenterId === "string"
    ? (value as CallCenterAdoption)
    : undefined;
}

/** The fields on which the live call center differs from the declared one, as the preview lists them. */
export function changedFields(live: Desired, declared: Desired): string[] {
  const changes: string[] = [];
  if (live.displayName !== declared.displayName) changes.push("displayName");
  if (live.adapterUrl !== declared.adapterUrl) changes.push("adapterUrl");
  for (const [group, values] of Object.entries(declared.settings)) {
    const liveGroup = (live.settings as Record<string, Record<string, unknown> | undefined>)[group] ?? {};
    for (const [field, value] of Object.entries(values as Record<string, unknown>)) {
      if (!deepEqual(liveGroup[field], value)) changes.push(`settings.${group}.${field}`);
    }
  }
  if (!deepEqual(live.extraSections, declared.extraSections)) changes.push("extraSections");
  if (!deepEqual(assignmentKey(live.assignedUsers), assignmentKey(declared.assignedUsers))) {
    changes.push("assignedUsers");
  }
  // Anything else the rendered file carries (an item's label, the order of sections) still makes a deploy.
  if (changes.length === 0 && live.definitionXml !== declared.definitionXml) changes.push("definitionXml");
  return changes;
}

/** The call center as Salesforce holds it now, in the terms of the declared one; undefined when gone. */
async function liveCallCenter(
  client: SalesforceClient,
  declared: Desired,
  record: CallCenterRecord,
): Promise<{ live: Desired; liveUsers: string[] } | undefined> {
  const metadata = await client.readCallCenter(record.InternalName);
  if (!metadata) return undefined;
  const liveUsers = (await client.usersOfCallCenter(record.Id)).map((u) => u.Username);
  return { live: desiredFromLive(declared, metadataToDocument(metadata), liveUsers), liveUsers };
}

function failed(outcome: CheckOutcome, failure: CheckFailure): CheckOutcome {
  return { inputs: outcome.inputs, failures: [...outcome.failures, failure] };
}

/**
 * Adds `adoption` to checked inputs. A call center being created with adopt: true is looked up by internal
 * name (one listing per org); an existing resource carries its recorded adoption forward so the inputs do
 * not churn. Nothing to adopt: the inputs are left as they are, and the call center is deployed as usual.
 */
export async function withCallCenterAdoption(
  olds: Record<string, unknown>,
  outcome: CheckOutcome,
): Promise<CheckOutcome> {
  const inputs = outcome.inputs;
  if (outcome.failures.length > 0) return outcome;
  if (olds.internalName !== undefined) {
    if (olds.adoption !== undefined && olds.internalName === inputs.internalName) {
      inputs.adoption = olds.adoption;
    }
    return outcome;
  }
  const wanted = inputs.adopt === true || inputs.adoptExisting === true;
  if (!wanted || inputs.deploy === false) return outcome;
  if (containsUnknown(inputs)) {
    // Which call center is meant, where it lives or what changes is known only at apply: say so instead of
    // showing a plain create.
    inputs.adoption = UNKNOWN;
    return outcome;
  }
  const declared = desiredFrom(inputs);
  const client = new SalesforceClient(declared.creds);
  let callCenters: CallCenterRecord[];
  try {
    callCenters = await orgCallCenters(client);
  } catch (e) {
    return failed(outcome, {
      property: "salesforce",
      reason:
        `adopt: true looks call center ${declared.internalName} up in Salesforce at preview, and that failed: ` +
        `${(e as Error).message} Fix the salesforce credentials (or the connected app), or remove adopt: true ` +
        "to deploy a new call center without looking.",
    });
  }
  const wantedName = declared.internalName.toLowerCase();
  const sameName = callCenters.filter((c) => c.InternalName.toLowerCase() === wantedName);
  const record = sameName.find((c) => c.InternalName === declared.internalName) ?? sameName[0];
  if (!record) return outcome;
  if (record.InternalName !== declared.internalName) {
    return failed(outcome, {
      property: "internalName",
      reason:
        `the org's call center is named ${record.InternalName} (Id ${record.Id}, "${record.Name}"); Salesforce ` +
        `compares internal names ignoring case, so declare internalName: ${JSON.stringify(record.InternalName)} ` +
        "to adopt it.",
    });
  }
  const found = await liveCallCenter(client, declared, record);
  if (!found) return outcome;
  const adoption: CallCenterAdoption = {
    callCenterId: record.Id,
    changes: changedFields(found.live, declared),
  };
  inputs.adoption = adoption;
  return outcome;
}

/** What create needs to take the call center over; undefined when check resolved nothing to adopt. */
export interface Takeover {
  callCenterId: string;
  /** The users assigned to it now: the assignments start from these. */
  liveUsers: string[];
  /** The live definition differs from the declared one. */
  deploy: boolean;
}

/**
 * create's first step: with an adoption resolved in check, find the call center again (no new one is
 * deployed) and say what differs, so create writes only that.
 */
export async function takeoverOf(
  inputs: Record<string, unknown>,
  declared: Desired,
  client: SalesforceClient,
): Promise<Takeover | undefined> {
  const adoption = adoptionOf(inputs);
  if (!adoption) return undefined;
  const record = await client.findCallCenter(declared.internalName);
  const found = record && (await liveCallCenter(client, declared, record));
  if (!record || !found || !sameRecordId(record.Id, adoption.callCenterId)) {
    throw new Error(
      `SalesforceCallCenterDefinition ${declared.internalName}: the call center the preview planned to adopt ` +
        `(Id ${adoption.callCenterId}) is ${record ? `now the record ${record.Id}` : "gone"}; nothing was changed. ` +
        "Run the preview again to see what adopt: true takes over now.",
    );
  }
  return {
    callCenterId: record.Id,
    liveUsers: found.liveUsers,
    deploy: found.live.definitionXml !== declared.definitionXml,
  };
}

/** Outputs keep how the call center was taken over for as long as the resource lives. */
export function keepAdoption<T extends Record<string, unknown>>(
  outs: T,
  ...from: (Record<string, unknown> | undefined)[]
): T {
  const adoption = from.map((props) => props && adoptionOf(props)).find((a) => a !== undefined);
  return adoption ? { ...outs, adoption } : outs;
}

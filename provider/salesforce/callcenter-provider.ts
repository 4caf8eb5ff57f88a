// The lifecycle of SalesforceCallCenterDefinition. check validates everything offline; diff is explicit
// (internalName replaces, nothing else does, and the serialized __provider never counts); create/update
// deploy the CallCenter metadata and set User.CallCenterId; read rebuilds inputs from the org so drift
// shows in the preview; delete unassigns users, then deploys a destructive change. Adoption (adopt: true)
// is resolved in check and carried out in create (adopt.ts).
import type * as pulumi from "@pulumi/pulumi";
import { forgetCallCenterListings, keepAdoption, takeoverOf, withCallCenterAdoption } from "./adopt";
import { SalesforceClient } from "./client";
import { lowerToDocument } from "./definition";
import { deletePackage, upsertPackage } from "./deploy-package";
import { scrubError } from "./errors";
import { checkInputs, containsUnknown, isUnknown } from "./inputs";
import { documentToMetadata, metadataToDocument } from "./metadata";
import {
  comparable,
  type Desired,
  definitionValues,
  desiredFrom,
  desiredFromLive,
  inputsOf,
  type Outputs,
  outputsOf,
  stateFrom,
  tryDesiredFrom,
} from "./resource-state";
import { assignUsers, requireUsers, unassignAll } from "./user-assignment";

function privateKeyOf(...props: (Record<string, unknown> | undefined)[]): (string | undefined)[] {
  return props.map((p) => {
    const key = (p?.salesforce as { privateKey?: unknown } | undefined)?.privateKey;
    return typeof key === "string" ? key : undefined;
  });
}

/** Runs an operation so that no error leaves it with a secret in its message. */
async function guarded<T>(
  secretsFrom: (Record<string, unknown> | undefined)[],
  op: () => Promise<T>,
): Promise<T> {
  try {
    return await op();
  } catch (e) {
    throw scrubError(e, privateKeyOf(...secretsFrom));
  }
}

async function deployDefinition(client: SalesforceClient, d: Desired): Promise<void> {
  const md = documentToMetadata(lowerToDocument(definitionValues(d)));
  await client.deploy(upsertPackage(client.apiVersion, md), `CallCenter ${d.internalName}`);
  forgetCallCenterListings();
}

/** Deploys when needed and returns the call center's Id; `force` deploys even if it exists. */
async function ensureDeployed(client: SalesforceClient, d: Desired, force: boolean): Promise<string> {
  if (!force) {
    const found = await client.findCallCenter(d.internalName);
    if (found) return found.Id;
  }
  await deployDefinition(client, d);
  const found = await client.findCallCenter(d.internalName);
  if (!found) {
    throw new Error(
      `The deploy of CallCenter ${d.internalName} succeeded, but no CallCenter with InternalName ${d.internalName} can be queried. Check that the integration user ${d.creds.username} can see call centers ("Manage Call Centers"), then run pulumi up again.`,
    );
  }
  return found.Id;
}

async function refuseExisting(client: SalesforceClient, d: Desired): Promise<void> {
  const existing = await client.findCallCenter(d.internalName);
  if (existing && !d.adopt) {
    throw new Error(
      `A call center with internal name ${d.internalName} already exists in this Salesforce org (Id ${existing.Id}, "${existing.Name}"), probably imported by hand or managed by another stack. Set adopt: true to take it over (its settings will be overwritten), choose another internalName, or delete it in Setup > Call Centers.`,
    );
  }
}

/**
 * An error the engine records as a partially applied resource, so the next update finishes the job. The
 * properties carry the serialized provider: the engine stores them as the outputs, and the plugin's Read
 * and Delete load the provider from there.
 */
function partialState(e: unknown, id: string, outs: Outputs, request: Record<string, unknown>): Error {
  const err = e instanceof Error ? e : new Error(String(e));
  return Object.assign(
    new Error(`The call center ${id} is deployed, but assigning its users failed: ${err.message}`),
    { id, properties: { ...outs, __provider: request.__provider }, reasons: [err.message] },
  );
}

export const callCenterProvider: pulumi.dynamic.ResourceProvider = {
  async check(olds, news) {
    const checked = checkInputs(news as Record<string, unknown>);
    return guarded([news], () => withCallCenterAdoption(olds ?? {}, checked));
  },

  async diff(_id, olds, news) {
    if (containsUnknown(news)) {
      const name = news.internalName;
      const replaces =
        isUnknown(name) || (name !== undefined && name !== olds.internalName) ? ["internalName"] : [];
      return { changes: true, replaces };
    }
    const before = tryDesiredFrom(olds);
    const after = desiredFrom(news);
    const replaces =
      (before?.internalName ?? olds.internalName) === after.internalName ? [] : ["internalName"];
    if (!before) return { changes: true, replaces };
    const changes = JSON.stringify(comparable(before)) !== JSON.stringify(comparable(after));
    return { changes, replaces, deleteBeforeReplace: false };
  },

  async create(inputs) {
    return guarded([inputs], async () => {
      const d = desiredFrom(inputs);
      if (!d.deploy) return { id: d.internalName, outs: outputsOf(d, { callCenterId: "" }) };
      const client = new SalesforceClient(d.creds);
      const users = await requireUsers(client, d.assignedUsers);
      const takeover = await takeoverOf(inputs, d, client);
      if (takeover?.deploy) await deployDefinition(client, d);
      if (!takeover) await refuseExisting(client, d);
      const callCenterId = takeover?.callCenterId ?? (await ensureDeployed(client, d, true));
      const previousUsers = takeover?.liveUsers ?? [];
      try {
        await assignUsers(client, callCenterId, users, previousUsers);
      } catch (e) {
        throw partialState(
          e,
          d.internalName,
          keepAdoption(outputsOf({ ...d, assignedUsers: previousUsers }, { callCenterId }), inputs),
          inputs,
        );
      }
      return { id: d.internalName, outs: keepAdoption(outputsOf(d, { callCenterId }), inputs) };
    });
  },

  async update(_id, olds, news) {
    return guarded([olds, news], async () => {
      const before = stateFrom(olds);
      const after = desiredFrom(news);
      // deploy: false renders only; a call center deployed earlier is left as it is (delete removes it).
      if (!after.deploy) return { outs: keepAdoption(outputsOf(after, { callCenterId: "" }), news, olds) };
      const client = new SalesforceClient(after.creds);
      const wasDeployed = before.deploy && typeof olds.callCenterId === "string" && olds.callCenterId !== "";
      const previousUsers = wasDeployed ? before.assignedUsers : [];
      const users = await requireUsers(client, after.assignedUsers);
      if (!wasDeployed) await refuseExisting(client, after);
      const changed = !wasDeployed || before.definitionXml !== after.definitionXml;
      const callCenterId = await ensureDeployed(client, after, changed);
      try {
        await assignUsers(client, callCenterId, users, previousUsers);
      } catch (e) {
        // The new definition is deployed; the assignments are as before as far as this run knows.
        throw partialState(
          e,
          after.internalName,
          keepAdoption(outputsOf({ ...after, assignedUsers: previousUsers }, { callCenterId }), news, olds),
          news,
        );
      }
      return { outs: keepAdoption(outputsOf(after, { callCenterId }), news, olds) };
    });
  },

  async read(id, props) {
    return guarded([props], async () => {
      const previous = stateFrom(props ?? {});
      if (!previous.deploy) return { id, props, inputs: inputsOf(previous) };
      const client = new SalesforceClient(previous.creds);
      const found = await client.findCallCenter(previous.internalName);
      const md = found ? await client.readCallCenter(previous.internalName) : undefined;
      if (!found || !md) return { id: "", props: {} };
      const liveUsers = (await client.usersOfCallCenter(found.Id)).map((u) => u.Username);
      const live = desiredFromLive(previous, metadataToDocument(md), liveUsers);
      return {
        id,
        props: keepAdoption(outputsOf(live, { callCenterId: found.Id }), props),
        inputs: keepAdoption(inputsOf(live), props),
      };
    });
  },

  async delete(_id, props) {
    return guarded([props], async () => {
      const d = stateFrom(props);
      if (!d.deploy) return;
      const client = new SalesforceClient(d.creds);
      const found = await client.findCallCenter(d.internalName);
      if (!found) return;
      await unassignAll(client, found.Id);
      await client.deploy(
        deletePackage(client.apiVersion, d.internalName),
        `deletion of CallCenter ${d.internalName}`,
      );
    });
  },
};

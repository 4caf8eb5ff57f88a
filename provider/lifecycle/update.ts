// update: credential changes run deactivate → edit → (re-authorize) → re-activate; changes the product allows
// on an active connector run without deactivation; `active` alone toggles; a new Google sign-in
// re-authorizes. A failed edit re-activates the connector with its previous settings: a connector the
// program declares active is never left inactive silently, and when even that fails the error says exactly
// what state the connector is in.
import type * as pulumi from "@pulumi/pulumi";
import { fieldsWithRole, type KindSpec } from "../kinds/spec";
import type { Connector, ConnectorUpdate } from "../webex/types";
import type { LifecycleDeps } from "./deps";
import { ConnectorStateError, isApiError, messageOf } from "./failures";
import { outputsOf } from "./outputs";
import { planChanges } from "./plan";
import { openSession } from "./session";
import type { Values } from "./values";

export async function update(
  spec: KindSpec,
  deps: LifecycleDeps,
  id: string,
  olds: Values,
  news: Values,
): Promise<pulumi.dynamic.UpdateResult> {
  const { api, orgId, region } = openSession(spec, deps, news, olds);
  const plan = planChanges(spec, olds, news);
  const label = `${spec.typeName} ${JSON.stringify(news.name)} (id ${id})`;
  const gone = () =>
    new Error(
      `${label} no longer exists in org ${orgId}: it was deleted outside Pulumi. ` +
        `Run pulumi refresh to forget it, then pulumi up to create it again.`,
    );
  // A credential edit of a connector the state records as active starts by deactivating it, and that answer
  // is the live connector: reading it first would add a round trip to every rotation.
  const deactivateFirst = plan.credentials.length > 0 && olds.active !== false;
  const wantActive = news.active !== false;
  if (!deactivateFirst) return apply();
  // Once it is deactivated, the connector is down until re-activated: the edit, the re-authorization and the
  // re-activation get their slots of the rate limit before it goes down, so no other caller can make it
  // wait for the window in between.
  const downtimeCalls = 2 + (spec.reauthorizeAfterCredentialEdit ? 1 : 0) + (wantActive ? 1 : 0);
  return api.withReservedQuota(downtimeCalls, apply);

  async function apply(): Promise<pulumi.dynamic.UpdateResult> {
    let live: Connector;
    if (deactivateFirst) {
      try {
        live = await api.deactivate(id);
      } catch (error) {
        if (isApiError(error, 404)) throw gone();
        throw error;
      }
    } else {
      const found = await api.get(id);
      if (!found) throw gone();
      live = found;
    }
    // Whose secrets the connector holds now: the recorded ones until an edit or re-authorization succeeds.
    let applied: Values = olds;
    let changedAnything = false;
    const stateNow = () => outputsOf(spec, live, region, applied);
    const state = () => (live.active ? "ACTIVE" : "INACTIVE");

    const body = (withCredentials: boolean): ConnectorUpdate => {
      const fields = spec.expand(news as never, "edit");
      return {
        id,
        name: live.name,
        type: spec.apiType,
        version: live.version,
        // Omitting it clears it: the PUT carries the whole object.
        ...(typeof news.description === "string" && news.description !== ""
          ? { description: news.description }
          : {}),
        settings: fields.settings,
        ...(withCredentials ? { credentials: fields.credentials } : {}),
      };
    };
    const reauthorize = async (key: string) => {
      live = await api.reauthorize(id, String(news[key]));
      applied = { ...applied, [key]: news[key] };
    };
    // After a change has landed, a failure must still tell Pulumi what the connector looks like now.
    const step = async (what: string, action: () => Promise<void>) => {
      try {
        await action();
        changedAnything = true;
      } catch (error) {
        if (!changedAnything) throw error;
        throw new ConnectorStateError(
          `${label}: ${what} failed: ${messageOf(error)} The connector is ${state()}` +
            `${applied === olds ? " with its previous credentials" : " with the new credentials"}.` +
            (wantActive && !live.active
              ? " Flows that use it are not routing; run pulumi up again once fixed."
              : ""),
          id,
          stateNow(),
        );
      }
    };

    if (plan.credentials.length > 0) {
      const wasActive = deactivateFirst || live.active;
      if (live.active) {
        live = await api.deactivate(id);
      }
      try {
        live = await api.update(body(true));
      } catch (editError) {
        if (!wasActive) throw editError;
        try {
          live = await api.activate(id);
        } catch (restoreError) {
          live = { ...live, active: false };
          throw new ConnectorStateError(
            `${label}: editing its credentials (${plan.credentials.join(", ")}) failed: ${messageOf(editError)} ` +
              `Re-activating it with its previous credentials then failed too: ${messageOf(restoreError)} ` +
              `The connector is now INACTIVE with its previous credentials, and flows that use it are not routing: ` +
              `re-activate it in Control Hub, or run pulumi up again once the cause is fixed.`,
            id,
            stateNow(),
          );
        }
        throw new Error(
          `${label}: editing its credentials (${plan.credentials.join(", ")}) failed: ${messageOf(editError)} ` +
            `The connector was re-activated with its previous credentials; nothing was changed.`,
        );
      }
      changedAnything = true;
      applied = news;
      if (spec.reauthorizeAfterCredentialEdit) {
        const [key] = fieldsWithRole(spec, "reauthorize");
        if (key) await step("re-authorizing it after the credential edit", () => reauthorize(key));
      }
    } else {
      if (plan.settings.length > 0) {
        await step(`updating ${plan.settings.join(", ")}`, async () => {
          live = await api.update(body(false));
        });
      }
      for (const key of plan.reauthorize) {
        await step(`re-authorizing it (${key} changed)`, () => reauthorize(key));
      }
    }
    if (live.active !== wantActive) {
      await step(wantActive ? "re-activating it" : "deactivating it", async () => {
        live = wantActive ? await api.activate(id) : await api.deactivate(id);
      });
    }
    return { outs: outputsOf(spec, live, region, news) };
  }
}

// update: credential changes run deactivate → edit → (re-authorize) → re-activate; changes the product allows
// on an active connector run without deactivation; `active` alone toggles; a new Google sign-in
// re-authorizes. A write that fails may still have been applied (its answer lost), so after any failed write
// the connector is read back once: the error says what it holds and whether it is active, that state is
// recorded for Pulumi, and a connector the program declares active is re-activated where the failed step
// left it inactive.
import type * as pulumi from "@pulumi/pulumi";
import { fieldsWithRole, type KindSpec } from "../kinds/spec";
import type { Connector, ConnectorUpdate } from "../webex/types";
import { echoedInputs } from "./create";
import type { LifecycleDeps } from "./deps";
import { liveDrift } from "./drift";
import { ConnectorStateError, isApiError, messageOf } from "./failures";
import { kindInputs, outputsOf } from "./outputs";
import { planChanges } from "./plan";
import { openSession, redactorFor } from "./session";
import { deepEqual, type Values } from "./values";

/** Which credentials a connector holds after an edit whose outcome is unknown, judged from what is stored. */
export type HeldCredentials = "previous" | "new" | "unknown";

/**
 * The API never returns secrets, so the evidence is the version (every write moves it on by one) and the
 * non-secret fields the edit sent.
 */
export function credentialsAfterEdit(
  spec: KindSpec,
  sent: { version: number; description?: string },
  news: Values,
  current: Connector,
): HeldCredentials {
  if (current.version === sent.version) return "previous";
  const carriesSent =
    (current.description ?? "") === (sent.description ?? "") &&
    deepEqual(echoedInputs(spec, kindInputs(spec, current, {})), echoedInputs(spec, news));
  return current.version === sent.version + 1 && carriesSent ? "new" : "unknown";
}

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
    // Whose secrets the connector holds now: the recorded ones until an edit or re-authorization succeeds.
    let applied: Values = olds;
    let unknownCredentials = false;
    let live: Connector | undefined;
    const stateNow = (connector: Connector) => outputsOf(spec, connector, region, applied);
    const held = () =>
      unknownCredentials
        ? "credentials this run cannot identify (its version and fields show neither the old nor the new ones for certain)"
        : applied === olds
          ? "its previous credentials"
          : "the new credentials";

    /**
     * Reads the connector after `what` failed, re-activates it when `restore` says the failed step may have
     * left it inactive against the program's wish, and throws the failure with the state it is in now.
     */
    const settle = async (what: string, error: unknown, restore: boolean): Promise<never> => {
      if (isApiError(error, 404)) throw gone();
      let current: Connector | undefined;
      try {
        current = await api.get(id);
      } catch (readError) {
        throw new Error(
          `${label}: ${what} failed: ${messageOf(error)} Reading the connector back failed too ` +
            `(${messageOf(readError)}), so its state is unknown: it may be INACTIVE. Run pulumi refresh to ` +
            `record its state, then pulumi up.`,
        );
      }
      if (!current) throw gone();
      live = current;
      let restored = false;
      let failedRestore = "";
      if (restore && wantActive && !live.active && !unknownCredentials) {
        try {
          live = await api.activate(id);
          restored = true;
        } catch (restoreError) {
          failedRestore = ` Re-activating it failed too: ${messageOf(restoreError)}`;
        }
      }
      const nothingChanged =
        applied === olds && !unknownCredentials && live.active === (olds.active !== false);
      const now = restored
        ? `The connector was read back and re-activated with ${held()}: it is ACTIVE (version ${live.version}).`
        : `Read back, the connector is ${live.active ? "ACTIVE" : "INACTIVE"} with ${held()} (version ${live.version}).${failedRestore}`;
      const message =
        `${label}: ${what} failed: ${messageOf(error)} ${now}` +
        (nothingChanged ? " Nothing was changed; run pulumi up again once the cause is fixed." : "") +
        (wantActive && !live.active
          ? " Flows that use it are not routing: re-activate it in Control Hub, or run pulumi up again once the cause is fixed."
          : "") +
        (unknownCredentials
          ? " Run pulumi refresh, check the connector in Control Hub, then pulumi up."
          : "");
      // Back as the state records it: the recorded state stays (a partial state would record the program's
      // new inputs as applied). Otherwise what was read is recorded, so refresh, destroy and up start from it.
      if (nothingChanged) throw new Error(message);
      throw new ConnectorStateError(message, id, stateNow(live));
    };
    /** Runs one write; a failure is settled by reading the connector back. */
    const write = async (what: string, action: () => Promise<Connector>, restore = false) => {
      try {
        live = await action();
      } catch (error) {
        await settle(what, error, restore);
      }
      return live!;
    };

    let current: Connector;
    if (deactivateFirst) {
      current = await write("deactivating it for the credential edit", () => api.deactivate(id), true);
    } else {
      const found = await api.get(id);
      if (!found) throw gone();
      current = found;
    }
    live = current;
    const drift = liveDrift(spec, olds, news, current);
    if (drift) deps.warn?.(redactorFor(spec, deps, olds, news).redact(`${label}: ${drift}`));

    const body = (withCredentials: boolean): ConnectorUpdate => {
      const fields = spec.expand(news as never, "edit");
      return {
        id,
        name: live!.name,
        type: spec.apiType,
        version: live!.version,
        // Omitting it clears it: the PUT carries the whole object.
        ...(typeof news.description === "string" && news.description !== ""
          ? { description: news.description }
          : {}),
        settings: fields.settings,
        ...(withCredentials ? { credentials: fields.credentials } : {}),
      };
    };
    const reauthorize = async (key: string) => {
      await write(`re-authorizing it (${key} changed)`, () => api.reauthorize(id, String(news[key])));
      applied = { ...applied, [key]: news[key] };
    };

    if (plan.credentials.length > 0) {
      const wasActive = deactivateFirst || live.active;
      if (live.active) await write("deactivating it for the credential edit", () => api.deactivate(id), true);
      const sent = body(true);
      try {
        live = await api.update(sent);
        applied = news;
      } catch (editError) {
        if (isApiError(editError, 404)) throw gone();
        // The answer may be lost while the edit was applied: what is stored decides which credentials it holds.
        const stored = await api.get(id).catch(() => undefined);
        const holds = stored ? credentialsAfterEdit(spec, sent, news, stored) : "unknown";
        if (holds !== "new") {
          unknownCredentials = holds === "unknown";
          await settle(
            `editing its credentials (${plan.credentials.join(", ")})`,
            editError,
            wasActive && holds === "previous",
          );
        }
        // It was applied: carry on as if the answer had arrived.
        live = stored!;
        applied = news;
      }
      if (spec.reauthorizeAfterCredentialEdit) {
        const [key] = fieldsWithRole(spec, "reauthorize");
        if (key) await reauthorize(key);
      }
    } else {
      if (plan.settings.length > 0) {
        await write(`updating ${plan.settings.join(", ")}`, () => api.update(body(false)));
      }
      for (const key of plan.reauthorize) await reauthorize(key);
    }
    if (live.active !== wantActive) {
      await write(wantActive ? "re-activating it" : "deactivating it", () =>
        wantActive ? api.activate(id) : api.deactivate(id),
      );
    }
    return { outs: outputsOf(spec, live, region, news) };
  }
}

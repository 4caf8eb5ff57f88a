// create: POST (the new connector is active), then deactivate when the program says active: false. An
// ambiguous POST is settled by the client, which adopts a connector found by name only if the server's clock
// and its non-secret fields say this POST made it.
import type * as pulumi from "@pulumi/pulumi";
import { fieldsWithRole, type KindSpec } from "../kinds/spec";
import type { Connector, ConnectorCreate } from "../webex/types";
import { adoptIfResolved, explainNameTaken } from "./adopt";
import type { LifecycleDeps } from "./deps";
import { ConnectorStateError, messageOf, withHint } from "./failures";
import { kindInputs, outputsOf } from "./outputs";
import { openSession } from "./session";
import { clean, deepEqual, type Values } from "./values";

/** The kind's inputs as the API would echo them: no secrets, no request-only sign-ins. */
export function echoedInputs(spec: KindSpec, values: Values): Values {
  const keys = fieldsWithRole(spec, "credential", "setting");
  const echoed = clean(Object.fromEntries(keys.map((key) => [key, values[key]])));
  for (const path of spec.secretPaths) {
    const parts = path.split(".");
    let node: unknown = echoed;
    for (const part of parts.slice(0, -1)) node = (node as Values | undefined)?.[part];
    if (node !== null && typeof node === "object") delete (node as Values)[parts[parts.length - 1]];
  }
  return echoed;
}

/** Whether a connector found after an ambiguous POST is the one this create sent. */
export function isSameConnector(spec: KindSpec, inputs: Values, found: Connector): boolean {
  return (
    found.type === spec.apiType &&
    found.name.toLowerCase() === String(inputs.name).toLowerCase() &&
    (found.description ?? "") === (inputs.description ?? "") &&
    deepEqual(echoedInputs(spec, kindInputs(spec, found, {})), echoedInputs(spec, inputs))
  );
}

export async function create(
  spec: KindSpec,
  deps: LifecycleDeps,
  inputs: Values,
): Promise<pulumi.dynamic.CreateResult> {
  const adopted = await adoptIfResolved(spec, deps, inputs);
  if (adopted) return adopted;
  const session = openSession(spec, deps, inputs);
  const body: ConnectorCreate = {
    name: String(inputs.name),
    type: spec.apiType,
    ...(inputs.description ? { description: String(inputs.description) } : {}),
    ...spec.expand(inputs as never, "create"),
  };
  let live: Connector;
  try {
    live = await session.api.create(body, (found) => isSameConnector(spec, inputs, found));
  } catch (error) {
    throw withHint(await explainNameTaken(error, spec, session.api, inputs));
  }
  if (inputs.active === false) {
    try {
      live = await session.api.deactivate(live.id);
    } catch (error) {
      // Its answers may be lost while the deactivation was applied: the state recorded is the one read back.
      const current = await session.api.get(live.id).catch(() => undefined);
      if (current) live = current;
      const state = current
        ? current.active
          ? "It is ACTIVE, although the program declares active: false; run pulumi up again."
          : "Read back, it is INACTIVE as the program declares."
        : "Reading it back failed too, so whether it is active is unknown; run pulumi refresh, then pulumi up.";
      throw new ConnectorStateError(
        `${spec.typeName} ${JSON.stringify(live.name)} was created (id ${live.id}) but deactivating it failed: ` +
          `${messageOf(error)} ${state}`,
        live.id,
        outputsOf(spec, live, session.region, inputs),
      );
    }
  }
  return { id: live.id, outs: outputsOf(spec, live, session.region, inputs) };
}

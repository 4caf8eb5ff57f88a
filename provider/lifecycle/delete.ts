// delete: deactivate, then delete. Already gone is success. A connector something still refers to (a CCAI
// config) is refused before it is deactivated, with the referrer named.

import type { KindSpec } from "../kinds/spec";
import type { Reference } from "../webex/types";
import type { LifecycleDeps } from "./deps";
import { isApiError, messageOf, outsideWindow } from "./failures";
import { openSession } from "./session";
import type { Values } from "./values";

function referencedError(spec: KindSpec, label: string, references: Reference[]): Error {
  const what = spec.referencedBy ?? "configuration";
  const names = references.map((ref) => `${what} ${JSON.stringify(ref.name)} (id ${ref.id})`).join(", ");
  return new Error(
    `${label} cannot be deleted: ${names} ${references.length === 1 ? "uses" : "use"} it. ` +
      `Point ${references.length === 1 ? "that" : "each"} ${what} at another connector or delete it ` +
      `(Control Hub → Contact Center → Features), then run the operation again.`,
  );
}

export async function remove(spec: KindSpec, deps: LifecycleDeps, id: string, props: Values): Promise<void> {
  const { api, orgId, settings } = openSession(spec, deps, props);
  const label = `${spec.typeName} ${JSON.stringify(props.name)} (id ${id})`;
  const live = await api.get(id);
  if (!live) return;
  if (spec.referencedBy) {
    const references = await api.incomingReferences(id);
    if (references.length > 0) throw referencedError(spec, label, references);
  }
  const wasActive = live.active;
  if (wasActive) {
    const refusal = outsideWindow(settings.maintenanceWindow, deps.now(), "Delete it");
    if (refusal) {
      throw new Error(
        `${label}: deleting it deactivates the active connector, which stops call routing for every flow that ` +
          `uses it. ${refusal}`,
      );
    }
    await api.deactivate(id);
  }
  try {
    await api.delete(id);
  } catch (error) {
    let restored = "";
    if (wasActive) {
      try {
        await api.activate(id);
        restored = " The connector was re-activated.";
      } catch (restoreError) {
        restored =
          ` Re-activating it then failed too: ${messageOf(restoreError)} The connector is INACTIVE in org ${orgId}; ` +
          `flows that use it are not routing.`;
      }
    }
    if (isApiError(error, 412) && error.details.references?.length) {
      const refused = referencedError(spec, label, error.details.references);
      refused.message += restored;
      throw refused;
    }
    if (error instanceof Error) error.message += restored;
    throw error;
  }
}

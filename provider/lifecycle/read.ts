// read (refresh): outputs rebuilt from the live connector, secrets carried forward as digests under the same
// keys. A connector that is gone returns no id, so Pulumi drops it; one deactivated out of band shows as
// drift (inputs.active false) that the next up corrects.
//
// Inputs are returned only when the live connector differs from what was recorded: without them the engine
// keeps the stored inputs (step.go RefreshStep), which hold the declared secrets themselves. With drift,
// the inputs are rebuilt from the live values, and their secrets are the recorded digests (the plugin is
// given the outputs only), which diff compares as digests.
import type * as pulumi from "@pulumi/pulumi";
import type { KindSpec } from "../kinds/spec";
import type { LifecycleDeps } from "./deps";
import { inputsOf, outputsOf } from "./outputs";
import { openSession } from "./session";
import { inRecordedForm, withSecretDigests } from "./secret-digest";
import { deepEqual, type Values } from "./values";

export async function read(
  spec: KindSpec,
  deps: LifecycleDeps,
  id: string,
  props: Values,
): Promise<pulumi.dynamic.ReadResult> {
  const { api, orgId, region } = openSession(spec, deps, props);
  const live = await api.get(id);
  if (!live) return {};
  if (live.type !== spec.apiType) {
    throw new Error(
      `Connector id ${id} in org ${orgId} is a ${live.type} connector, not ${spec.apiType}: ` +
        `a ${spec.typeName} can only read a ${spec.label} connector.`,
    );
  }
  // A refresh records what it read in the form the state already has: state that holds the secrets
  // themselves (schema 1) keeps them, so an upgrade does not show every connector as changed; its next
  // write records the digests.
  const outputs = inRecordedForm(spec.secretPaths, outputsOf(spec, live, region, props), props);
  const inputs = inputsOf(spec, outputs);
  const drifted = !deepEqual(
    withSecretDigests(spec.secretPaths, inputs),
    withSecretDigests(spec.secretPaths, inputsOf(spec, props)),
  );
  return drifted ? { id: live.id, props: outputs, inputs } : { id: live.id, props: outputs };
}

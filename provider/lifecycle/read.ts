// read (refresh): outputs and inputs rebuilt from the live connector, secrets carried forward under the same
// keys. A connector that is gone returns no id, so Pulumi drops it; one deactivated out of band shows as
// drift (inputs.active false) that the next up corrects.
import type * as pulumi from "@pulumi/pulumi";
import type { KindSpec } from "../kinds/spec";
import type { LifecycleDeps } from "./deps";
import { inputsOf, outputsOf } from "./outputs";
import { openSession } from "./session";
import type { Values } from "./values";

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
  const outputs = outputsOf(spec, live, region, props);
  return { id: live.id, props: outputs, inputs: inputsOf(spec, outputs) };
}

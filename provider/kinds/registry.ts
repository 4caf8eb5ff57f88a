// The provider for each connector kind: the generic lifecycle applied to the kind's spec.
import type * as pulumi from "@pulumi/pulumi";
import { connectorLifecycle } from "../lifecycle";
import { KINDS } from "./all";
import type { ConnectorTypeName, KindSpec } from "./spec";

export { KINDS };

export function kindSpec(typeName: string): KindSpec {
  const spec = KINDS.find((kind) => kind.typeName === typeName);
  if (!spec) {
    throw new Error(
      `${typeName} is not a connector resource: use one of ${KINDS.map((k) => k.typeName).join(", ")}.`,
    );
  }
  return spec;
}

const providers = new Map<string, pulumi.dynamic.ResourceProvider>();

export function connectorProvider(typeName: ConnectorTypeName): pulumi.dynamic.ResourceProvider {
  let existing = providers.get(typeName);
  if (!existing) {
    existing = connectorLifecycle(kindSpec(typeName));
    providers.set(typeName, existing);
  }
  return existing;
}

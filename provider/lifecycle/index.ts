// The one generic connector lifecycle: any kind spec → a Pulumi dynamic ResourceProvider. Every failure is
// scrubbed of the secrets involved before it leaves, because the CLI shows error texts verbatim.
import type * as pulumi from "@pulumi/pulumi";
import type { KindSpec } from "../kinds/spec";
import type { Redactor } from "../redact";
import { withAdoption } from "./adopt";
import { check } from "./check";
import { create } from "./create";
import { remove } from "./delete";
import { type LifecycleDeps, productionDeps } from "./deps";
import { diff } from "./diff";
import { ConnectorStateError, loadableByPlugin } from "./failures";
import { read } from "./read";
import { redactorFor } from "./session";
import { update } from "./update";
import type { Values } from "./values";

export type { LifecycleDeps } from "./deps";

function scrubbed(redactor: Redactor, error: unknown): Error {
  return error instanceof Error ? redactor.redactError(error) : new Error(redactor.redact(String(error)));
}

export function connectorLifecycle(
  spec: KindSpec,
  deps: LifecycleDeps = productionDeps,
): pulumi.dynamic.ResourceProvider {
  /** `request` is what the plugin passed: a recorded partial state must carry its serialized provider. */
  async function guarded<T>(
    sources: Values[],
    operation: () => Promise<T> | T,
    request?: Values,
  ): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      if (error instanceof ConnectorStateError) loadableByPlugin(error, request);
      throw scrubbed(redactorFor(spec, deps, ...sources), error);
    }
  }
  return {
    check: (olds: Values, news: Values) =>
      guarded([olds, news], async () => withAdoption(spec, deps, olds, await check(spec, deps, olds, news))),
    diff: (_id: string, olds: Values, news: Values) =>
      guarded([olds, news], () => diff(spec, deps, olds, news)),
    create: (inputs: Values) => guarded([inputs], () => create(spec, deps, inputs), inputs),
    read: (id: string, props: Values = {}) => guarded([props], () => read(spec, deps, id, props)),
    update: (id: string, olds: Values, news: Values) =>
      guarded([olds, news], () => update(spec, deps, id, olds, news), news),
    delete: (id: string, props: Values) => guarded([props], () => remove(spec, deps, id, props)),
  };
}

// The provider object Pulumi serializes into every resource's state. It must stay tiny and capture nothing
// but the resource type name: each method require()s the compiled implementation by package name when the
// plugin calls it, so fixes reach refresh and destroy, and no credential can ever be captured here.
import type * as pulumi from "@pulumi/pulumi";
import type { ResourceTypeName } from "../provider";

const providers = new Map<ResourceTypeName, pulumi.dynamic.ResourceProvider>();

export function thinProvider(type: ResourceTypeName): pulumi.dynamic.ResourceProvider {
  let existing = providers.get(type);
  if (!existing) {
    existing = {
      configure: (req) => require("pulumi-wxcc/provider").configure(req),
      check: (olds, news) => require("pulumi-wxcc/provider").provider(type).check(olds, news),
      diff: (id, olds, news) => require("pulumi-wxcc/provider").provider(type).diff(id, olds, news),
      create: (inputs) => require("pulumi-wxcc/provider").provider(type).create(inputs),
      read: (id, props) => require("pulumi-wxcc/provider").provider(type).read(id, props),
      update: (id, olds, news) => require("pulumi-wxcc/provider").provider(type).update(id, olds, news),
      delete: (id, props) => require("pulumi-wxcc/provider").provider(type).delete(id, props),
    };
    providers.set(type, existing);
  }
  return existing;
}

// The floor provider's resources and program: the same connectors in the same orgs as the rollout program
// (bench/program.ts), in orgs of their own (world.floorOrgs, alike in every way), with the API's request
// bodies built here, in the program, so the floor provider only sends them.
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { KINDS as KIND_SPECS } from "../provider/kinds/all";
import type { KindSpec } from "../provider/kinds/spec";
import { connectorArgs } from "./program";
import type { BenchOrg, ConnectorSecrets } from "./world";

/** The provider text: require() the floor's implementation, by path (the bench is not an installed package). */
const FLOOR_PROVIDER_TEXT = `exports.handler = () => require(${JSON.stringify(path.join(__dirname, "floor-provider.js"))}).provider;\n`;

/** The floor's resource class, made from the @pulumi/pulumi copy the harness drives (one per copy). */
const floorClasses = new WeakMap<typeof pulumi, new (name: string, props: pulumi.Inputs) => unknown>();

function floorConnector(sdk: typeof pulumi): new (name: string, props: pulumi.Inputs) => unknown {
  let made = floorClasses.get(sdk);
  if (!made) {
    made = class FloorConnector extends sdk.CustomResource {
      constructor(name: string, props: pulumi.Inputs) {
        super(
          "pulumi-nodejs:dynamic/floor:Connector",
          name,
          { ...props, __provider: FLOOR_PROVIDER_TEXT },
          { additionalSecretOutputs: ["body", "edit"] },
        );
      }
    };
    floorClasses.set(sdk, made);
  }
  return made;
}

/** What the floor sends: the POST body, and the PUT's editable part. */
function requestBodies(spec: KindSpec, args: Record<string, unknown>) {
  const inputs = { ...spec.defaults, ...args } as never;
  const description = typeof args.description === "string" ? { description: args.description } : {};
  const edit = spec.expand(inputs, "edit");
  return {
    body: { name: args.name, type: spec.apiType, ...description, ...spec.expand(inputs, "create") },
    edit: { name: args.name, ...description, settings: edit.settings, credentials: edit.credentials },
  };
}

export function floorProgram(
  orgs: readonly BenchOrg[],
  secrets: ConnectorSecrets,
  sdk: typeof pulumi = pulumi,
): () => void {
  const FloorConnector = floorConnector(sdk);
  return () => {
    for (const org of orgs) {
      for (const spec of KIND_SPECS) {
        const bodies = requestBodies(spec, connectorArgs(spec.typeName, org, secrets));
        new FloorConnector(`${org.orgId}-${spec.typeName}`, {
          orgId: org.orgId,
          body: sdk.secret(bodies.body),
          edit: sdk.secret(bodies.edit),
        });
      }
    }
  };
}

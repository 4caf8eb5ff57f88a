// What the bench runs: the repository's build, or the package installed from its tarball into a project
// (`--installed <dir>`), as users run it. The program's classes, the harness and @pulumi/pulumi must come
// from the same place: the harness answers the registrations of the @pulumi/pulumi copy it drives.
import * as fs from "node:fs";
import * as path from "node:path";
import type * as pulumiTypes from "@pulumi/pulumi";
import type { ConnectorTypeName } from "../provider/kinds/spec";
import type { ConnectorResource } from "../sdk";
import type { Stack } from "../testing";
import { REPO_ROOT, UsageError } from "./options";

export type ConnectorClasses = Record<
  ConnectorTypeName,
  new (name: string, args: never, opts?: pulumiTypes.CustomResourceOptions) => ConnectorResource
>;

export interface RuntimeModules {
  /** Where the plugin runs (its cwd), so `require("pulumi-wxcc/provider")` finds this package. */
  projectDir: string;
  Stack: typeof Stack;
  classes: ConnectorClasses;
  pulumi: typeof pulumiTypes;
  /** Said in the report: "repository build" or "installed package 0.1.0 in <dir>". */
  source: string;
}

export function runtimeModules(installed?: string): RuntimeModules {
  if (!installed) {
    return {
      projectDir: REPO_ROOT,
      Stack: (require("../testing") as { Stack: typeof Stack }).Stack,
      classes: (require("../sdk") as { CONNECTOR_CLASSES: ConnectorClasses }).CONNECTOR_CLASSES,
      pulumi: require("@pulumi/pulumi") as typeof pulumiTypes,
      source: "repository build",
    };
  }
  const packageDir = path.join(installed, "node_modules", "pulumi-wxcc");
  if (!fs.existsSync(path.join(packageDir, "package.json"))) {
    throw new UsageError(
      `--installed ${installed} has no node_modules/pulumi-wxcc: install the tarball there first (npm pack, then npm install <tgz> @pulumi/pulumi in that project).`,
    );
  }
  const fromProject = (id: string) => require(require.resolve(id, { paths: [installed] }));
  const version = (
    JSON.parse(fs.readFileSync(path.join(packageDir, "package.json"), "utf8")) as { version: string }
  ).version;
  return {
    projectDir: installed,
    Stack: (fromProject("pulumi-wxcc/testing") as { Stack: typeof Stack }).Stack,
    classes: (fromProject("pulumi-wxcc") as { CONNECTOR_CLASSES: ConnectorClasses }).CONNECTOR_CLASSES,
    pulumi: fromProject("@pulumi/pulumi") as typeof pulumiTypes,
    source: `installed package ${version} in ${installed}`,
  };
}

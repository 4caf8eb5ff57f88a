// The plugin runs in the project directory and resolves the serialized provider's require()s from there, as
// under the CLI. A directory that is missing, or lacks the package a provider requires, otherwise surfaces as
// `spawn … ENOENT` or `Cannot find module …` with no hint of which directory was meant. (A directory without
// node_modules is fine for a provider that requires only relative paths, so that is judged per module.)
import * as fs from "node:fs";
import * as path from "node:path";

/** Throws an error naming the directory and what is missing, before any process is spawned. */
export function checkPluginDir(dir: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dir);
  } catch {
    throw new Error(
      `The project directory ${dir} does not exist: set projectDir (or pluginCwd) to the directory that ` +
        `holds Pulumi.yaml; the dynamic-provider plugin runs there.`,
    );
  }
  if (!stat.isDirectory()) {
    throw new Error(
      `The project directory ${dir} is a file, not a directory: give the directory that holds Pulumi.yaml.`,
    );
  }
}

function nearestNodeModules(dir: string): string | undefined {
  for (let current = dir; ; current = path.dirname(current)) {
    const candidate = path.join(current, "node_modules");
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(current) === current) return undefined;
  }
}

/** A plugin error about a module it could not load, with where it looked and how to fix it. */
export function explainMissingModule(details: string, dir: string): string {
  const match = /Cannot find module '([^']+)'/.exec(details);
  if (!match) return details;
  const id = match[1]!;
  const pkg = id.startsWith("@") ? id.split("/").slice(0, 2).join("/") : id.split("/")[0]!;
  if (id.startsWith(".") || path.isAbsolute(id)) return details;
  if (nearestNodeModules(dir) === undefined) {
    return (
      `${details}\nThe plugin runs in ${dir} and resolves modules from there, but ${dir} has no node_modules ` +
      `(and neither has any directory above it): run \`npm install\` there (with ${pkg} among the project's ` +
      `dependencies: \`npm install ${pkg}\`), or point projectDir/pluginCwd at the directory where it is installed.`
    );
  }
  return (
    `${details}\nThe plugin runs in ${dir} and resolves modules from there: ${pkg} is not installed in it ` +
    `(or in a node_modules above it). Run \`npm install ${pkg}\` in ${dir}, or point projectDir/pluginCwd at ` +
    `the directory where it is installed.`
  );
}

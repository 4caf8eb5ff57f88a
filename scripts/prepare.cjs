/* global require, process, __dirname */
// npm's `prepare` hook: builds the package's runtime (tsconfig.build.json) so that installing from git gets
// a working package. `npm pack` and `npm publish` run prepack, which builds already, and then prepare:
// skip the second build there.
const { execFileSync } = require("node:child_process");

if (process.env.npm_command === "pack" || process.env.npm_command === "publish") process.exit(0);
execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.build.json"], {
  cwd: __dirname + "/..",
  stdio: "inherit",
});

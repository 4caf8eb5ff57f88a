// What every resource class of the package stores as its provider (`__provider`), checked in a project where
// pulumi-wxcc is installed (tests/package runs it on the tarball installed into a template project) or in this
// repository. A child process with the project as its working directory loads that project's own
// @pulumi/pulumi and pulumi-wxcc, declares two resources of every class the package exports (every export
// with a __pulumiType, so a new class is covered without a change here) under Pulumi's mocks, and hydrates
// each text the way the dynamic-provider plugin does (require-from-string, then handler()).
import { execFileSync } from "node:child_process";

/** The largest `__provider` text allowed (issue #15: ≤ 1 KB). */
export const MAX_PROVIDER_BYTES = 1024;

/**
 * The only shape a provider text may have: one require() of the installed package, naming the type. Nothing
 * else fits, so no implementation code and no captured value can be in it.
 */
export const PROVIDER_TEXT_SHAPE =
  /^exports\.handler = \(\) => require\("pulumi-wxcc\/provider"\)\.forPlugin\("[A-Za-z]+"\);\n$/;

export interface ProviderTextReport {
  /** Per resource type token: the distinct texts two resources of that class stored. */
  texts: Record<string, string[]>;
  /** Per type token: the methods the hydrated provider offers. */
  methods: Record<string, string[]>;
  /** Where `pulumi-wxcc/provider` resolves from the project (the implementation the texts reach). */
  implementation: string;
  /** Every type token the installed package exports (TYPE_TOKENS): each must have stored a text. */
  tokens: string[];
}

const SCRIPT = `
const path = require("node:path");
const pulumi = require("@pulumi/pulumi");
const wxcc = require("pulumi-wxcc");
const requireFromString = require(require.resolve("require-from-string", { paths: [path.dirname(require.resolve("@pulumi/pulumi"))] }));
const texts = {};
pulumi.runtime.setMocks(
  {
    newResource: (args) => {
      (texts[args.type] ??= new Set()).add(args.inputs.__provider);
      return { id: args.name + "-id", state: args.inputs };
    },
    call: () => ({}),
  },
  "provider-text",
  "check",
  false,
);
const classes = Object.values(wxcc).filter((C) => typeof C === "function" && typeof C.__pulumiType === "string");
const resources = classes.flatMap((C, i) => [new C("first-" + i, {}), new C("second-" + i, {})]);
Promise.all(resources.map((r) => new Promise((resolve) => r.urn.apply(resolve)))).then(() => {
  const methods = {};
  for (const [type, set] of Object.entries(texts)) {
    const provider = requireFromString([...set][0]).handler();
    methods[type] = Object.keys(provider).filter((k) => typeof provider[k] === "function").sort();
  }
  const report = {
    texts: Object.fromEntries(Object.entries(texts).map(([t, s]) => [t, [...s]])),
    methods,
    implementation: require.resolve("pulumi-wxcc/provider"),
    tokens: Object.values(wxcc.TYPE_TOKENS).sort(),
  };
  process.stdout.write(JSON.stringify(report));
});
`;

/** Runs the check's child process in `projectDir` and returns what it saw. */
export function inspectProviderTexts(projectDir: string): ProviderTextReport {
  const out = execFileSync(process.execPath, ["--no-deprecation", "-e", SCRIPT], {
    cwd: projectDir,
    encoding: "utf8",
    env: { ...process.env, PULUMI_CONFIG_PASSPHRASE: undefined },
  });
  return JSON.parse(out) as ProviderTextReport;
}

/**
 * Throws unless, in `projectDir`, every resource class stores one identical provider text per kind, of at
 * most MAX_PROVIDER_BYTES, in PROVIDER_TEXT_SHAPE, that hydrates to a provider with every method the plugin
 * calls. Returns the report (a caller from tests/package can also check `implementation` is the installed
 * package).
 */
export function assertLeanProviderTexts(projectDir: string): ProviderTextReport {
  const report = inspectProviderTexts(projectDir);
  const problems: string[] = [];
  const types = Object.keys(report.texts);
  const unseen = report.tokens.filter((token) => !types.includes(token));
  if (unseen.length > 0) problems.push(`no resource class stored a provider text for ${unseen.join(", ")}`);
  for (const [type, texts] of Object.entries(report.texts)) {
    if (texts.length !== 1) problems.push(`${type}: ${texts.length} different texts for one kind`);
    for (const text of texts) {
      const bytes = Buffer.byteLength(text ?? "", "utf8");
      if (bytes > MAX_PROVIDER_BYTES) problems.push(`${type}: ${bytes} bytes > ${MAX_PROVIDER_BYTES}`);
      if (!PROVIDER_TEXT_SHAPE.test(text ?? ""))
        problems.push(`${type}: unexpected text ${JSON.stringify(text)}`);
    }
    const expected = ["check", "configure", "create", "delete", "diff", "read", "update"];
    const missing = expected.filter((m) => !report.methods[type]?.includes(m));
    if (missing.length > 0) problems.push(`${type}: the hydrated provider lacks ${missing.join(", ")}`);
  }
  if (problems.length > 0) throw new Error(`provider texts in ${projectDir}:\n- ${problems.join("\n- ")}`);
  return report;
}

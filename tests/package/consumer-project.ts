// A new Pulumi project as `pulumi new typescript` creates it (pulumi/templates, typescript/), with this
// package installed from its tarball. Two tsconfig.json files: the template's today (module and
// moduleResolution nodenext, since March 2026) and the one it shipped from April 2024 until then
// (commonjs/node), which most existing projects still have. Both are the template's, unchanged, except that
// the older one also lists the type-error fixture.
import * as fs from "node:fs";
import * as path from "node:path";

export const PROJECT = "wxcc-consumer";

const TEMPLATE_PACKAGE_JSON = {
  name: PROJECT,
  main: "index.ts",
  devDependencies: { "@types/node": "^18", typescript: "^5.0.0" },
  dependencies: { "@pulumi/pulumi": "^3.113.0" },
};

const TEMPLATE_COMPILER_OPTIONS = {
  strict: true,
  outDir: "bin",
  target: "es2020",
  module: "nodenext",
  moduleResolution: "nodenext",
  sourceMap: true,
  experimentalDecorators: true,
  pretty: true,
  noFallthroughCasesInSwitch: true,
  noImplicitReturns: true,
  forceConsistentCasingInFileNames: true,
};

/** The template's tsconfig.json today. */
export const TSCONFIG_TODAY = { compilerOptions: TEMPLATE_COMPILER_OPTIONS, files: ["index.ts"] };

/** The template's tsconfig.json from April 2024 to March 2026, compiling the type-error fixture too. */
export const TSCONFIG_2024 = {
  compilerOptions: { ...TEMPLATE_COMPILER_OPTIONS, module: "commonjs", moduleResolution: "node" },
  files: ["index.ts", "typos.ts"],
};

/**
 * The program: imports the SDK, the harness and the emulator client as a user's project would, declares a
 * Custom connector, and can rehearse itself (preview, up, destroy) against an emulator.
 */
export const INDEX_TS = `import * as pulumi from "@pulumi/pulumi";
import * as wxcc from "pulumi-wxcc";
import { EmulatorControl } from "pulumi-wxcc/emulator";
import { Stack } from "pulumi-wxcc/testing";

export default function program() {
  const cfg = new pulumi.Config();
  const args: wxcc.CustomConnectorArgs = {
    name: "Orders-API",
    resourceDomainUrl: "https://orders.example.com",
    auth: { type: "basic", username: "svc-orders", password: cfg.requireSecret("ordersPassword") },
  };
  const orders = new wxcc.CustomConnector("orders", args);
  return { connectorId: orders.connectorId, custom: wxcc.CustomConnector.isInstance(orders) };
}

/** preview, up and destroy through the harness; returns every step as "op:name". */
export async function rehearse(emulatorUrl: string): Promise<string[]> {
  const control = new EmulatorControl(emulatorUrl);
  await control.createOrg({ orgId: "org-consumer" });
  await control.createAdmin("org-consumer", { role: "full-admin", accessToken: "consumer-admin-token" });
  const stack = new Stack({
    projectDir: __dirname,
    project: "${PROJECT}",
    stack: "dev",
    config: {
      "wxcc:orgId": "org-consumer",
      "wxcc:baseUrl": emulatorUrl,
      "wxcc:identityUrl": emulatorUrl,
      "wxcc:accessToken": { secret: "consumer-admin-token" },
      ordersPassword: { secret: "consumer-orders-password" },
    },
  });
  const log: string[] = [];
  const preview = await stack.preview(program);
  const up = await stack.up(program);
  const exported = up.exports as { custom?: boolean } | undefined;
  const destroy = await stack.destroy();
  for (const result of [preview.assertOk(), up.assertOk(), destroy.assertOk()]) {
    log.push(...result.opLog.map((op) => result.operation + ":" + op));
  }
  log.push("isInstance:" + String(exported?.custom));
  return log;
}
`;

/** Nested and top-level typos a user could make: each must be a compiler error naming the field. */
export const TYPOS_TS = `import * as wxcc from "pulumi-wxcc";

new wxcc.CustomConnector("typo", {
  name: "Typo",
  resourceDomainUrl: "https://api.example.com",
  auth: { type: "basic", username: "svc", pasword: "p" },
});

new wxcc.SalesforceCallCenterDefinition("typo-cc", {
  salesforce: { clientId: "c", username: "u@example.com", privateKey: "k" },
  settings: { general: { softphoneHieght: 600 } },
});

new wxcc.ContactCenterConnector("typo-cc-connector", { name: "x", acess: "read-only", authorize: true });
`;

/** Writes the template project; the package and its peers are installed by the caller. */
export function writeConsumerProject(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  const files: Record<string, string> = {
    "Pulumi.yaml": `name: ${PROJECT}\ndescription: A Pulumi project that uses pulumi-wxcc\nruntime: nodejs\n`,
    "package.json": `${JSON.stringify(TEMPLATE_PACKAGE_JSON, null, 4)}\n`,
    "index.ts": INDEX_TS,
    "typos.ts": TYPOS_TS,
    "tsconfig.json": `${JSON.stringify(TSCONFIG_TODAY, null, 4)}\n`,
    "tsconfig.2024.json": `${JSON.stringify(TSCONFIG_2024, null, 4)}\n`,
  };
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
}

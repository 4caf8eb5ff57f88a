// The org the export tests start from, set up by hand, and the way they run the real wxcc-export bin.
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import type { RunningEmulator } from "../../emulator";
import type { Connector } from "../../provider/webex/types";
import { createByHand, type HandMadeConnector } from "../support/by-hand";
import { rsaKey, serviceAccountKey } from "../provider/support/fixtures";
import { ORDERS_CLIENT, PROJECT_DIR, SALESFORCE_APP } from "../provider/support/emulator-world";

export const BIN = path.join(PROJECT_DIR, "dist", "scripts", "export", "cli.js");

/** The secret values of the hand-made org, by connector name and secret path. */
export const SECRETS: Record<string, string> = {
  "CRM Lookups privateKey": rsaKey(0).privateKeyPem,
  "Orders API auth.clientSecret": "orders-client-secret-0001",
  "Billing auth.password": "billing-password-0001",
  "Offers TTS authKey": serviceAccountKey(0),
  "Surveys apiKey": "wxm-api-key-0001",
  "Agent Answers googleAuthorization": "google-authorization-code-0001",
};

/** Several kinds, descriptions, a disabled connector, names that need turning into identifiers. */
export const HAND_MADE: HandMadeConnector[] = [
  {
    type: "SalesforceConnector",
    args: {
      name: "CRM Lookups",
      description: "Account look-ups by ANI",
      clientId: SALESFORCE_APP.consumerKey,
      userEmail: SALESFORCE_APP.username,
      privateKey: SECRETS["CRM Lookups privateKey"],
    },
  },
  {
    type: "CustomConnector",
    args: {
      name: "Orders API",
      description: "Order status for the IVR",
      resourceDomainUrl: "https://orders.example.com",
      auth: {
        type: "oauth2",
        grantType: "client-credentials",
        clientId: ORDERS_CLIENT.clientId,
        clientSecret: SECRETS["Orders API auth.clientSecret"],
        tokenUrl: ORDERS_CLIENT.tokenUrl,
        scope: "orders.read",
      },
    },
  },
  {
    type: "CustomConnector",
    args: {
      name: "Billing",
      active: false,
      resourceDomainUrl: "https://billing.example.com",
      auth: { type: "basic", username: "svc-billing", password: SECRETS["Billing auth.password"] },
    },
  },
  { type: "GoogleConnector", args: { name: "Offers TTS", authKey: SECRETS["Offers TTS authKey"] } },
  {
    type: "ExperienceManagementConnector",
    args: {
      name: "Surveys",
      description: "Survey feedback",
      username: "wxm-user",
      apiKey: SECRETS["Surveys apiKey"],
    },
  },
  { type: "ContactCenterConnector", args: { name: "Reporting", access: "read-only", authorize: true } },
  {
    type: "GoogleCcaiConnector",
    args: {
      name: "Agent Answers",
      ccaiProject: "acme-ccai",
      ciscoProjectName: "Not applicable",
      serviceAccount: "ccai@acme-ccai.iam.gserviceaccount.com",
      googleAuthorization: SECRETS["Agent Answers googleAuthorization"],
    },
  },
];

export async function setUpOrgByHand(
  emulator: RunningEmulator,
  orgId: string,
  token: string,
  connectors: HandMadeConnector[] = HAND_MADE,
): Promise<Connector[]> {
  await emulator.control.createOrg({ orgId });
  await emulator.control.createAdmin(orgId, { role: "full-admin", accessToken: token });
  return createByHand(emulator.url, orgId, token, connectors);
}

export interface BinResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built wxcc-export with only the given WXCC_* environment. */
export function runBin(args: string[], env: Record<string, string>): Promise<BinResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { PATH: process.env.PATH, ...env } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Type-checks and compiles a generated program next to the project's node_modules; returns the JS path. */
export function compileProgram(source: string): { file: string; dir: string; diagnostics: string[] } {
  const dir = fs.mkdtempSync(path.join(PROJECT_DIR, "dist", "tests", "export", "generated-"));
  const file = path.join(dir, "index.ts");
  fs.writeFileSync(file, source);
  const program = ts.createProgram([file], {
    strict: true,
    noUnusedLocals: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    skipLibCheck: true,
    types: ["node"],
    outDir: dir,
  });
  const diagnostics = ts
    .getPreEmitDiagnostics(program)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  program.emit();
  return { file: path.join(dir, "index.js"), dir, diagnostics };
}

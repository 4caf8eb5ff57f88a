#!/usr/bin/env node
// wxcc-export: writes what one or more orgs hold as a Pulumi program (or JSON), or compares two orgs.
// It reads the orgs with the provider's own configuration: the WXCC_* environment variables.
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { ConfigurationError } from "../../provider/webex/errors";
import { CISCO_INTERNAL_NAME } from "../../provider/salesforce/catalog";
import { readCallCenter, SALESFORCE_OPTIONS, salesforceOptions } from "./call-center";
import { compareOrgs, renderComparison } from "./compare";
import { buildInventory, readOrgs } from "./inventory";
import { renderJson, renderProgram } from "./program";

export const EXIT_OK = 0;
export const EXIT_ERROR = 1;
export const EXIT_DIFFERENT = 2;

const USAGE = `Usage: wxcc-export [--org <orgId>]... [--out <file>] [--format typescript|json]
       wxcc-export --compare <orgA> <orgB> [--format text|json]

Writes the connectors of the orgs as a TypeScript Pulumi program that adopts them (adopt: true,
retainOnDelete: true), secrets read from stack config; or, with --compare, a table of two orgs' connectors
by kind and name: only in A, only in B, differing non-secret fields, identical.

Credentials, region and URLs come from the WXCC_* environment variables, as for the provider:
WXCC_ACCESS_TOKEN (or WXCC_CLIENT_ID + WXCC_CLIENT_SECRET + WXCC_REFRESH_TOKEN, or WXCC_SERVICE_APP),
WXCC_ORGS for several orgs, WXCC_REGION, WXCC_BASE_URL, WXCC_IDENTITY_URL. Without --org, WXCC_ORG_ID.

With Salesforce credentials, the Salesforce call center found by internal name is exported too, as a
SalesforceCallCenterDefinition with adopt: true declaring only what differs from Cisco's defaults:
  --salesforce-client-id <key>        the connected app's consumer key    (WXCC_SALESFORCE_CLIENT_ID)
  --salesforce-username <user>        the integration user                 (WXCC_SALESFORCE_USERNAME)
  --salesforce-private-key-file <f>   its PEM private key                  (WXCC_SALESFORCE_PRIVATE_KEY_FILE)
  --salesforce-login-url <url>        default https://login.salesforce.com (WXCC_SALESFORCE_LOGIN_URL)
  --salesforce-audience <url>         the JWT audience; default the login URL (WXCC_SALESFORCE_AUDIENCE)
  --salesforce-internal-name <name>   default Cisco's current one          (WXCC_SALESFORCE_INTERNAL_NAME)

Options:
  --org <orgId>       an org to export (repeatable)
  --out <file>        write to <file> instead of stdout
  --format <format>   typescript (default) or json; with --compare: text (default) or json
  --compare           compare the two orgs given as arguments
  -h, --help          show this help

Exit codes: 0 done (with --compare: identical), 2 the orgs differ, 1 error.
`;

export interface ExportIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
}

export async function runExport(argv: string[], io: ExportIo): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    io.stderr(`wxcc-export: ${(error as Error).message}\n\n${USAGE}`);
    return EXIT_ERROR;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  const compare = values.compare === true;
  const format = values.format ?? (compare ? "text" : "typescript");
  const formats = compare ? ["text", "json"] : ["typescript", "json"];
  if (!formats.includes(format)) {
    io.stderr(
      `wxcc-export: --format must be ${formats.map((f) => `"${f}"`).join(" or ")}, not "${format}".\n`,
    );
    return EXIT_ERROR;
  }
  let orgIds: string[];
  if (compare) {
    if (positionals.length !== 2 || (values.org ?? []).length > 0) {
      io.stderr(`wxcc-export: --compare takes exactly two org ids: --compare <orgA> <orgB>.\n`);
      return EXIT_ERROR;
    }
    orgIds = positionals;
  } else {
    if (positionals.length > 0) {
      io.stderr(
        `wxcc-export: unexpected argument ${JSON.stringify(positionals[0])}: name orgs with --org.\n`,
      );
      return EXIT_ERROR;
    }
    orgIds = values.org ?? (io.env.WXCC_ORG_ID ? [io.env.WXCC_ORG_ID] : []);
    if (orgIds.length === 0) {
      io.stderr(`wxcc-export: name an org: --org <orgId>, or set WXCC_ORG_ID.\n`);
      return EXIT_ERROR;
    }
  }
  try {
    const inventory = buildInventory(await readOrgs([...new Set(orgIds)], io.env));
    const salesforce = compare ? undefined : salesforceOptions(salesforceArgs(values), io.env);
    if (salesforce) {
      const callCenter = await readCallCenter(salesforce);
      if (!callCenter) {
        io.stderr(
          `wxcc-export: no Salesforce call center with internal name ${salesforce.internalName ?? CISCO_INTERNAL_NAME}; ` +
            `exporting the connectors only (name it with --salesforce-internal-name).\n`,
        );
      } else inventory.callCenter = callCenter;
    }
    let text: string;
    let code = EXIT_OK;
    if (compare) {
      const rows = compareOrgs(inventory, orgIds[0]!, orgIds[1]!);
      text =
        format === "json"
          ? `${JSON.stringify({ orgA: orgIds[0], orgB: orgIds[1], connectors: rows }, null, 2)}\n`
          : renderComparison(orgIds[0]!, orgIds[1]!, rows);
      if (rows.some((r) => r.status !== "identical")) code = EXIT_DIFFERENT;
    } else {
      text = format === "json" ? renderJson(inventory) : renderProgram(inventory);
    }
    if (values.out) writeFileSync(values.out, text);
    else io.stdout(text);
    return code;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`wxcc-export: ${error instanceof ConfigurationError ? "configuration: " : ""}${message}\n`);
    return EXIT_ERROR;
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      org: { type: "string", multiple: true },
      out: { type: "string" },
      format: { type: "string" },
      compare: { type: "boolean" },
      help: { type: "boolean", short: "h" },
      ...Object.fromEntries(
        Object.values(SALESFORCE_OPTIONS).map(({ option }) => [option, { type: "string" as const }]),
      ),
    },
  });
}

function salesforceArgs(
  values: Record<string, unknown>,
): Partial<Record<keyof typeof SALESFORCE_OPTIONS, string>> {
  return Object.fromEntries(
    Object.entries(SALESFORCE_OPTIONS)
      .map(([key, { option }]) => [key, values[option]])
      .filter(([, value]) => typeof value === "string"),
  ) as Partial<Record<keyof typeof SALESFORCE_OPTIONS, string>>;
}

if (require.main === module) {
  runExport(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`wxcc-export: ${String(error)}\n`);
      process.exitCode = EXIT_ERROR;
    },
  );
}

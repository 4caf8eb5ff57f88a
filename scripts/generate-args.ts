// Writes sdk/generated/args.ts: the SDK's argument interfaces, generated from the schemas check() validates
// against (the connector kind specs, the call-center definition's inputs, the desktop layout's and the
// flow's schemas), with each field's TSDoc taken
// from its `.describe()` text plus what the specs say about it (secret, replaces, deactivates, default).
// The public declarations then name no zod type, and a field cannot be added without its doc:
// tests/sdk/generated-args.test.ts fails when this output is stale or a field has no description.
//
// Run: npm run generate
import * as fs from "node:fs";
import * as path from "node:path";
import type { z } from "zod";
import { KINDS } from "../provider/kinds/all";
import { type FieldRole, type KindSpec, secretOutputKeys } from "../provider/kinds/spec";
import { IDENTITY_KEYS } from "../provider/lifecycle/outputs";
import { desktopLayoutSchema } from "../provider/desktop-layout/schema";
import { flowSchema } from "../provider/flow/spec";
import { inputsSchema } from "../provider/salesforce/inputs";
import { CALL_CENTER_SECRET_PATHS } from "../sdk/callcenter";

export const GENERATED_ARGS_FILE = path.join("sdk", "generated", "args.ts");

type Schema = z.core.$ZodType;
type Def = Record<string, unknown> & { type: string };

const def = (schema: Schema): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;
const describedAs = (schema: Schema): string | undefined => (schema as { description?: string }).description;

const ROLE_NOTES: Record<FieldRole, string> = {
  credential:
    "Changing it deactivates the connector while the change is applied (deactivate, edit, re-activate): " +
    "flows cannot use it meanwhile, and outside wxcc:maintenanceWindow the change fails at preview.",
  setting: "Editable while the connector is active: changing it does not deactivate the connector.",
  reauthorize: "A new value re-authorizes the connector (the product's Refresh key).",
  consent: "Checked on every save; never a change by itself.",
};
const REPLACES_CONNECTOR = "Changing it replaces the connector (flows must be re-pointed to the new one).";
const SECRET_NOTE = "Secret: always stored as a Pulumi secret, however it is passed.";

interface FieldFacts {
  secret: boolean;
  notes: string[];
  /** A default the provider fills in that the schema does not show. */
  defaultValue?: unknown;
  /** check() fills the field in before the schema sees it, so the program may leave it out. */
  filledByCheck?: boolean;
  /** check() parses JSON text into the object the schema validates, so the program may pass either. */
  acceptsJsonText?: boolean;
}

interface Root {
  name: string;
  summary: string;
  schema: Schema;
  /** Facts about a field at a dotted path. */
  facts(path: string): FieldFacts;
  /** Interface names for nested objects by dotted path, where the path-derived name would be clumsy. */
  names?: Record<string, string>;
}

/** What the generator found: the file text, and every field that lacks a description. */
export interface Generated {
  text: string;
  undocumented: string[];
}

function capitalize(word: string): string {
  return word
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join("");
}

/** Peels optional/default/prefault wrappers, collecting the description (outermost first) and the default. */
function unwrap(schema: Schema): {
  core: Schema;
  optional: boolean;
  description?: string;
  defaultValue?: unknown;
} {
  let current = schema;
  let optional = false;
  let description = describedAs(current);
  let defaultValue: unknown;
  for (;;) {
    const d = def(current);
    if (d.type === "optional" || d.type === "default" || d.type === "prefault") {
      optional = true;
      if (d.type === "default") defaultValue = d.defaultValue;
      current = d.innerType as Schema;
      description ??= describedAs(current);
      continue;
    }
    return { core: current, optional, description, defaultValue };
  }
}

function docComment(lines: string[], indent: string): string {
  const body = lines.flatMap((line) => (line === "" ? [""] : [line]));
  if (body.length === 1) return `${indent}/** ${body[0]} */\n`;
  return `${indent}/**\n${body.map((line) => (line === "" ? `${indent} *` : `${indent} * ${line}`)).join("\n")}\n${indent} */\n`;
}

function renderDefault(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const json = JSON.stringify(value);
  return json.length <= 100 ? `\`${json}\`` : "Cisco's shipped value (see the resource's documentation)";
}

class Generator {
  private readonly declared = new Map<Schema, string>();
  private readonly blocks: string[] = [];
  readonly undocumented: string[] = [];

  constructor(private readonly root: Root) {}

  run(): string {
    this.objectInterface(this.root.schema, this.root.name, [], this.root.summary);
    return this.blocks.join("\n");
  }

  private nameFor(pathParts: string[]): string {
    const key = pathParts.join(".");
    return this.root.names?.[key] ?? this.root.name.replace(/Args$/, "") + capitalize(pathParts.join(" "));
  }

  /** Declares the interface for an object schema (once per schema) and returns its name. */
  private objectInterface(
    schema: Schema,
    name: string,
    at: string[],
    summary: string,
    tags: string[] = [],
  ): string {
    const existing = this.declared.get(schema);
    if (existing) return existing;
    this.declared.set(schema, name);
    const shape = def(schema).shape as Record<string, Schema>;
    let body = "";
    for (const [field, fieldSchema] of Object.entries(shape)) {
      const fieldPath = [...at, field];
      const { core, optional, description, defaultValue } = unwrap(fieldSchema);
      const facts = this.root.facts(fieldPath.join("."));
      if (!description) this.undocumented.push(`${this.root.name}.${fieldPath.join(".")}`);
      const lines = [description ?? "(undocumented)"];
      const extra = [...(facts.secret ? [SECRET_NOTE] : []), ...facts.notes];
      if (extra.length > 0) lines.push("", ...extra);
      const shown = renderDefault(defaultValue ?? facts.defaultValue);
      if (shown) lines.push("", `@defaultValue ${shown}`);
      const own = this.typeOf(core, fieldPath);
      const accepted = facts.acceptsJsonText ? `${own} | string` : own;
      const type = tags.includes(field) ? accepted : `pulumi.Input<${accepted}>`;
      body += docComment(lines, "  ");
      body += `  ${field}${optional || facts.filledByCheck ? "?" : ""}: ${type};\n`;
    }
    this.blocks.push(`${docComment([summary], "")}export interface ${name} {\n${body}}\n`);
    return name;
  }

  private typeOf(schema: Schema, at: string[]): string {
    const d = def(schema);
    switch (d.type) {
      case "string":
        return "string";
      case "number":
        return "number";
      case "boolean":
        return "boolean";
      case "null":
        return "null";
      case "unknown":
        return "unknown";
      case "literal":
        return (d.values as unknown[]).map((value) => JSON.stringify(value)).join(" | ");
      case "enum":
        return Object.values(d.entries as Record<string, string>)
          .map((value) => JSON.stringify(value))
          .join(" | ");
      case "array":
        return `pulumi.Input<${this.typeOf(unwrap(d.element as Schema).core, at)}>[]`;
      case "record":
        return `Record<string, pulumi.Input<${this.typeOf(d.valueType as Schema, at)}>>`;
      case "object":
        return this.objectInterface(
          schema,
          this.nameFor(at),
          at,
          `\`${at.join(".")}\` of ${this.root.name}.`,
        );
      case "union":
        return this.unionType(schema, at);
      default:
        throw new Error(`${this.root.name}.${at.join(".")}: no TypeScript type for zod's ${d.type}`);
    }
  }

  /** A union of objects becomes one interface per option (named by its tag values), else a union of types. */
  private unionType(schema: Schema, at: string[]): string {
    const options = flattenUnion(schema);
    const tags = options.every((option) => def(option).type === "object") ? discriminators(schema) : [];
    if (tags.length === 0) return options.map((option) => this.typeOf(option, at)).join(" | ");
    const aliasName = this.nameFor(at);
    const names = options.map((option) => {
      const shape = def(option).shape as Record<string, Schema>;
      const own = tags.filter((tag) => tag in shape);
      const tagValues = own.map((tag) => String((def(shape[tag]).values as unknown[])[0]));
      const name = `${aliasName}${capitalize(tagValues.join(" "))}`;
      return this.objectInterface(
        option,
        name,
        at,
        `\`${at.join(".")}\` of ${this.root.name} with ${own.map((tag, i) => `${tag} "${tagValues[i]}"`).join(", ")}.`,
        own,
      );
    });
    this.blocks.push(`export type ${aliasName} = ${names.join(" | ")};\n`);
    return aliasName;
  }
}

/** The options of a union, nested unions included. */
function flattenUnion(schema: Schema): Schema[] {
  return (def(schema).options as Schema[]).flatMap((option) =>
    def(option).type === "union" ? flattenUnion(option) : [option],
  );
}

/** The discriminator keys of a (nested) discriminated union, outermost first. */
function discriminators(schema: Schema): string[] {
  const d = def(schema);
  if (typeof d.discriminator !== "string") return [];
  const inner = (d.options as Schema[]).find((option) => def(option).type === "union");
  return [d.discriminator, ...(inner ? discriminators(inner) : [])];
}

function connectorRoot(spec: KindSpec): Root {
  const secretPaths = new Set(spec.secretPaths);
  const secretTops = new Set(secretOutputKeys(spec));
  const roles = spec.roles as Record<string, FieldRole>;
  return {
    name: `${spec.typeName}Args`,
    summary: `The arguments of a ${spec.label} connector (${spec.typeName}).`,
    schema: spec.schema as unknown as Schema,
    facts: (fieldPath) => {
      const top = !fieldPath.includes(".");
      const notes: string[] = [];
      if (top && (IDENTITY_KEYS as readonly string[]).includes(fieldPath)) notes.push(REPLACES_CONNECTOR);
      if (top && roles[fieldPath]) notes.push(ROLE_NOTES[roles[fieldPath]]);
      if (top && secretTops.has(fieldPath) && !secretPaths.has(fieldPath)) {
        notes.push("Secret as a whole in the resource's outputs: it carries a credential.");
      }
      return {
        secret: secretPaths.has(fieldPath),
        notes,
        defaultValue: top ? (spec.defaults as Record<string, unknown> | undefined)?.[fieldPath] : undefined,
      };
    },
  };
}

const CALL_CENTER_NAMES: Record<string, string> = {
  salesforce: "SalesforceJwtCredentials",
  settings: "CallCenterSettingsArgs",
  "settings.general": "GeneralSettingsArgs",
  "settings.advancedScreenPop": "AdvancedScreenPopSettingsArgs",
  "settings.noMatchScreenPop": "NoMatchScreenPopSettingsArgs",
  "settings.noMatchScreenPop.fieldMappings": "FieldMappingArgs",
  "settings.noMatchScreenPop.conditionalMappings": "ConditionalMappingArgs",
  "settings.activityRecord": "ActivityRecordSettingsArgs",
  "settings.activityRecord.customFieldMappings": "ActivityFieldMappingArgs",
  "settings.caseManagement": "CaseManagementSettingsArgs",
  "settings.outdial": "OutdialSettingsArgs",
  "settings.omniChannelStateSync": "OmniChannelStateSyncSettingsArgs",
  extraSections: "ExtraSectionArgs",
  "extraSections.items": "ExtraItemArgs",
};

function callCenterRoot(): Root {
  return {
    name: "SalesforceCallCenterDefinitionArgs",
    summary: "The arguments of a SalesforceCallCenterDefinition.",
    schema: inputsSchema as unknown as Schema,
    names: CALL_CENTER_NAMES,
    facts: (fieldPath) => ({
      secret: CALL_CENTER_SECRET_PATHS.includes(fieldPath),
      notes: fieldPath === "internalName" ? ["Changing it replaces the call center."] : [],
    }),
  };
}

const LAYOUT_NOTES: Record<string, string[]> = {
  orgId: ["Changing it replaces the layout."],
  name: ["At most 255 characters."],
  description: ["At most 255 characters."],
  layout: [
    "E.g. `wxcc.desktopLayouts.salesforce({ outdialAni })`. Checked at preview: JSON, persona sections " +
      "(`agent`, `supervisor`, `supervisorAgent`, or the older top-level `area`) each with `version` and " +
      '`area`, a `comp` on every widget, no placeholder left in (such as `"<OutDialAniValue>"`), at most 256 KiB.',
  ],
  jsonFileName: ["At most 255 characters."],
  teamIds: ["Agents get the layout at their next sign-in."],
};

function desktopLayoutRoot(): Root {
  return {
    name: "DesktopLayoutArgs",
    summary: "The arguments of a DesktopLayout.",
    schema: desktopLayoutSchema as unknown as Schema,
    facts: (fieldPath) => ({ secret: false, notes: LAYOUT_NOTES[fieldPath] ?? [] }),
  };
}

const FLOW_NOTES: Record<string, string[]> = {
  name: ["Defaults to the definition's `name`; the flow store matches flows by name."],
  orgId: ["Changing it replaces the flow."],
  definition: ["JSON text (e.g. an exported file kept in the repository) is parsed at preview."],
  connectors: [
    "E.g. `{ Salesforce: crm.connectorId }`. Every activity a reference picks is rewritten (process and " +
      "diagram copies, main and event flows).",
  ],
};

function flowRoot(): Root {
  return {
    name: "FlowArgs",
    summary: "The arguments of a Flow.",
    schema: flowSchema as unknown as Schema,
    names: { publish: "FlowPublishArgs" },
    facts: (fieldPath) => ({
      secret: false,
      notes: FLOW_NOTES[fieldPath] ?? [],
      filledByCheck: fieldPath === "name",
      acceptsJsonText: fieldPath === "definition",
    }),
  };
}

const HEADER = `// GENERATED by scripts/generate-args.ts from the kind specs, the call-center inputs schema and the desktop
// layout's and flow's schemas (each field's .describe() text): do not edit by hand; change the schema and run
// \`npm run generate\`.
import type * as pulumi from "@pulumi/pulumi";
`;

/** The generated file's text, formatted as the repository's Prettier settings format it. */
export async function generateArgs(repoRoot: string, kinds: readonly KindSpec[] = KINDS): Promise<Generated> {
  const undocumented: string[] = [];
  const sections = [...kinds.map(connectorRoot), callCenterRoot(), desktopLayoutRoot(), flowRoot()].map(
    (root) => {
      const generator = new Generator(root);
      const text = generator.run();
      undocumented.push(...generator.undocumented);
      return text;
    },
  );
  const file = path.join(repoRoot, GENERATED_ARGS_FILE);
  const prettier = await import("prettier");
  const options = { ...(await prettier.resolveConfig(file)), filepath: file };
  return { text: await prettier.format(`${HEADER}\n${sections.join("\n")}`, options), undocumented };
}

async function main(): Promise<void> {
  const root = path.resolve(__dirname, "..", "..");
  const { text, undocumented } = await generateArgs(root);
  if (undocumented.length > 0) {
    throw new Error(`These fields have no .describe() text: ${undocumented.join(", ")}`);
  }
  fs.mkdirSync(path.join(root, "sdk", "generated"), { recursive: true });
  fs.writeFileSync(path.join(root, GENERATED_ARGS_FILE), text);
  console.log(`wrote ${GENERATED_ARGS_FILE}`);
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}

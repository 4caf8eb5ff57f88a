// The typed, camel-cased settings: one group per section of Cisco's file, every item present with Cisco's
// default (taken from the catalog, so the defaults render Cisco's file). Each rule's message says what is
// wrong and how to fix it; check() turns them into Pulumi check failures.
import { z } from "zod";
import { CATALOG, type SettingsGroup } from "./catalog";
import { decodeItem } from "./item-codecs";

// Typed as never so it fits every field's .default(); the values are the catalog's decoded Cisco
// defaults, and a test renders them back into Cisco's file.
// Decoded afresh on every call (callers may change the arrays), from items looked up once: every parse of the
// settings asks for about forty of them.
function ciscoDefault(group: SettingsGroup, field: string): never {
  const item = catalogItems().get(`${group}.${field}`);
  if (!item) throw new Error(`catalog has no ${group}.${field}`);
  return decodeItem(item.codec, item.cisco) as never;
}

type CatalogItem = (typeof CATALOG)[number]["items"][number];
let itemsByField: Map<string, CatalogItem> | undefined;

function catalogItems(): Map<string, CatalogItem> {
  if (!itemsByField) {
    itemsByField = new Map();
    for (const item of CATALOG.flatMap((s) => s.items)) {
      if ("group" in item.binding && !itemsByField.has(`${item.binding.group}.${item.binding.field}`)) {
        itemsByField.set(`${item.binding.group}.${item.binding.field}`, item);
      }
    }
  }
  return itemsByField;
}

export const SUBJECT_PLACEHOLDERS = ["direction", "activityDatetime"] as const;
const DATE_TOKENS = new Set([
  "yyyy",
  "yy",
  "MMMM",
  "MMM",
  "MM",
  "M",
  "dd",
  "d",
  "HH",
  "H",
  "hh",
  "h",
  "mm",
  "m",
  "ss",
  "s",
  "a",
]);

const cadVariable = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]*$/,
    "must be a CAD variable name (letters, digits and underscores, not starting with a digit)",
  );
const salesforceName = z
  .string()
  .regex(
    /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/,
    "must be a Salesforce API name such as Phone or Language__c (letters, digits and underscores)",
  );
const prefixList = z.array(
  z
    .string()
    .regex(
      /^\+?[0-9]*$/,
      'each prefix must be digits with an optional leading "+", e.g. "+1" (no commas or spaces)',
    )
    .min(1, "an empty prefix strips nothing: remove it from the list"),
);
const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const fieldMappingSchema = z.strictObject({
  cadVariable: z
    .string()
    .min(1, "name the CAD variable (or, with defaultValueEnabled, the constant to write)")
    .describe(
      "The CAD variable (or agent field) whose value is copied; with defaultValueEnabled, the constant itself. Not empty.",
    ),
  salesforceField: salesforceName.describe(
    "The Salesforce field written: a Salesforce API name such as Phone or Language__c.",
  ),
  defaultValueEnabled: z
    .boolean()
    .default(false)
    .describe("Whether cadVariable is a constant to write rather than a variable to copy."),
  conditionalEnabled: z
    .boolean()
    .default(false)
    .describe("Whether values are translated through the section's conditional mappings."),
  additionalProperties: z
    .record(z.string(), scalar)
    .optional()
    .describe("Properties Cisco may add to an element, kept as they are."),
});

export const activityFieldMappingSchema = z
  .strictObject({
    cadVariable: z
      .string()
      .default("")
      .describe("The CAD variable to copy; may be empty only with defaultValueEnabled."),
    salesforceField: salesforceName.describe("The activity's custom field written: a Salesforce API name."),
    defaultValueEnabled: z
      .boolean()
      .default(false)
      .describe("Whether defaultValue is written instead of a CAD variable's value."),
    defaultValue: z.string().default("").describe("The constant written when defaultValueEnabled is true."),
    additionalProperties: z
      .record(z.string(), scalar)
      .optional()
      .describe("Properties Cisco may add to an element, kept as they are."),
  })
  .superRefine((m, ctx) => {
    if (!m.defaultValueEnabled && m.cadVariable === "") {
      ctx.addIssue({
        code: "custom",
        path: ["cadVariable"],
        message:
          "name the CAD variable to copy, or set defaultValueEnabled: true and a defaultValue to write a constant",
      });
    }
  });

export const conditionalMappingSchema = z.strictObject({
  cadVariable: cadVariable.describe(
    "The CAD variable whose value is translated: letters, digits and underscores, not starting with a digit.",
  ),
  cadValue: z.string().describe("The CAD variable's value to match."),
  salesforceValue: z.string().describe("The Salesforce value written for it."),
  additionalProperties: z
    .record(z.string(), scalar)
    .optional()
    .describe("Properties Cisco may add to an element, kept as they are."),
});

function checkConditionalTargets(
  conditional: { cadVariable: string }[],
  mappings: { cadVariable: string; conditionalEnabled: boolean }[],
  mappingFields: string,
  ctx: z.RefinementCtx,
): void {
  conditional.forEach((c, index) => {
    if (!mappings.some((m) => m.cadVariable === c.cadVariable && m.conditionalEnabled)) {
      ctx.addIssue({
        code: "custom",
        path: ["conditionalMappings", index, "cadVariable"],
        message: `no field mapping for CAD variable ${c.cadVariable} has conditionalEnabled: true; add one to ${mappingFields} (it names the Salesforce field the conditional values go to)`,
      });
    }
  });
}

export function subjectTemplateProblem(template: string): string | undefined {
  const stray = template.replace(/\{[^{}]*\}/g, "");
  if (/[{}]/.test(stray))
    return "has an unbalanced { or }; write placeholders as {direction} or {activityDatetime}";
  for (const m of template.matchAll(/\{([^{}]*)\}/g)) {
    if (!(SUBJECT_PLACEHOLDERS as readonly string[]).includes(m[1])) {
      return `uses the unknown placeholder {${m[1]}}; the subject template understands ${SUBJECT_PLACEHOLDERS.map((p) => `{${p}}`).join(" and ")} (placeholder names are case-sensitive); everything else is literal text`;
    }
  }
  return undefined;
}

export function dateFormatProblem(format: string): string | undefined {
  if (format.trim() === "") return 'must not be empty; Cisco\'s default is "MM-dd-yyyy hh:mm a"';
  for (const m of format.matchAll(/[A-Za-z]+/g)) {
    if (!DATE_TOKENS.has(m[0])) {
      return `has the unknown token "${m[0]}"; use yyyy, MM, dd, HH or hh, mm, ss and a (e.g. "MM-dd-yyyy hh:mm a" or "dd.MM.yyyy HH:mm")`;
    }
  }
  return undefined;
}

const general = z.strictObject({
  useCtiApi: z
    .boolean()
    .default(() => ciscoDefault("general", "useCtiApi"))
    .describe("Whether the adapter uses Salesforce's CTI API (Cisco's \"Use CTI API\")."),
  softphoneHeight: z
    .int()
    .min(240, "Salesforce Lightning accepts softphone heights from 240 to 2560 pixels")
    .max(2560, "Salesforce Lightning accepts softphone heights from 240 to 2560 pixels")
    .default(() => ciscoDefault("general", "softphoneHeight"))
    .describe("The softphone's height in pixels: an integer from 240 to 2560."),
  softphoneWidth: z
    .int()
    .min(200, "Salesforce Lightning accepts softphone widths from 200 to 1920 pixels")
    .max(1920, "Salesforce Lightning accepts softphone widths from 200 to 1920 pixels")
    .default(() => ciscoDefault("general", "softphoneWidth"))
    .describe("The softphone's width in pixels: an integer from 200 to 1920."),
  compatibilityMode: z
    .enum(
      ["Classic", "Lightning", "Classic_and_Lightning"],
      'must be "Classic", "Lightning" or "Classic_and_Lightning"',
    )
    .default(() => ciscoDefault("general", "compatibilityMode"))
    .describe('Where the softphone runs: "Classic", "Lightning" or "Classic_and_Lightning".'),
});

const advancedScreenPop = z.strictObject({
  enabled: z
    .boolean()
    .default(() => ciscoDefault("advancedScreenPop", "enabled"))
    .describe("Whether the screen pop searches Salesforce for a CAD variable's value."),
  searchCadVariable: cadVariable
    .default(() => ciscoDefault("advancedScreenPop", "searchCadVariable"))
    .describe(
      "The CAD variable whose value the screen pop searches for: letters, digits and underscores, not starting with a digit.",
    ),
  aniPrefixesToRemove: prefixList
    .default(() => ciscoDefault("advancedScreenPop", "aniPrefixesToRemove"))
    .describe(
      'Prefixes stripped from the caller\'s number before the search: each digits with an optional leading "+", e.g. "+1".',
    ),
});

const noMatchScreenPop = z
  .strictObject({
    enabled: z
      .boolean()
      .default(() => ciscoDefault("noMatchScreenPop", "enabled"))
      .describe("Whether a new record pops when the search finds nothing."),
    objectName: salesforceName
      .default(() => ciscoDefault("noMatchScreenPop", "objectName"))
      .describe("The Salesforce object created when nothing matches, e.g. Contact: a Salesforce API name."),
    fieldMappings: z
      .array(fieldMappingSchema)
      .default(() => ciscoDefault("noMatchScreenPop", "fieldMappings"))
      .describe("CAD variables copied into fields of the new record."),
    conditionalMappings: z
      .array(conditionalMappingSchema)
      .default(() => ciscoDefault("noMatchScreenPop", "conditionalMappings"))
      .describe(
        "CAD variable values translated into Salesforce values; each needs a field mapping of its CAD variable with conditionalEnabled: true.",
      ),
  })
  .superRefine((g, ctx) =>
    checkConditionalTargets(g.conditionalMappings, g.fieldMappings, "fieldMappings", ctx),
  );

const activityRecord = z
  .strictObject({
    packageNamespace: z
      .string()
      .regex(
        /^[A-Za-z][A-Za-z0-9_]*$/,
        'must be the managed package namespace; Cisco says to keep "ciscocjs"',
      )
      .default(() => ciscoDefault("activityRecord", "packageNamespace"))
      .describe('The managed package\'s namespace; Cisco says to keep "ciscocjs".'),
    autoRefresh: z
      .boolean()
      .default(() => ciscoDefault("activityRecord", "autoRefresh"))
      .describe("Whether the activity record refreshes by itself."),
    createAtConnected: z
      .boolean()
      .default(() => ciscoDefault("activityRecord", "createAtConnected"))
      .describe(
        "Whether the call activity record is created when the call connects (rather than at wrap-up).",
      ),
    openInEditModeOnConnected: z
      .boolean()
      .default(() => ciscoDefault("activityRecord", "openInEditModeOnConnected"))
      .describe(
        "Whether the activity opens in edit mode when the call connects; needs createAtConnected: true.",
      ),
    openInEditModeOnWrapUp: z
      .boolean()
      .default(() => ciscoDefault("activityRecord", "openInEditModeOnWrapUp"))
      .describe("Whether the activity opens in edit mode at wrap-up."),
    changeOwnerOnTransfer: z
      .boolean()
      .default(() => ciscoDefault("activityRecord", "changeOwnerOnTransfer"))
      .describe(
        "Whether a transfer makes the receiving agent the activity's owner; needs createAtConnected: true.",
      ),
    activityIdCadVariable: cadVariable
      .default(() => ciscoDefault("activityRecord", "activityIdCadVariable"))
      .describe(
        "The CAD variable that carries the activity's id across transfers: letters, digits and underscores.",
      ),
    callNotesEnabled: z
      .boolean()
      .default(() => ciscoDefault("activityRecord", "callNotesEnabled"))
      .describe("Whether the agent's call notes are written to the activity."),
    callNotesField: salesforceName
      .default(() => ciscoDefault("activityRecord", "callNotesField"))
      .describe("The activity field the call notes go to: a Salesforce API name."),
    subjectDateFormat: z
      .string()
      .superRefine((v, ctx) => {
        const problem = dateFormatProblem(v);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      })
      .default(() => ciscoDefault("activityRecord", "subjectDateFormat"))
      .describe(
        'The date format in the activity\'s subject, from the tokens yyyy, yy, MMMM, MMM, MM, M, dd, d, HH, H, hh, h, mm, m, ss, s and a, e.g. "MM-dd-yyyy hh:mm a".',
      ),
    subjectTemplate: z
      .string()
      .min(1, 'must not be empty; Cisco\'s default is "{direction} Call {activityDatetime}"')
      .superRefine((v, ctx) => {
        const problem = subjectTemplateProblem(v);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      })
      .default(() => ciscoDefault("activityRecord", "subjectTemplate"))
      .describe(
        "The activity's subject: {direction} and {activityDatetime} are replaced, everything else is literal. Not empty.",
      ),
    customFieldUpdateEnabled: z
      .boolean()
      .default(() => ciscoDefault("activityRecord", "customFieldUpdateEnabled"))
      .describe("Whether customFieldMappings are written to the activity."),
    customFieldMappings: z
      .array(activityFieldMappingSchema)
      .default(() => ciscoDefault("activityRecord", "customFieldMappings"))
      .describe("CAD variables (or constants) copied into custom fields of the activity."),
  })
  .superRefine((g, ctx) => {
    for (const field of ["openInEditModeOnConnected", "changeOwnerOnTransfer"] as const) {
      if (g[field] && !g.createAtConnected) {
        ctx.addIssue({
          code: "custom",
          path: [field],
          message: `needs the activity record to exist at the connected state: also set settings.activityRecord.createAtConnected to true`,
        });
      }
    }
  });

const caseManagement = z
  .strictObject({
    autoCreateForInbound: z
      .boolean()
      .default(() => ciscoDefault("caseManagement", "autoCreateForInbound"))
      .describe("Whether a case is created for every inbound call."),
    autoCreateForOutbound: z
      .boolean()
      .default(() => ciscoDefault("caseManagement", "autoCreateForOutbound"))
      .describe("Whether a case is created for every outbound call."),
    openInEditMode: z
      .boolean()
      .default(() => ciscoDefault("caseManagement", "openInEditMode"))
      .describe("Whether a created case opens in edit mode."),
    alwaysOpenInViewMode: z
      .boolean()
      .default(() => ciscoDefault("caseManagement", "alwaysOpenInViewMode"))
      .describe("Whether cases always open in view mode."),
    fieldMappings: z
      .array(fieldMappingSchema)
      .default(() => ciscoDefault("caseManagement", "fieldMappings"))
      .describe("CAD variables copied into fields of the created case."),
    objectFieldMappings: z
      .array(fieldMappingSchema)
      .default(() => ciscoDefault("caseManagement", "objectFieldMappings"))
      .describe("CAD variables copied into fields of the case's object (Cisco's \"Object Field Mappings\")."),
    conditionalMappings: z
      .array(conditionalMappingSchema)
      .default(() => ciscoDefault("caseManagement", "conditionalMappings"))
      .describe(
        "CAD variable values translated into Salesforce values; each needs a mapping of its CAD variable with conditionalEnabled: true in fieldMappings or objectFieldMappings.",
      ),
  })
  .superRefine((g, ctx) =>
    checkConditionalTargets(
      g.conditionalMappings,
      [...g.fieldMappings, ...g.objectFieldMappings],
      "fieldMappings or objectFieldMappings",
      ctx,
    ),
  );

const outdial = z.strictObject({
  prefixesToRemove: prefixList
    .default(() => ciscoDefault("outdial", "prefixesToRemove"))
    .describe(
      'Prefixes stripped from a number before it is dialled: each digits with an optional leading "+".',
    ),
  setOutdialAni: z
    .boolean()
    .default(() => ciscoDefault("outdial", "setOutdialAni"))
    .describe("Whether the outdial ANI is set on outbound calls."),
});

const omniChannelStateSync = z.strictObject({
  enabled: z
    .boolean()
    .default(() => ciscoDefault("omniChannelStateSync", "enabled"))
    .describe(
      "Whether agent states are kept in step between Webex Contact Center and Salesforce Omni-Channel.",
    ),
  salesforceStateOnVoiceCall: z
    .string()
    .min(1, "name the Omni-Channel not-ready status used while the agent is on a voice call")
    .default(() => ciscoDefault("omniChannelStateSync", "salesforceStateOnVoiceCall"))
    .describe("The Omni-Channel not-ready status set while the agent is on a voice call. Not empty."),
  webexIdleCodeOnOmniChannelWork: z
    .string()
    .min(1, "name the Webex Contact Center idle code used while the agent works an Omni-Channel item")
    .default(() => ciscoDefault("omniChannelStateSync", "webexIdleCodeOnOmniChannelWork"))
    .describe(
      "The Webex Contact Center idle code set while the agent works an Omni-Channel item. Not empty.",
    ),
});

export const settingsSchema = z.strictObject({
  general: general.prefault({}).describe("The softphone's general settings."),
  advancedScreenPop: advancedScreenPop
    .prefault({})
    .describe("The screen pop that searches Salesforce when a call arrives."),
  noMatchScreenPop: noMatchScreenPop.prefault({}).describe("What pops when the search finds nothing."),
  activityRecord: activityRecord.prefault({}).describe("The call activity record."),
  caseManagement: caseManagement.prefault({}).describe("Cases created for calls."),
  outdial: outdial.prefault({}).describe("Outbound dialling."),
  omniChannelStateSync: omniChannelStateSync
    .prefault({})
    .describe("Agent state synchronization with Salesforce Omni-Channel."),
});

export type CallCenterSettings = z.output<typeof settingsSchema>;
/** What a program writes: every group and field optional, Cisco's default where omitted. */
export type CallCenterSettingsInput = z.input<typeof settingsSchema>;

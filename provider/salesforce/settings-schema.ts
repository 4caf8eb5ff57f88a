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
    .min(1, "name the CAD variable (or, with defaultValueEnabled, the constant to write)"),
  salesforceField: salesforceName,
  defaultValueEnabled: z.boolean().default(false),
  conditionalEnabled: z.boolean().default(false),
  additionalProperties: z.record(z.string(), scalar).optional(),
});

export const activityFieldMappingSchema = z
  .strictObject({
    cadVariable: z.string().default(""),
    salesforceField: salesforceName,
    defaultValueEnabled: z.boolean().default(false),
    defaultValue: z.string().default(""),
    additionalProperties: z.record(z.string(), scalar).optional(),
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
  cadVariable: cadVariable,
  cadValue: z.string(),
  salesforceValue: z.string(),
  additionalProperties: z.record(z.string(), scalar).optional(),
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
  useCtiApi: z.boolean().default(() => ciscoDefault("general", "useCtiApi")),
  softphoneHeight: z
    .int()
    .min(240, "Salesforce Lightning accepts softphone heights from 240 to 2560 pixels")
    .max(2560, "Salesforce Lightning accepts softphone heights from 240 to 2560 pixels")
    .default(() => ciscoDefault("general", "softphoneHeight")),
  softphoneWidth: z
    .int()
    .min(200, "Salesforce Lightning accepts softphone widths from 200 to 1920 pixels")
    .max(1920, "Salesforce Lightning accepts softphone widths from 200 to 1920 pixels")
    .default(() => ciscoDefault("general", "softphoneWidth")),
  compatibilityMode: z
    .enum(
      ["Classic", "Lightning", "Classic_and_Lightning"],
      'must be "Classic", "Lightning" or "Classic_and_Lightning"',
    )
    .default(() => ciscoDefault("general", "compatibilityMode")),
});

const advancedScreenPop = z.strictObject({
  enabled: z.boolean().default(() => ciscoDefault("advancedScreenPop", "enabled")),
  searchCadVariable: cadVariable.default(() => ciscoDefault("advancedScreenPop", "searchCadVariable")),
  aniPrefixesToRemove: prefixList.default(() => ciscoDefault("advancedScreenPop", "aniPrefixesToRemove")),
});

const noMatchScreenPop = z
  .strictObject({
    enabled: z.boolean().default(() => ciscoDefault("noMatchScreenPop", "enabled")),
    objectName: salesforceName.default(() => ciscoDefault("noMatchScreenPop", "objectName")),
    fieldMappings: z
      .array(fieldMappingSchema)
      .default(() => ciscoDefault("noMatchScreenPop", "fieldMappings")),
    conditionalMappings: z
      .array(conditionalMappingSchema)
      .default(() => ciscoDefault("noMatchScreenPop", "conditionalMappings")),
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
      .default(() => ciscoDefault("activityRecord", "packageNamespace")),
    autoRefresh: z.boolean().default(() => ciscoDefault("activityRecord", "autoRefresh")),
    createAtConnected: z.boolean().default(() => ciscoDefault("activityRecord", "createAtConnected")),
    openInEditModeOnConnected: z
      .boolean()
      .default(() => ciscoDefault("activityRecord", "openInEditModeOnConnected")),
    openInEditModeOnWrapUp: z
      .boolean()
      .default(() => ciscoDefault("activityRecord", "openInEditModeOnWrapUp")),
    changeOwnerOnTransfer: z.boolean().default(() => ciscoDefault("activityRecord", "changeOwnerOnTransfer")),
    activityIdCadVariable: cadVariable.default(() => ciscoDefault("activityRecord", "activityIdCadVariable")),
    callNotesEnabled: z.boolean().default(() => ciscoDefault("activityRecord", "callNotesEnabled")),
    callNotesField: salesforceName.default(() => ciscoDefault("activityRecord", "callNotesField")),
    subjectDateFormat: z
      .string()
      .superRefine((v, ctx) => {
        const problem = dateFormatProblem(v);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      })
      .default(() => ciscoDefault("activityRecord", "subjectDateFormat")),
    subjectTemplate: z
      .string()
      .min(1, 'must not be empty; Cisco\'s default is "{direction} Call {activityDatetime}"')
      .superRefine((v, ctx) => {
        const problem = subjectTemplateProblem(v);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      })
      .default(() => ciscoDefault("activityRecord", "subjectTemplate")),
    customFieldUpdateEnabled: z
      .boolean()
      .default(() => ciscoDefault("activityRecord", "customFieldUpdateEnabled")),
    customFieldMappings: z
      .array(activityFieldMappingSchema)
      .default(() => ciscoDefault("activityRecord", "customFieldMappings")),
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
    autoCreateForInbound: z.boolean().default(() => ciscoDefault("caseManagement", "autoCreateForInbound")),
    autoCreateForOutbound: z.boolean().default(() => ciscoDefault("caseManagement", "autoCreateForOutbound")),
    openInEditMode: z.boolean().default(() => ciscoDefault("caseManagement", "openInEditMode")),
    alwaysOpenInViewMode: z.boolean().default(() => ciscoDefault("caseManagement", "alwaysOpenInViewMode")),
    fieldMappings: z.array(fieldMappingSchema).default(() => ciscoDefault("caseManagement", "fieldMappings")),
    objectFieldMappings: z
      .array(fieldMappingSchema)
      .default(() => ciscoDefault("caseManagement", "objectFieldMappings")),
    conditionalMappings: z
      .array(conditionalMappingSchema)
      .default(() => ciscoDefault("caseManagement", "conditionalMappings")),
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
  prefixesToRemove: prefixList.default(() => ciscoDefault("outdial", "prefixesToRemove")),
  setOutdialAni: z.boolean().default(() => ciscoDefault("outdial", "setOutdialAni")),
});

const omniChannelStateSync = z.strictObject({
  enabled: z.boolean().default(() => ciscoDefault("omniChannelStateSync", "enabled")),
  salesforceStateOnVoiceCall: z
    .string()
    .min(1, "name the Omni-Channel not-ready status used while the agent is on a voice call")
    .default(() => ciscoDefault("omniChannelStateSync", "salesforceStateOnVoiceCall")),
  webexIdleCodeOnOmniChannelWork: z
    .string()
    .min(1, "name the Webex Contact Center idle code used while the agent works an Omni-Channel item")
    .default(() => ciscoDefault("omniChannelStateSync", "webexIdleCodeOnOmniChannelWork")),
});

export const settingsSchema = z.strictObject({
  general: general.prefault({}),
  advancedScreenPop: advancedScreenPop.prefault({}),
  noMatchScreenPop: noMatchScreenPop.prefault({}),
  activityRecord: activityRecord.prefault({}),
  caseManagement: caseManagement.prefault({}),
  outdial: outdial.prefault({}),
  omniChannelStateSync: omniChannelStateSync.prefault({}),
});

export type CallCenterSettings = z.output<typeof settingsSchema>;
/** What a program writes: every group and field optional, Cisco's default where omitted. */
export type CallCenterSettingsInput = z.input<typeof settingsSchema>;

// The sections and items of Cisco's current definition file (WebexCCAgentDesktopV20241121), with the typed
// setting each item is bound to. Names, labels and defaults are Cisco's, byte for byte (including the
// typo "sfdcObjetField…" and the trailing space of "CAD Variable Name "). Items are keyed by
// (section, item), never by item name alone: Cisco reuses item names across sections.
import type { Codec } from "./item-codecs";

export const CISCO_INTERNAL_NAME = "WebexCCAgentDesktopV20241121";
export const CISCO_DISPLAY_NAME = "Webex Contact Center Agent Desktop 2.0(Nov 2024)";
export const CISCO_ADAPTER_URL = "https://desktop.wxcc-us1.cisco.com/";

/** Where a typed value lives: a top-level resource input, or settings.<group>.<field>. */
export type Binding =
  { top: "internalName" | "displayName" | "adapterUrl" } | { group: SettingsGroup; field: string };

export interface CatalogItem {
  item: string;
  label: string;
  /** Cisco's shipped value, as written in the file. */
  cisco: string;
  codec: Codec;
  binding: Binding;
}

export interface CatalogSection {
  section: string;
  label: string;
  group: SettingsGroup;
  items: CatalogItem[];
}

export const SETTINGS_GROUPS = [
  "general",
  "advancedScreenPop",
  "noMatchScreenPop",
  "activityRecord",
  "caseManagement",
  "outdial",
  "omniChannelStateSync",
] as const;
export type SettingsGroup = (typeof SETTINGS_GROUPS)[number];

function s(
  group: SettingsGroup,
  field: string,
  item: string,
  label: string,
  codec: Codec,
  cisco: string,
): CatalogItem {
  return { item, label, cisco, codec, binding: { group, field } };
}

export const CATALOG: readonly CatalogSection[] = [
  {
    section: "reqGeneralInfo",
    label: "Cisco Webex Contact Center Desktop Information",
    group: "general",
    items: [
      {
        item: "reqInternalName",
        label: "InternalName",
        cisco: CISCO_INTERNAL_NAME,
        codec: "string",
        binding: { top: "internalName" },
      },
      {
        item: "reqDisplayName",
        label: "Display Name",
        cisco: CISCO_DISPLAY_NAME,
        codec: "string",
        binding: { top: "displayName" },
      },
      {
        item: "reqAdapterUrl",
        label: "CTI Adapter URL",
        cisco: CISCO_ADAPTER_URL,
        codec: "string",
        binding: { top: "adapterUrl" },
      },
      s("general", "useCtiApi", "reqUseApi", "Use CTI API", "boolean", "true"),
      s("general", "softphoneHeight", "reqSoftphoneHeight", "Softphone Height", "integer", "550"),
      s("general", "softphoneWidth", "reqSoftphoneWidth", "Softphone Width", "integer", "500"),
      s(
        "general",
        "compatibilityMode",
        "reqSalesforceCompatibilityMode",
        "Salesforce Compatibility Mode",
        "string",
        "Lightning",
      ),
    ],
  },
  {
    section: "reqAdvanceScreenpopConfig",
    label: "Advanced Screenpop",
    group: "advancedScreenPop",
    items: [
      s(
        "advancedScreenPop",
        "enabled",
        "reqIsAdvancedScreenpopEnabled",
        "Advanced Screenpop Enabled",
        "boolean",
        "false",
      ),
      s(
        "advancedScreenPop",
        "searchCadVariable",
        "screenpopSearchParamCadName",
        "CAD Variable Name ",
        "string",
        "cad_variable",
      ),
      s(
        "advancedScreenPop",
        "aniPrefixesToRemove",
        "prefixStringTobeRemoved",
        "Remove ANI Prefix Strings",
        "list",
        "+1,+91",
      ),
    ],
  },
  {
    section: "reqNoRecordMatchConfig",
    label: "Screenpop Settings For No RecordMatch",
    group: "noMatchScreenPop",
    items: [
      s(
        "noMatchScreenPop",
        "enabled",
        "isNoRecordMatchScenarioEnabled",
        "Enable Screenpop For No Matching Records",
        "boolean",
        "false",
      ),
      s(
        "noMatchScreenPop",
        "objectName",
        "nameOfCrmRecordObject",
        "Salesforce object name",
        "string",
        "Contact",
      ),
      s(
        "noMatchScreenPop",
        "fieldMappings",
        "sfdcObjetFieldCadVariableMappings1",
        "Object Field Mappings",
        "fieldMappings",
        '[{"wxccFieldName":"phoneNumber","sfdcFieldName":"Phone","isDefaultValueEnabled":"false","isConditionalEnabled":"false"}]',
      ),
      s(
        "noMatchScreenPop",
        "conditionalMappings",
        "sfdcObjectFieldConditionalMappings1",
        "Object Conditional Mappings",
        "conditionalMappings",
        "[]",
      ),
    ],
  },
  {
    section: "reqActivityRecordConfig",
    label: "Call Activity Record Creation",
    group: "activityRecord",
    items: [
      s(
        "activityRecord",
        "packageNamespace",
        "reqSalesforceNamespace",
        "Salesforce Package Namespace",
        "string",
        "ciscocjs",
      ),
      s(
        "activityRecord",
        "autoRefresh",
        "reqIsActivityAutoRefreshEnabled",
        "Auto Refresh Enabled",
        "boolean",
        "false",
      ),
      s(
        "activityRecord",
        "createAtConnected",
        "isActivityRecordCreationAtConnected",
        "Create Activity Record at Connected State",
        "boolean",
        "false",
      ),
      s(
        "activityRecord",
        "openInEditModeOnConnected",
        "activityRecordOpenedInEditmodeConnectedState",
        "Open Activity Record On Connected State",
        "boolean",
        "false",
      ),
      s(
        "activityRecord",
        "openInEditModeOnWrapUp",
        "activityRecordOpenedInEditmodeCallDisConnectedState",
        "Open Activity Record On Wrap-Up State",
        "boolean",
        "false",
      ),
      s(
        "activityRecord",
        "changeOwnerOnTransfer",
        "isActivityRecordOwnershiptobeChangedForTransferredCalls",
        "Activity record ownership to be changed for transferred calls",
        "boolean",
        "false",
      ),
      s(
        "activityRecord",
        "activityIdCadVariable",
        "nameOfTheCadvariableHoldingActivityRecordId",
        "Name of the cad variable that holds activity id",
        "string",
        "ActivityId",
      ),
      s(
        "activityRecord",
        "callNotesEnabled",
        "isCallNotesEnabled",
        "Record Call Live Notes",
        "boolean",
        "false",
      ),
      s(
        "activityRecord",
        "callNotesField",
        "sfdcFieldForcallNotes",
        "Live Call Notes Field Mapping",
        "string",
        "Description",
      ),
      s(
        "activityRecord",
        "subjectDateFormat",
        "SubjectDateFormat",
        "Date Format In Subject",
        "string",
        "MM-dd-yyyy hh:mm a",
      ),
      s(
        "activityRecord",
        "subjectTemplate",
        "ActivitySubjectTemplate",
        "Subject Template",
        "string",
        "{direction} Call {activityDatetime}",
      ),
      s(
        "activityRecord",
        "customFieldUpdateEnabled",
        "reqIsCadVariableUpdatedToActivity",
        "Custom Field Update Enabled",
        "boolean",
        "false",
      ),
      s(
        "activityRecord",
        "customFieldMappings",
        "CadSalesforceFieldMapping1",
        "Object Field Mapping",
        "activityFieldMappings",
        "[]",
      ),
    ],
  },
  {
    section: "reqSFDCCaseConfig",
    label: "Case Management",
    group: "caseManagement",
    items: [
      s(
        "caseManagement",
        "autoCreateForInbound",
        "isCaseCreationEnabledForInboundCalls",
        "Auto Case Creation For Inbound Calls",
        "boolean",
        "false",
      ),
      s(
        "caseManagement",
        "autoCreateForOutbound",
        "isCaseCreationEnabledForOutboundCalls",
        "Auto Case Creation For Outbound calls",
        "boolean",
        "false",
      ),
      s(
        "caseManagement",
        "openInEditMode",
        "isCreatedCaseObjectToBeOpenInEditMode",
        "Open Case Object In Edit Mode",
        "boolean",
        "false",
      ),
      s(
        "caseManagement",
        "alwaysOpenInViewMode",
        "isOpenCaseObjectAlwaysInViewMode",
        "Open Case Object Always In View Mode",
        "boolean",
        "false",
      ),
      s(
        "caseManagement",
        "fieldMappings",
        "sfdcCaseFieldCadVariableMappings1",
        "Field Mappings",
        "fieldMappings",
        '[{"wxccFieldName":"AccountId","sfdcFieldName":"AccountId","isDefaultValueEnabled":"false","isConditionalEnabled":"false"},{"wxccFieldName":"ContactId","sfdcFieldName":"ContactId","isDefaultValueEnabled":"false","isConditionalEnabled":"false"}]',
      ),
      s(
        "caseManagement",
        "objectFieldMappings",
        "sfdcCaseFieldCadVariableMappings2",
        "Object Field Mappings",
        "fieldMappings",
        '[{"wxccFieldName":"phoneNumber","sfdcFieldName":"ContactPhone","isDefaultValueEnabled":"false","isConditionalEnabled":"false"}]',
      ),
      s(
        "caseManagement",
        "conditionalMappings",
        "sfdcCaseFieldConditionalMappings1",
        "Object Conditional Mappings",
        "conditionalMappings",
        "[]",
      ),
    ],
  },
  {
    section: "reqOutDialConfig",
    label: "Outdial Configuration",
    group: "outdial",
    items: [
      s(
        "outdial",
        "prefixesToRemove",
        "reqPrefixStringTobeRemoved",
        "Remove Phone Number Prefix Strings",
        "list",
        "+1",
      ),
      s("outdial", "setOutdialAni", "reqIsOutDialAniToBeSet", "Set Out Dial ANI", "boolean", "false"),
    ],
  },
  {
    section: "reqOmniStateSyncConfig",
    label: "Omnichannel State Sync Configuration",
    group: "omniChannelStateSync",
    items: [
      s(
        "omniChannelStateSync",
        "enabled",
        "isOmniStateSyncEnabled",
        "Omnichannel state sync enabled",
        "boolean",
        "false",
      ),
      s(
        "omniChannelStateSync",
        "salesforceStateOnVoiceCall",
        "defaultOmniStateForCall",
        "Default idle code when on voice call",
        "string",
        "Not Ready",
      ),
      s(
        "omniChannelStateSync",
        "webexIdleCodeOnOmniChannelWork",
        "defaultOmniStateForOmniChannel",
        "Default idle code when on CRM omni channel",
        "string",
        "Not Ready",
      ),
    ],
  },
];

export function catalogSection(name: string): CatalogSection | undefined {
  return CATALOG.find((s) => s.section === name);
}

export function catalogItem(section: string, item: string): CatalogItem | undefined {
  return catalogSection(section)?.items.find((i) => i.item === item);
}

/** The typed field names of one settings group, in Cisco's order. */
export function groupFields(group: SettingsGroup): string[] {
  return CATALOG.find((s) => s.group === group)!
    .items.filter((i) => "group" in i.binding)
    .map((i) => (i.binding as { field: string }).field);
}

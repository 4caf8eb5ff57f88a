// The Flow resource's arguments, once: the zod schema check() validates against (and whose descriptions
// document the SDK's FlowArgs), and the names the lifecycle, the SDK and the plan reporter share.
import { z } from "zod";
import { bool, region, text } from "../kinds/fields";
import { FLOW_TAGS } from "./api";

export const FLOW_TYPE_NAME = "Flow" as const;

/** The keys a Flow's inputs may hold (check refuses any other). */
export const FLOW_INPUT_KEYS = [
  "name",
  "orgId",
  "region",
  "definition",
  "connectors",
  "publish",
  "adopt",
] as const;
/** The keys only outputs hold. */
export const FLOW_OUTPUT_KEYS = ["flowId", "version", "tags", "boundActivities", "liveChanges"] as const;

export const publishSchema = z
  .strictObject({
    tags: z
      .array(z.enum(FLOW_TAGS, { error: `publish.tags items must be one of ${FLOW_TAGS.join(", ")}.` }), {
        error: `publish.tags must be a list of ${FLOW_TAGS.join(", ")}.`,
      })
      .optional()
      .describe(
        "The tags the published version gets (they move to it). Default: the tags the flow has, Live for a new flow.",
      ),
    comment: z
      .string({ error: "publish.comment must be a string: a note shown in the flow's version history." })
      .optional()
      .describe("The comment of the published version."),
  })
  .describe("How the flow is published after an import.");

export const flowSchema = z.strictObject({
  name: text(
    "name",
    "the flow's name in the org; defaults to the definition's name. Flows are matched by name, so changing it replaces the flow",
  ).describe("The flow's name in the org (defaults to the definition's); changing it replaces the flow."),
  orgId: text("orgId", "the Webex org that holds the flow; defaults to wxcc:orgId")
    .optional()
    .describe("The Webex org that holds the flow; defaults to wxcc:orgId."),
  region: region()
    .optional()
    .describe("The org's region; defaults to its wxcc:orgs entry, then wxcc:region."),
  definition: z
    .record(z.string(), z.unknown(), {
      error:
        "definition must be a flow as Flow Designer exports it (a FlowVersionRes JSON object or its text).",
    })
    .describe(
      "The flow as Flow Designer exports it (a FlowVersionRes document): an object or its JSON text.",
    ),
  connectors: z
    .record(z.string(), text("connectors.<reference>", "the id of the connector the reference is bound to"), {
      error: "connectors must map each connector reference of the definition to a connector id.",
    })
    .optional()
    .describe(
      "Which connector each reference in the definition is bound to: reference name → connector id. A reference " +
        "is the connector name the export carries (connectorId:name / connectorId_name) or the connector id in the file.",
    ),
  publish: publishSchema.optional(),
  adopt: bool("adopt", "true manages a flow of the same name that already exists in the org")
    .optional()
    .describe(
      "Manage a flow of the same name that already exists instead of failing (its content is replaced).",
    ),
});

export type FlowInputs = z.output<typeof flowSchema>;

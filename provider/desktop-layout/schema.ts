// The DesktopLayout's arguments: one zod schema, the source of the check messages and (via .describe())
// of the SDK's documentation. The layout document itself is checked by document.ts.
import { z } from "zod";
import { REGIONS } from "../webex/types";

const MAX_TEXT = 255;

export const desktopLayoutSchema = z
  .object({
    orgId: z.string().min(1).optional().describe("The Contact Center org; defaults to wxcc:orgId."),
    region: z
      .enum(REGIONS)
      .optional()
      .describe("The org's region; defaults to wxcc:region or the org's wxcc:orgs entry."),
    name: z
      .string()
      .min(1, "name must not be empty: the layout's name in the Contact Center portal.")
      .max(MAX_TEXT, `name is longer than ${MAX_TEXT} characters, the API's limit.`)
      .describe("The layout's name in the Contact Center portal (unique in the org, ignoring case)."),
    description: z
      .string()
      .max(MAX_TEXT, `description is longer than ${MAX_TEXT} characters, the API's limit.`)
      .optional()
      .describe("A short description."),
    layout: z
      .union([z.string(), z.record(z.string(), z.unknown())])
      .describe(
        "The layout document: an object, or JSON text (e.g. a file exported from the portal). Compared by meaning: key order and whitespace are no change.",
      ),
    jsonFileName: z
      .string()
      .min(1)
      .max(MAX_TEXT, `jsonFileName is longer than ${MAX_TEXT} characters, the API's limit.`)
      .optional()
      .describe('The file name the portal shows for the layout; defaults to "<name>.json".'),
    teamIds: z
      .array(z.string().min(1, "teamIds must hold team ids, not empty strings."))
      .refine((ids) => new Set(ids).size === ids.length, "teamIds lists a team twice: list each team once.")
      .optional()
      .describe(
        "The teams whose agents get this layout. The resource owns the assignment: a team pointed elsewhere shows as drift and the next up points it back.",
      ),
    active: z.boolean().optional().describe("Whether the layout is active (the API's status); default true."),
    adopt: z
      .boolean()
      .optional()
      .describe(
        "Take over a layout of the same name the org already holds instead of creating one (never the global layout).",
      ),
  })
  .strict();

export type DesktopLayoutInputs = z.input<typeof desktopLayoutSchema>;

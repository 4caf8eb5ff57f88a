// What a desktop layout taken over (adopt: true) records, free of zod and Pulumi types so the SDK's
// published declarations can name it. The logic is in adopt.ts.

/** What check records in the inputs (and state keeps) about a layout taken over. */
export interface LayoutAdoption {
  /** The existing layout's id, kept: teams go on referring to it. */
  layoutId: string;
  /** The fields (and layout document paths) the first up changes on it. */
  changes: string[];
}

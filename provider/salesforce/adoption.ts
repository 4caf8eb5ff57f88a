// What a call center taken over (adopt: true) records, free of zod and Pulumi types so the SDK's published
// declarations can name it. The logic is in adopt.ts.

/** What check records in the inputs (and state keeps) about a call center taken over. */
export interface CallCenterAdoption {
  /** The existing CallCenter record's id, kept: users assigned to it stay assigned. */
  callCenterId: string;
  /** The fields (settings as `settings.<group>.<field>`) the first up changes on it. */
  changes: string[];
}

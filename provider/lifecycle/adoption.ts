// What a connector taken over (adopt: true) records, free of zod and Pulumi types so the SDK's published
// declarations can name it. The logic is in adopt.ts.

export const CREDENTIALS_TAKEN_AS_DECLARED = "taken as declared, not verified";
export const CREDENTIALS_PUSHED = "pushed: the connector is deactivated while they are written";

/** What check records in the inputs (and state keeps) about a connector taken over. */
export interface Adoption {
  /** The existing connector's id, kept: flows go on referring to it. */
  connectorId: string;
  /** The fields the first up changes on it ("active" when only its activation differs). */
  changes: string[];
  /** Whether the declared credentials were verified or written: CREDENTIALS_TAKEN_AS_DECLARED or _PUSHED. */
  credentials: string;
}

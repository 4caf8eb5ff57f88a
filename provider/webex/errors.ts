import type { Reference } from "./types";

/** A refusal or failure reported by the Webex API, with everything an operator needs to act on it. */
export class WebexApiError extends Error {
  override readonly name = "WebexApiError";
  constructor(
    message: string,
    readonly details: {
      status: number;
      orgId: string;
      connector?: string;
      reason?: string;
      trackingId?: string;
      field?: string;
      references?: Reference[];
      /** For 403: the role the operation needs. */
      roleNeeded?: string;
    },
  ) {
    super(message);
  }
  get status(): number {
    return this.details.status;
  }
  get reason(): string | undefined {
    return this.details.reason;
  }
}

/** A write whose outcome is unknown (the connection dropped after sending) and could not be settled. */
export class AmbiguousWriteError extends Error {
  override readonly name = "AmbiguousWriteError";
  constructor(
    message: string,
    readonly details: { orgId: string; connector: string; method: string },
  ) {
    super(message);
  }
}

/** Missing or invalid configuration, named by its config key and environment variable. */
export class ConfigurationError extends Error {
  override readonly name = "ConfigurationError";
}

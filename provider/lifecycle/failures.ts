// Errors the lifecycle raises. A failure after the connector exists carries its id and the outputs that
// describe it now: the plugin turns that into ErrorResourceInitFailed, so Pulumi records the real state.
import { SETTINGS, settingName } from "../config";
import { describeNow, isWithin, type MaintenanceWindow } from "../maintenance-window";
import { WebexApiError } from "../webex/errors";
import type { Values } from "./values";

export class ConnectorStateError extends Error {
  override readonly name = "ConnectorStateError";
  constructor(
    message: string,
    readonly id: string,
    readonly properties: Values,
    readonly reasons: string[] = [],
  ) {
    super(message);
  }
}

/**
 * The plugin attaches a failure's properties to ErrorResourceInitFailed as they are, and the engine stores
 * them as the resource's outputs; the plugin's Read and Delete load the provider from `__provider` in those
 * outputs. Without it, refresh and destroy of the recorded partial state fail inside the plugin.
 */
export function loadableByPlugin(error: ConnectorStateError, request: Values | undefined): void {
  const provider = request?.__provider;
  if (provider !== undefined && error.properties.__provider === undefined)
    error.properties.__provider = provider;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function isApiError(error: unknown, status?: number, reason?: string): error is WebexApiError {
  return (
    error instanceof WebexApiError &&
    (status === undefined || error.status === status) &&
    (reason === undefined || error.reason === reason)
  );
}

/** Adds what Pulumi users can do about the refusals the API cannot explain in their terms. */
export function withHint(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  // A taken name (409 DUPLICATE_NAME) is explained by explainNameTaken (adopt.ts), which names the holder.
  if (isApiError(error, 409, "LIMIT_EXCEEDED")) {
    error.message += ` Delete a connector of this kind the org no longer needs, or manage the existing one instead.`;
  }
  return error;
}

/**
 * Why a change that deactivates a connector may not run now, or undefined when it may: `action` is what the
 * operator should do inside the window ("Apply this change", "Delete it").
 */
export function outsideWindow(
  window: MaintenanceWindow | undefined,
  now: Date,
  action: string,
): string | undefined {
  if (!window || isWithin(window, now)) return undefined;
  return (
    `${settingName("maintenanceWindow")} allows that only within "${window.text}"; it is now ` +
    `${describeNow(window, now)}. ${action} inside the window, or for an emergency run with ` +
    `${SETTINGS.maintenanceWindow.env}="00:00-24:00".`
  );
}

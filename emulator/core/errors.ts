import { randomUUID } from "node:crypto";
import type { EmulatorResponse } from "../types";

/** One item of an error body's `message` list. Extra keys (references, roleNeeded) ride along. */
export interface ErrorItem {
  description: string;
  field?: string;
  [extra: string]: unknown;
}

/** Thrown by any part of the emulator to answer with the product's error shape. */
export class EmulatorHttpError extends Error {
  override readonly name = "EmulatorHttpError";
  readonly items: ErrorItem[];
  constructor(
    readonly status: number,
    readonly reason: string,
    description: string,
    field?: string,
    extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(description);
    this.items = [{ description, ...(field === undefined ? {} : { field }), ...extra }];
  }
}

export function newTrackingId(): string {
  return `emulator_${randomUUID()}`;
}

/** The Webex `ApiErrorResponse` body. */
export function errorBody(trackingId: string, status: number, reason: string, items: ErrorItem[]) {
  return { trackingId, error: { key: String(status), reason, message: items } };
}

export function errorResponse(error: EmulatorHttpError, trackingId: string): EmulatorResponse {
  return {
    status: error.status,
    headers: { ...error.headers },
    body: errorBody(trackingId, error.status, error.reason, error.items),
  };
}

export function badRequest(field: string, description: string): EmulatorHttpError {
  return new EmulatorHttpError(400, "VALIDATION_FAILED", description, field);
}

export function notFound(description: string): EmulatorHttpError {
  return new EmulatorHttpError(404, "NOT_FOUND", description);
}

export function methodNotAllowed(req: { method: string; path: string }): EmulatorHttpError {
  return new EmulatorHttpError(405, "METHOD_NOT_ALLOWED", `${req.method} is not supported on ${req.path}.`);
}

// Reading a DesktopLayoutDTO or TeamDTO request body the way the server does: the document's types,
// lengths and required fields, and nothing it does not declare.
import { isPlainObject } from "../connectors/fields";
import { badRequest } from "../core/errors";
import type { EmulatorRequest } from "../types";

export type Body = Record<string, unknown>;

const MAX_TEXT = 255;

export function jsonBody(req: EmulatorRequest): Body {
  const parsed = req.json();
  if (!isPlainObject(parsed)) throw badRequest("body", "The request body must be a JSON object.");
  return parsed;
}

export function onlyDeclared(body: Body, declared: readonly string[], dto: string): void {
  for (const key of Object.keys(body)) {
    if (!declared.includes(key)) throw badRequest(key, `${key} is not a field of ${dto}.`);
  }
}

export function text(body: Body, key: string, required: boolean, max = MAX_TEXT): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) {
    if (required) throw badRequest(key, `${key} is required.`);
    return undefined;
  }
  if (typeof value !== "string") throw badRequest(key, `${key} must be a string.`);
  if (value.length > max)
    throw badRequest(key, `${key} is ${value.length} characters long; the limit is ${max}.`);
  return value;
}

export function flag(body: Body, key: string, required: boolean): boolean | undefined {
  const value = body[key];
  if (value === undefined || value === null) {
    if (required) throw badRequest(key, `${key} is required: true or false.`);
    return undefined;
  }
  if (typeof value !== "boolean") throw badRequest(key, `${key} must be true or false.`);
  return value;
}

export function idList(body: Body, key: string): string[] | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) {
    throw badRequest(key, `${key} must be an array of ids.`);
  }
  if (new Set(value).size !== value.length) throw badRequest(key, `${key} must not list an id twice.`);
  return value as string[];
}

/** Update bodies carry the id of the path (mandatory) and, when given, the version last read. */
export function checkIdentity(body: Body, id: string, current: { version: number; name: string }): void {
  if (body.id !== id)
    throw badRequest("id", `id is mandatory when updating and must be the id in the path (${id}).`);
  if (body.version !== undefined && body.version !== current.version) {
    throw badRequest(
      "version",
      `"${current.name}" is at version ${current.version}, not ${String(body.version)}: it changed since it was read. Read it again and retry.`,
    );
  }
}

// The connectors API (docs/connectors-api.md § Endpoints): every rule the product enforces in Control Hub.
import { badRequest, EmulatorHttpError, methodNotAllowed, notFound } from "../core/errors";
import type { EmulatorRuntime } from "../core/runtime";
import { hashSecret } from "../core/secrets";
import type { ConnectorRecord, ConnectorType, OrgRecord } from "../core/state";
import type { EmulatorRequest, EmulatorResponse, Route } from "../types";
import { accessOf, authorize, identify } from "./access";
import { ROLE_LABELS } from "../core/roles";
import { type Fields, isPlainObject, objectField, requiredString } from "./fields";
import {
  isConnectorType,
  type KindFields,
  LICENSE_REQUIRED,
  PER_ORG_LIMITS,
  PLATFORM_TYPES,
  validateKind,
} from "./kinds";
import { listConnectors } from "./list";
import { validateOnSave } from "./validate-on-save";
import { toWire } from "./view";

const MAX_TEXT = 255;
const CREATE_FIELDS = ["name", "type", "description", "settings", "credentials"];
const UPDATE_FIELDS = ["id", "name", "type", "version", "description", "settings", "credentials"];
/** Response-only fields a client may echo back in a full-object PUT; they are ignored (activation has its
 * own operations). */
const ECHOED_FIELDS = [
  "organizationId",
  "secretFields",
  "authorizationRequired",
  "createdTime",
  "lastUpdatedTime",
  "active",
];

export function connectorsOf(rt: EmulatorRuntime, orgId: string): ConnectorRecord[] {
  return rt.state.connectors.filter((c) => c.organizationId === orgId);
}

export function findConnector(rt: EmulatorRuntime, orgId: string, id: string): ConnectorRecord {
  const found = rt.state.connectors.find((c) => c.organizationId === orgId && c.id === id);
  if (!found) throw notFound(`No connector with the id ${id} in org ${orgId}.`);
  return found;
}

function body(req: EmulatorRequest): Fields {
  const parsed = req.json();
  if (!isPlainObject(parsed)) throw badRequest("body", "The request body must be a JSON object.");
  return parsed;
}

function checkTopLevel(input: Fields, allowed: string[]): void {
  for (const key of Object.keys(input)) {
    if (!allowed.includes(key)) {
      throw badRequest(
        key,
        `${key} is not a field of a connector request; the fields are ${allowed.join(", ")}.`,
      );
    }
  }
}

function description(input: Fields): string | undefined {
  const value = input.description;
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw badRequest("description", "description must be a string.");
  if (value.length > MAX_TEXT) {
    throw badRequest(
      "description",
      `description is ${value.length} characters long; the limit is ${MAX_TEXT}.`,
    );
  }
  return value;
}

function connectorName(input: Fields): string {
  const name = requiredString(input, "name", "", "the connector's unique name (its ID in flows)");
  if (name.length > MAX_TEXT)
    throw badRequest("name", `name is ${name.length} characters long; the limit is ${MAX_TEXT}.`);
  return name;
}

function checkTypeAllowed(org: OrgRecord, type: ConnectorType): void {
  if (!PLATFORM_TYPES[org.platform].includes(type)) {
    throw new EmulatorHttpError(
      400,
      "UNSUPPORTED_ON_PLATFORM",
      `Org ${org.orgId} is on the Webex Contact Center ${org.platform} platform, which supports only ${PLATFORM_TYPES[org.platform].join(" and ")} connectors; ${type} needs the current platform.`,
      "type",
    );
  }
  const license = LICENSE_REQUIRED[type];
  if (license && !org.licenses.includes(license)) {
    throw new EmulatorHttpError(
      403,
      "LICENSE_REQUIRED",
      `A ${type} connector needs the ${license} licence, which org ${org.orgId} does not have.`,
      "type",
    );
  }
}

function checkNameAndLimit(rt: EmulatorRuntime, orgId: string, name: string, type: ConnectorType): void {
  const existing = connectorsOf(rt, orgId);
  const clash = existing.find((c) => c.name.toLowerCase() === name.toLowerCase());
  if (clash) {
    throw new EmulatorHttpError(
      409,
      "DUPLICATE_NAME",
      `A connector named "${clash.name}" already exists in org ${orgId}. Names are unique per org (ignoring case); choose another name.`,
      "name",
    );
  }
  const limit = PER_ORG_LIMITS[type];
  if (limit !== undefined && existing.filter((c) => c.type === type).length >= limit) {
    throw new EmulatorHttpError(
      409,
      "LIMIT_EXCEEDED",
      `Org ${orgId} already has ${limit} ${type} connector${limit === 1 ? "" : "s"}, the most allowed; delete one first.`,
      "type",
    );
  }
}

function hashes(secrets: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(secrets).map(([key, value]) => [key, hashSecret(value)]));
}

/** Credentials change only while the connector is inactive. */
function checkCredentialsEditable(record: ConnectorRecord, credentials: Fields | undefined): void {
  if (credentials !== undefined && record.active) {
    throw new EmulatorHttpError(
      409,
      "CONNECTOR_ACTIVE",
      `Connector "${record.name}" is active. Deactivate the connector before editing its credentials.`,
      "credentials",
    );
  }
}

/** A change to the connector: a new version, stamped now, and the state saved. */
export function touch(rt: EmulatorRuntime, record: ConnectorRecord): void {
  record.version += 1;
  record.lastUpdatedTime = rt.now();
  rt.changed();
}

async function create(rt: EmulatorRuntime, req: EmulatorRequest, orgId: string): Promise<EmulatorResponse> {
  const { org } = authorize(rt, req, orgId, "Creating a connector", "write");
  const input = body(req);
  checkTopLevel(input, CREATE_FIELDS);
  const name = connectorName(input);
  if (!isConnectorType(input.type)) {
    throw badRequest(
      "type",
      "type is required: one of SALESFORCE, GOOGLE, GOOGLE_CCAI, WXM, CUSTOM, WEBEX_CC.",
    );
  }
  const type = input.type;
  checkTypeAllowed(org, type);
  const text = description(input);
  if (input.credentials === undefined) {
    throw badRequest("credentials", "credentials is required on create: the kind's Credentials section.");
  }
  const fields = validateKind(
    type,
    objectField(input.settings, "settings"),
    objectField(input.credentials, "credentials"),
    "create",
  );
  checkNameAndLimit(rt, orgId, name, type);
  await validateOnSave(rt, type, fields);
  // Checked again: another request may have taken the name while the credentials were validated.
  checkNameAndLimit(rt, orgId, name, type);
  const now = rt.now();
  const record: ConnectorRecord = {
    id: rt.newId(),
    organizationId: orgId,
    name,
    type,
    ...(text === undefined ? {} : { description: text }),
    active: true,
    version: 0,
    settings: fields.settings,
    credentials: fields.credentials,
    secretHashes: hashes(fields.secrets),
    authorizationRequired: false,
    createdTime: now,
    lastUpdatedTime: now,
  };
  rt.state.connectors.push(record);
  rt.changed();
  return { status: 201, body: toWire(record) };
}

function checkVersion(record: ConnectorRecord, version: number): void {
  if (version !== record.version) {
    throw new EmulatorHttpError(
      409,
      "VERSION_CONFLICT",
      `Connector "${record.name}" is at version ${record.version}, not ${version}: it changed since it was read. Read it again and retry.`,
      "version",
    );
  }
}

async function update(
  rt: EmulatorRuntime,
  req: EmulatorRequest,
  orgId: string,
  id: string,
): Promise<EmulatorResponse> {
  authorize(rt, req, orgId, "Updating a connector", "write");
  const record = findConnector(rt, orgId, id);
  const input = body(req);
  checkTopLevel(input, [...UPDATE_FIELDS, ...ECHOED_FIELDS]);
  if (input.id !== id) {
    throw badRequest("id", `id is required and must be the id in the path (${id}).`);
  }
  if (typeof input.version !== "number" || !Number.isInteger(input.version)) {
    throw badRequest("version", "version is required: the integer version of the connector as last read.");
  }
  const version = input.version;
  checkVersion(record, version);
  for (const field of ["name", "type"] as const) {
    if (input[field] !== record[field]) {
      throw new EmulatorHttpError(
        400,
        "IMMUTABLE_FIELD",
        `${field} cannot change (it is ${JSON.stringify(record[field])}); to change it, create a new connector and re-point the flows that use this one.`,
        field,
      );
    }
  }
  const text = description(input);
  const credentials =
    input.credentials === undefined ? undefined : objectField(input.credentials, "credentials");
  checkCredentialsEditable(record, credentials);
  const fields: KindFields = validateKind(
    record.type,
    objectField(input.settings, "settings"),
    credentials,
    "update",
  );
  if (credentials !== undefined) await validateOnSave(rt, record.type, fields);
  // Checked again: the connector may have changed or gone while the credentials were validated.
  if (!rt.state.connectors.includes(record))
    throw notFound(`No connector with the id ${id} in org ${orgId}.`);
  checkVersion(record, version);
  checkCredentialsEditable(record, credentials);
  record.settings = fields.settings;
  if (text === undefined) delete record.description;
  else record.description = text;
  if (credentials !== undefined) {
    record.credentials = fields.credentials;
    // Secrets a kind does not send on edit (Google CCAI's authorization) are kept.
    record.secretHashes = { ...record.secretHashes, ...hashes(fields.secrets) };
    if (record.type === "GOOGLE_CCAI") record.authorizationRequired = true;
  }
  touch(rt, record);
  return { status: 200, body: toWire(record) };
}

function setActive(rt: EmulatorRuntime, req: EmulatorRequest, orgId: string, id: string, active: boolean) {
  authorize(rt, req, orgId, active ? "Activating a connector" : "Deactivating a connector", "write");
  const record = findConnector(rt, orgId, id);
  if (active && !record.active && record.authorizationRequired) {
    throw new EmulatorHttpError(
      409,
      "AUTHORIZATION_REQUIRED",
      `Connector "${record.name}" was edited and must be re-authorized with Google before it can be activated; call …/reauthorize first.`,
    );
  }
  if (record.active !== active) {
    record.active = active;
    touch(rt, record);
  }
  return { status: 200, body: toWire(record) };
}

function reauthorize(rt: EmulatorRuntime, req: EmulatorRequest, orgId: string, id: string): EmulatorResponse {
  authorize(rt, req, orgId, "Re-authorizing a connector", "write");
  const record = findConnector(rt, orgId, id);
  if (record.type !== "GOOGLE_CCAI") {
    throw new EmulatorHttpError(
      400,
      "UNSUPPORTED_OPERATION",
      `Re-authorization exists for GOOGLE_CCAI connectors only; "${record.name}" is ${record.type}.`,
      "type",
    );
  }
  const input = body(req);
  checkTopLevel(input, ["googleAuthorization"]);
  const authorization = requiredString(
    input,
    "googleAuthorization",
    "",
    "a fresh authorization from signing in with Google",
  );
  record.secretHashes.googleAuthorization = hashSecret(authorization);
  record.authorizationRequired = false;
  touch(rt, record);
  return { status: 200, body: toWire(record) };
}

export function referencesTo(rt: EmulatorRuntime, orgId: string, id: string) {
  return rt.state.ccaiConfigs
    .filter((config) => config.orgId === orgId && config.connectorId === id)
    .map((config) => ({ type: "ccai-config", id: config.id, name: config.name }));
}

function remove(rt: EmulatorRuntime, req: EmulatorRequest, orgId: string, id: string): EmulatorResponse {
  authorize(rt, req, orgId, "Deleting a connector", "write");
  const record = findConnector(rt, orgId, id);
  if (record.active) {
    throw new EmulatorHttpError(
      409,
      "CONNECTOR_ACTIVE",
      `Connector "${record.name}" is active; only an inactive connector can be deleted. Deactivate it first.`,
    );
  }
  const references = referencesTo(rt, orgId, id);
  if (references.length > 0) {
    const names = references.map((r) => `"${r.name}"`).join(", ");
    throw new EmulatorHttpError(
      412,
      "REFERENCED",
      `Connector "${record.name}" is used by the CCAI config ${names}; remove it from the config before deleting the connector.`,
      undefined,
      { references },
    );
  }
  rt.state.connectors = rt.state.connectors.filter((c) => c !== record);
  rt.changed();
  return { status: 204 };
}

function incomingReferences(
  rt: EmulatorRuntime,
  req: EmulatorRequest,
  orgId: string,
  id: string,
): EmulatorResponse {
  authorize(rt, req, orgId, "Reading a connector's references", "read");
  findConnector(rt, orgId, id);
  const data = referencesTo(rt, orgId, id);
  return {
    status: 200,
    body: {
      meta: {
        orgid: orgId,
        page: 0,
        pageSize: Math.max(data.length, 100),
        totalPages: data.length ? 1 : 0,
        totalRecords: data.length,
      },
      data,
    },
  };
}

const LIST = /^\/organization\/([^/]+)\/v2\/connector$/;
const COLLECTION = /^\/organization\/([^/]+)\/connector$/;
const ACCESS = /^\/organization\/([^/]+)\/connector-access$/;
const ITEM = /^\/organization\/([^/]+)\/connector\/([^/]+)$/;
const ACTION =
  /^\/organization\/([^/]+)\/connector\/([^/]+)\/(activate|deactivate|reauthorize|incoming-references)$/;

export function connectorsRoute(rt: EmulatorRuntime): Route {
  return async (req) => {
    let match = LIST.exec(req.path);
    if (match) {
      if (req.method !== "GET") throw methodNotAllowed(req);
      const orgId = decodeURIComponent(match[1]);
      authorize(rt, req, orgId, "Listing connectors", "read");
      return { status: 200, body: listConnectors(req, orgId, connectorsOf(rt, orgId)) };
    }
    match = ACCESS.exec(req.path);
    if (match) {
      if (req.method !== "GET") throw methodNotAllowed(req);
      const orgId = decodeURIComponent(match[1]);
      const { grant } = identify(rt, req, orgId, "Checking access to connectors");
      const role = grant.role!;
      return { status: 200, body: { orgId, role, roleName: ROLE_LABELS[role], access: accessOf(role) } };
    }
    match = COLLECTION.exec(req.path);
    if (match) {
      if (req.method !== "POST") throw methodNotAllowed(req);
      return create(rt, req, decodeURIComponent(match[1]));
    }
    match = ITEM.exec(req.path);
    if (match) {
      const [orgId, id] = [decodeURIComponent(match[1]), decodeURIComponent(match[2])];
      if (req.method === "GET") {
        authorize(rt, req, orgId, "Reading a connector", "read");
        return { status: 200, body: toWire(findConnector(rt, orgId, id)) };
      }
      if (req.method === "PUT") return update(rt, req, orgId, id);
      if (req.method === "DELETE") return remove(rt, req, orgId, id);
      throw methodNotAllowed(req);
    }
    match = ACTION.exec(req.path);
    if (match) {
      const [orgId, id, action] = [decodeURIComponent(match[1]), decodeURIComponent(match[2]), match[3]];
      if (action === "incoming-references") {
        if (req.method !== "GET") throw methodNotAllowed(req);
        return incomingReferences(rt, req, orgId, id);
      }
      if (req.method !== "POST") throw methodNotAllowed(req);
      if (action === "reauthorize") return reauthorize(rt, req, orgId, id);
      return setActive(rt, req, orgId, id, action === "activate");
    }
    return undefined;
  };
}

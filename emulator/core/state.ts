// The emulator's whole persistent state. Every secret is held as a sha256 hash only, so the state file
// (and a heap dump) never holds a plaintext private key, password, client secret or token.
import type { ConnectedApp } from "../types";
import type { Role } from "./roles";

export type Platform = "1.0" | "2.0";

export interface OrgRecord {
  orgId: string;
  platform: Platform;
  licenses: string[];
  createdTime: number;
}

/** What a token lets its bearer do. */
export interface Grant {
  /** The OAuth client the token was issued to: the rate-limit key. */
  clientId: string;
  /** The orgs the token may act in. */
  orgIds: string[];
  role?: Role;
  scopes: string[];
  /** For integration tokens: the service app whose tokens they may fetch. */
  applicationId?: string;
}

export interface AccessTokenRecord {
  grant: Grant;
  /** Epoch ms; null for seeded tokens that never expire. */
  expiresAt: number | null;
}

export interface RefreshTokenRecord {
  grant: Grant;
}

/** A Webex OAuth client (an admin's integration or a service app) that may refresh tokens. */
export interface WebexClientRecord {
  clientId: string;
  clientSecretHash: string;
}

export interface AdminRecord {
  id: string;
  orgId: string;
  role: Role;
  clientId: string;
}

export interface ServiceAppRecord {
  applicationId: string;
  clientId: string;
  orgIds: string[];
  role: Role;
}

export type ConnectorType = "SALESFORCE" | "GOOGLE" | "GOOGLE_CCAI" | "WXM" | "CUSTOM" | "WEBEX_CC";

export interface ConnectorRecord {
  id: string;
  organizationId: string;
  name: string;
  type: ConnectorType;
  description?: string;
  active: boolean;
  version: number;
  settings: Record<string, unknown>;
  /** Non-secret credential fields only. */
  credentials: Record<string, unknown>;
  /** Secret field name → sha256 of its value. */
  secretHashes: Record<string, string>;
  authorizationRequired: boolean;
  createdTime: number;
  lastUpdatedTime: number;
}

export interface OAuthServerClientRecord {
  tokenUrl: string;
  clientId: string;
  clientSecretHash: string;
  username?: string;
  passwordHash?: string;
}

export interface BasicAuthValidatorRecord {
  validationUrl: string;
  username: string;
  passwordHash: string;
}

export interface CcaiConfigRecord {
  id: string;
  orgId: string;
  name: string;
  connectorId: string;
}

export interface EmulatorState {
  formatVersion: 1;
  orgs: Record<string, OrgRecord>;
  admins: AdminRecord[];
  serviceApps: Record<string, ServiceAppRecord>;
  webexClients: Record<string, WebexClientRecord>;
  /** Keyed by sha256 of the token. */
  accessTokens: Record<string, AccessTokenRecord>;
  /** Keyed by sha256 of the token. */
  refreshTokens: Record<string, RefreshTokenRecord>;
  connectors: ConnectorRecord[];
  connectedApps: ConnectedApp[];
  oauthClients: OAuthServerClientRecord[];
  basicAuth: BasicAuthValidatorRecord[];
  ccaiConfigs: CcaiConfigRecord[];
  /** State owned by parts (e.g. "salesforce"), see EmulatorContext.extension. */
  extensions: Record<string, unknown>;
}

export function emptyState(): EmulatorState {
  return {
    formatVersion: 1,
    orgs: {},
    admins: [],
    serviceApps: {},
    webexClients: {},
    accessTokens: {},
    refreshTokens: {},
    connectors: [],
    connectedApps: [],
    oauthClients: [],
    basicAuth: [],
    ccaiConfigs: [],
    extensions: {},
  };
}

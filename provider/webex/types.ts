// The wire shapes of the connectors API (docs/connectors-api.md) and the client's public surface.
// The provider's lifecycle codes against these types only, so the transport can change underneath.

import type { Clock } from "./clock";

export type ConnectorType = "SALESFORCE" | "GOOGLE" | "GOOGLE_CCAI" | "WXM" | "CUSTOM" | "WEBEX_CC";

export const REGIONS = ["us1", "eu1", "eu2", "anz1", "ca1", "jp1", "sg1"] as const;
export type Region = (typeof REGIONS)[number];

/** A connector as the API returns it: secrets are never present. */
export interface Connector {
  id: string;
  organizationId: string;
  name: string;
  type: ConnectorType;
  description?: string;
  active: boolean;
  version: number;
  settings: Record<string, unknown>;
  credentials: Record<string, unknown>;
  secretFields: string[];
  authorizationRequired?: boolean;
  createdTime: number;
  lastUpdatedTime: number;
}

export interface ConnectorCreate {
  name: string;
  type: ConnectorType;
  description?: string;
  settings: Record<string, unknown>;
  credentials: Record<string, unknown>;
}

export interface ConnectorUpdate {
  id: string;
  name: string;
  type: ConnectorType;
  version: number;
  description?: string;
  settings: Record<string, unknown>;
  /** Omit to keep the stored credentials; present only while the connector is inactive. */
  credentials?: Record<string, unknown>;
}

export interface Reference {
  type: string;
  id: string;
  name: string;
}

/** How the client authenticates for one org. */
export type OrgCredentials =
  | { accessToken: string }
  | { clientId: string; clientSecret: string; refreshToken: string }
  | {
      serviceApp: {
        applicationId: string;
        clientId: string;
        clientSecret: string;
        /** A token holding spark:applications_token (the "token manager" integration). */
        integrationToken: string;
        /** The org id Webex knows the target org by; defaults to the org id. */
        targetOrgId?: string;
      };
    };

export interface OrgTarget {
  orgId: string;
  region: Region;
  credentials: OrgCredentials;
}

export interface ClientOptions {
  /** Overrides the regional API base URL (e.g. the emulator). Plain http only for loopback. */
  baseUrl?: string;
  /** Overrides https://webexapis.com (token endpoints). Plain http only for loopback. */
  identityUrl?: string;
  /** Known secret strings to scrub from every error message, in addition to the credentials. */
  secrets?: readonly string[];
  /**
   * More of them, shared by every client of one configuration (its orgs' credentials): each call's redactor
   * holds the list as it is (never copied), so it must not change once given; `configSecrets` freezes it.
   */
  sharedSecrets?: readonly string[];
  /** Retry policy; defaults suit production. */
  retry?: {
    maxAttempts?: number;
    baseDelayMs?: number;
    maxDelayMs?: number;
    maxRetryAfterMs?: number;
    maxRateLimitWaitMs?: number;
  };
  /**
   * Requests per minute per OAuth client (Webex counts its limit per client ID), shared by every caller in
   * the process whatever the org (default 300).
   */
  rateLimitPerMinute?: number;
  /** Gives up on a request that has not answered within this many milliseconds (default 60000). */
  timeoutMs?: number;
  /** Page size for list calls (default 100, the API allows up to 500). */
  pageSize?: number;
  /**
   * Time as the client sees it (pacing windows, waits, token expiry); defaults to the real clock. For
   * simulations and tests: the first client created for an OAuth client at an API host decides the clock
   * of the limiter they share.
   */
  clock?: Clock;
  /**
   * Whether processes on this machine that use the same OAuth client pace together, through a small file of
   * request times per client in the temp directory (default true). Off, each process paces only itself.
   */
  shareQuotaAcrossProcesses?: boolean;
  /** Observes every HTTP exchange (API and token requests), e.g. to count requests in benchmarks. */
  onRequest?: (event: RequestEvent) => void;
  /** Observes every wait before a retry. */
  onRetry?: (event: RetryEvent) => void;
}

/** One HTTP exchange. Carries no headers or bodies, so it never holds a secret. */
export interface RequestEvent {
  orgId: string;
  kind: "api" | "token";
  method: string;
  /** The path without the query string. */
  path: string;
  /** The HTTP status, or 0 when no response arrived. */
  status: number;
  durationMs: number;
  /** 1 for the first try of a call. */
  attempt: number;
  /** The connection error code when no response arrived (e.g. ECONNREFUSED, UND_ERR_SOCKET). */
  errorCode?: string;
}

export interface RetryEvent {
  orgId: string;
  kind: "api" | "token";
  method: string;
  path: string;
  /** The attempt that failed. */
  attempt: number;
  delayMs: number;
  reason: "rate-limited" | "server-error" | "connection" | "token-refused";
}

/** What the caller's credentials may do with connectors in an org (GET …/connector-access). */
export interface ConnectorAccess {
  /** The administrator's role, e.g. "external-read-only". */
  role: string;
  access: "READ_WRITE" | "READ_ONLY" | "NONE";
}

/** The operations the provider needs, bound to one org. */
export interface ConnectorsApi {
  readonly orgId: string;
  /** One read that proves the credentials: token valid, org reachable, and what the role may do. */
  access(): Promise<ConnectorAccess>;
  list(filter?: { name?: string; type?: ConnectorType }): Promise<Connector[]>;
  get(id: string): Promise<Connector | undefined>;
  findByName(name: string): Promise<Connector | undefined>;
  /**
   * Creates a connector. A POST is never replayed after an ambiguous failure (the request may have been
   * applied): the client looks the connector up by name and returns it only if `isOurs` accepts it;
   * otherwise it throws an AmbiguousWriteError that says what is known.
   */
  create(body: ConnectorCreate, isOurs: (found: Connector) => boolean): Promise<Connector>;
  update(body: ConnectorUpdate): Promise<Connector>;
  activate(id: string): Promise<Connector>;
  deactivate(id: string): Promise<Connector>;
  reauthorize(id: string, googleAuthorization: string): Promise<Connector>;
  /** Resolves false when the connector was already gone. */
  delete(id: string): Promise<boolean>;
  incomingReferences(id: string): Promise<Reference[]>;
  /**
   * Runs a sequence of calls with their share of the client's rate limit set aside first, so that once the
   * sequence has begun (a deactivation, say) no other caller can take the slots its remaining calls need.
   */
  withReservedQuota<T>(calls: number, sequence: () => Promise<T>): Promise<T>;
}

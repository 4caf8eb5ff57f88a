// The Webex Contact Center client: the only code in the provider that talks to Webex.
export { createWebexClient, DEFAULT_PAGE_SIZE, DEFAULT_TIMEOUT_MS, type WebexClient } from "./client";
export { AmbiguousWriteError, ConfigurationError, WebexApiError } from "./errors";
export { DEFAULT_RATE_LIMIT_PER_MINUTE } from "./rate-limiter";
export { clearTokenCache } from "./tokens";
export * from "./types";
export { DEFAULT_IDENTITY_URL, isLoopbackHost, regionBaseUrl } from "./urls";

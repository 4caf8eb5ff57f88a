import type { Route } from "../types";

// Placeholder until the emulated Salesforce lands: answers nothing, so the core falls through to 404.
export const salesforceRoute: Route = async () => undefined;

// The seed: a known starting world (orgs, admins with fixed tokens, connected apps, ...) so users' offline
// tests can start from tokens they already know. Applying a seed twice (e.g. over a loaded stateFile)
// adds only what is missing.
import { readFileSync } from "node:fs";
import type { EmulatorRuntime } from "../core/runtime";
import { hashSecret } from "../core/secrets";
import {
  createAdmin,
  createOrg,
  createServiceApp,
  registerBasicAuth,
  registerConnectedApp,
  registerOAuthClient,
} from "./registry";

export interface SeedAdmin {
  role: string;
  /** Fixed tokens never expire (POST /_emulator/tokens/expire still expires them). */
  accessToken?: string;
  refreshToken?: string;
  clientId?: string;
  clientSecret?: string;
}

export interface SeedOrg {
  orgId: string;
  platform?: "1.0" | "2.0";
  licenses?: string[];
  admins?: SeedAdmin[];
}

export interface EmulatorSeed {
  orgs?: SeedOrg[];
  serviceApps?: {
    orgIds: string[];
    role: string;
    applicationId?: string;
    clientId?: string;
    clientSecret?: string;
    integrationToken?: string;
  }[];
  connectedApps?: {
    consumerKey: string;
    username: string;
    certificate?: string;
    publicKey?: string;
    audiences?: string[];
  }[];
  oauthClients?: {
    tokenUrl: string;
    clientId: string;
    clientSecret: string;
    username?: string;
    password?: string;
  }[];
  basicAuth?: { validationUrl: string; username: string; password: string }[];
}

export function readSeed(seed: EmulatorSeed | string): EmulatorSeed {
  if (typeof seed !== "string") return seed;
  try {
    return JSON.parse(readFileSync(seed, "utf8")) as EmulatorSeed;
  } catch (error) {
    throw new Error(
      `seed file ${seed} could not be read as JSON: ${(error as Error).message.split("\n")[0]}`,
    );
  }
}

function describe(where: string, error: unknown): Error {
  return new Error(`seed ${where}: ${(error as Error).message}`);
}

function adminExists(rt: EmulatorRuntime, admin: SeedAdmin): boolean {
  if (admin.accessToken && rt.state.accessTokens[hashSecret(admin.accessToken)]) return true;
  return admin.clientId !== undefined && rt.state.webexClients[admin.clientId] !== undefined;
}

export function applySeed(rt: EmulatorRuntime, seed: EmulatorSeed): void {
  for (const [i, org] of (seed.orgs ?? []).entries()) {
    const where = `orgs[${i}]`;
    const isNew = !rt.state.orgs[org.orgId];
    try {
      if (isNew) createOrg(rt, { orgId: org.orgId, platform: org.platform, licenses: org.licenses });
      for (const [j, admin] of (org.admins ?? []).entries()) {
        if (adminExists(rt, admin) || (!isNew && !admin.accessToken && !admin.clientId)) continue;
        try {
          createAdmin(rt, org.orgId, { ...admin });
        } catch (error) {
          throw describe(`${where}.admins[${j}]`, error);
        }
      }
    } catch (error) {
      throw error instanceof Error && error.message.startsWith("seed ") ? error : describe(where, error);
    }
  }
  for (const [i, app] of (seed.serviceApps ?? []).entries()) {
    if (app.applicationId && rt.state.serviceApps[app.applicationId]) continue;
    try {
      createServiceApp(rt, { ...app });
    } catch (error) {
      throw describe(`serviceApps[${i}]`, error);
    }
  }
  const registries = [
    ["connectedApps", seed.connectedApps, registerConnectedApp],
    ["oauthClients", seed.oauthClients, registerOAuthClient],
    ["basicAuth", seed.basicAuth, registerBasicAuth],
  ] as const;
  for (const [name, entries, register] of registries) {
    for (const [i, entry] of (entries ?? []).entries()) {
      try {
        register(rt, { ...entry });
      } catch (error) {
        throw describe(`${name}[${i}]`, error);
      }
    }
  }
}

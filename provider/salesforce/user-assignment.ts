// Which Salesforce users work in this call center: User.CallCenterId, one PATCH per user that has to
// change. Users the resource assigned earlier and no longer lists are unassigned, but only while they
// still point at this call center (someone may have moved them elsewhere meanwhile).
import type { SalesforceClient, UserRecord } from "./client";

/** Salesforce shows record ids with 15 or 18 characters; the first 15 identify the record. */
export function sameRecordId(a: string | null | undefined, b: string | null | undefined): boolean {
  return !!a && !!b && a.slice(0, 15) === b.slice(0, 15);
}

/** Looks the users up, failing before anything is written when one does not exist. */
export async function requireUsers(client: SalesforceClient, usernames: string[]): Promise<UserRecord[]> {
  if (usernames.length === 0) return [];
  const found = await client.findUsers(usernames);
  const missing = usernames.filter((u) => !found.has(u.toLowerCase()));
  if (missing.length > 0) {
    throw new Error(
      `assignedUsers: Salesforce has no user with the username ${missing.join(", ")}. Create the user${missing.length > 1 ? "s" : ""} first or fix the spelling (the Salesforce username, which looks like an email address but need not be one).`,
    );
  }
  return usernames.map((u) => found.get(u.toLowerCase())!);
}

export async function assignUsers(
  client: SalesforceClient,
  callCenterId: string,
  desired: UserRecord[],
  previous: string[],
): Promise<void> {
  for (const user of desired) {
    if (!sameRecordId(user.CallCenterId, callCenterId)) await client.setUserCallCenter(user, callCenterId);
  }
  const keep = new Set(desired.map((u) => u.Username.toLowerCase()));
  const dropped = previous.filter((u) => !keep.has(u.toLowerCase()));
  if (dropped.length === 0) return;
  const current = await client.findUsers(dropped);
  for (const user of current.values()) {
    if (sameRecordId(user.CallCenterId, callCenterId)) await client.setUserCallCenter(user, null);
  }
}

export async function unassignAll(client: SalesforceClient, callCenterId: string): Promise<void> {
  for (const user of await client.usersOfCallCenter(callCenterId)) await client.setUserCallCenter(user, null);
}

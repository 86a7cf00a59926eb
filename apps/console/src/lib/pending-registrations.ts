import { trpc } from "../trpc";

/** The server lists at most this many registrations to validate (the oldest first). */
export const MAX_PENDING = 200;

/** The registrations waiting for an agent: the navigation's count and the list share it. */
export const pendingRegistrationsQuery = () => trpc.staff.registrations.pending.queryOptions();

/**
 * "Jade" from "Jade Bernard": the messages name the child as the family's mail does. French
 * first names join their parts with a hyphen, so the first space ends the first name.
 */
export function firstNameOf(childName: string): string {
  return childName.split(" ")[0] || childName;
}

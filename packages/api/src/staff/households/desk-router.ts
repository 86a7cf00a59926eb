import type { TRPCRouterRecord } from "@trpc/server";

/** At the desk: create households, issue credentials, disable accounts, edit contacts and QF. */
export const householdDeskRouter = {} satisfies TRPCRouterRecord;

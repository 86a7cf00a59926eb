import type { TRPCRouterRecord } from "@trpc/server";
import { createHousehold } from "./create";
import { issueCredentials } from "./issue-credentials";
import { setAccountDisabled } from "./set-account-disabled";
import { updateContact } from "./update-contact";
import { updateQf } from "./update-qf";

/** At the desk: create households, issue credentials, disable accounts, edit contacts and QF. */
export const householdDeskRouter = {
  create: createHousehold,
  issueCredentials,
  setAccountDisabled,
  updateContact,
  updateQf,
} satisfies TRPCRouterRecord;

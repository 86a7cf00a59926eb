import type { TRPCRouterRecord } from "@trpc/server";
import { createStaffAccount } from "./create";
import { listStaffAccounts } from "./list";
import { setStaffAccountDisabled } from "./set-disabled";

/** Staff accounts: list, create (with a temporary password), disable and enable. */
export const staffAccountsRouter = {
  list: listStaffAccounts,
  create: createStaffAccount,
  setDisabled: setStaffAccountDisabled,
} satisfies TRPCRouterRecord;

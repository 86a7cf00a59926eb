import type { TRPCRouterRecord } from "@trpc/server";
import { listMail } from "./list";
import { resendHouseholdMail } from "./resend";

/** A household's messages (sent, failed, pending) and "Renvoyer". */
export const staffMailRouter = {
  list: listMail,
  resend: resendHouseholdMail,
} satisfies TRPCRouterRecord;

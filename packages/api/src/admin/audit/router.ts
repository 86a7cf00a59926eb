import type { TRPCRouterRecord } from "@trpc/server";
import { listAudit } from "./list";

/** The audit log, read-only. */
export const auditRouter = {
  list: listAudit,
} satisfies TRPCRouterRecord;

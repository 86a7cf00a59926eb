import type { TRPCRouterRecord } from "@trpc/server";
import { getDashboard } from "./get";

/** "Tableau de bord": the console's home. */
export const dashboardRouter = {
  get: getDashboard,
} satisfies TRPCRouterRecord;

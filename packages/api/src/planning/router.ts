import type { TRPCRouterRecord } from "@trpc/server";
import { month } from "./month";

export const planningRouter = { month } satisfies TRPCRouterRecord;

import type { TRPCRouterRecord } from "@trpc/server";

/** Pointage: the children booked on a day, marked present, absent or excused. */
export const attendanceRouter = {} satisfies TRPCRouterRecord;

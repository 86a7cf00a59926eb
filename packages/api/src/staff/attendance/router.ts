import type { TRPCRouterRecord } from "@trpc/server";
import { attendanceActivities } from "./activities";
import { exportAttendanceCsv } from "./export-csv";
import { attendanceList } from "./list";
import { markAttendance } from "./mark";

/** Pointage: the children booked on a day, marked present, absent or excused. */
export const attendanceRouter = {
  activities: attendanceActivities,
  list: attendanceList,
  mark: markAttendance,
  exportCsv: exportAttendanceCsv,
} satisfies TRPCRouterRecord;

import { agentProcedure } from "../../trpc";
import { ZAttendanceDaySchema, ZAttendanceListSchema } from "./attendance.schemas";
import { countMarks, loadActivity, loadRoster } from "./roster";

/** The pointage list: who is booked that day, their health flags and marks, and the counts. */
export const attendanceList = agentProcedure
  .input(ZAttendanceDaySchema)
  .output(ZAttendanceListSchema)
  .query(({ ctx, input }) => {
    const activity = loadActivity(ctx.db, input.activityId);
    const roster = loadRoster(ctx.db, input);
    return { activity, date: input.date, children: roster, counts: countMarks(roster) };
  });

import { activities, activityTypes } from "@ef/db";
import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { currentSeason } from "../../seasons";
import { agentProcedure } from "../../trpc";
import { ZAttendanceActivitySchema } from "./attendance.schemas";

/** The current season's day activities (accueils, cantine, loisirs), the ones a pointage is for. */
export const attendanceActivities = agentProcedure
  .output(z.array(ZAttendanceActivitySchema))
  .query(({ ctx }) => {
    const season = currentSeason(ctx.db, ctx.now);
    if (!season) return [];
    return ctx.db
      .select({ id: activities.id, name: activities.name, typeLabel: activityTypes.label })
      .from(activities)
      .innerJoin(activityTypes, eq(activityTypes.id, activities.typeId))
      .where(
        and(
          eq(activities.seasonId, season.id),
          eq(activities.scheduleKind, "weekdays"),
          eq(activities.active, true),
        ),
      )
      .orderBy(asc(activityTypes.position), asc(activities.position), asc(activities.name))
      .all();
  });

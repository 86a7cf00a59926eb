import { attendance, children, eqConst, immediate, reservations } from "@ef/db";
import { and, eq } from "drizzle-orm";
import { audit } from "../../audit";
import { appError } from "../../errors";
import { agentProcedure } from "../../trpc";
import { ZAttendanceMarkResultSchema, ZMarkAttendanceSchema } from "./attendance.schemas";
import { loadActivity } from "./roster";

/** Marks a child present, absent or excused; only a child booked that day can be marked. */
export const markAttendance = agentProcedure
  .input(ZMarkAttendanceSchema)
  .output(ZAttendanceMarkResultSchema)
  .mutation(({ ctx, input }) => {
    const markedAt = ctx.now.toISOString();
    return immediate(ctx.db, (tx) => {
      loadActivity(tx, input.activityId);
      const booked = tx
        .select({ householdId: children.householdId })
        .from(reservations)
        .innerJoin(children, eq(children.id, reservations.childId))
        .where(
          and(
            eq(reservations.childId, input.childId),
            eq(reservations.activityId, input.activityId),
            eq(reservations.date, input.date),
            eqConst(reservations.status, "booked"),
          ),
        )
        .get();
      if (!booked) {
        throw appError(
          "NOT_FOUND",
          "Cet enfant n'est pas réservé à cette activité ce jour-là : il ne peut pas être pointé.",
        );
      }
      const key = and(
        eq(attendance.childId, input.childId),
        eq(attendance.activityId, input.activityId),
        eq(attendance.date, input.date),
      );
      const before =
        tx
          .select({ status: attendance.status, note: attendance.note })
          .from(attendance)
          .where(key)
          .get() ?? null;
      const after = {
        status: input.status,
        note: input.note === undefined ? (before?.note ?? null) : input.note,
      };
      const row = tx
        .insert(attendance)
        .values({
          childId: input.childId,
          activityId: input.activityId,
          date: input.date,
          ...after,
          markedAt,
          markedBy: ctx.user.id,
        })
        .onConflictDoUpdate({
          target: [attendance.childId, attendance.activityId, attendance.date],
          set: { ...after, markedAt, markedBy: ctx.user.id },
        })
        .returning({ id: attendance.id })
        .get();
      audit(tx, ctx.now, {
        actorUserId: ctx.user.id,
        householdId: booked.householdId,
        action: "attendance.mark",
        entity: "attendance",
        entityId: row.id,
        before: before && { ...before, date: input.date, activityId: input.activityId },
        after: { ...after, childId: input.childId, date: input.date, activityId: input.activityId },
      });
      return { childId: input.childId, ...after, markedAt };
    });
  });

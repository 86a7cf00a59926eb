import { absences, activities, children, eqConst, households, reservations } from "@ef/db";
import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { agentProcedure } from "../trpc";

/**
 * Absences waiting for an agent, the oldest declaration first: who, which day, the activities
 * booked that day (what acceptance excuses) and the certificate to open.
 */
export const pendingAbsences = agentProcedure
  .output(
    z.array(
      z.object({
        id: z.number(),
        date: z.string(),
        reason: z.string(),
        declaredAt: z.string(),
        childName: z.string(),
        householdId: z.number(),
        accountCode: z.string(),
        householdName: z.string(),
        fileName: z.string(),
        mimeType: z.string(),
        activities: z.array(z.string()),
      }),
    ),
  )
  .query(({ ctx }) => {
    const rows = ctx.db
      .select({
        id: absences.id,
        date: absences.date,
        reason: absences.reason,
        declaredAt: absences.declaredAt,
        firstName: children.firstName,
        lastName: children.lastName,
        householdId: households.id,
        accountCode: households.accountCode,
        householdName: households.name,
        fileName: absences.fileName,
        mimeType: absences.mimeType,
      })
      .from(absences)
      .innerJoin(children, eq(children.id, absences.childId))
      .innerJoin(households, eq(households.id, absences.householdId))
      .where(eq(absences.status, "pending"))
      .orderBy(asc(absences.declaredAt), asc(absences.id))
      .limit(200)
      .all();
    // The booked activities of every pending absence's child and day, in one query.
    const booked = ctx.db
      .select({ absenceId: absences.id, name: activities.name })
      .from(absences)
      .innerJoin(
        reservations,
        and(
          eq(reservations.childId, absences.childId),
          eq(reservations.date, absences.date),
          eqConst(reservations.status, "booked"),
        ),
      )
      .innerJoin(activities, eq(activities.id, reservations.activityId))
      .where(eq(absences.status, "pending"))
      .orderBy(asc(activities.name))
      .all();
    const byAbsence = new Map<number, string[]>();
    for (const b of booked) {
      const list = byAbsence.get(b.absenceId) ?? [];
      list.push(b.name);
      byAbsence.set(b.absenceId, list);
    }
    return rows.map(({ firstName, lastName, ...r }) => ({
      ...r,
      childName: `${firstName} ${lastName}`,
      activities: byAbsence.get(r.id) ?? [],
    }));
  });

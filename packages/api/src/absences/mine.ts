import { absences, children } from "@ef/db";
import { desc, eq } from "drizzle-orm";
import { z } from "zod";
import { householdProcedure } from "../trpc";
import { absenceStatusValues } from "./absences.schemas";

/** The family's declared absences, the latest days first, with their state. */
export const myAbsences = householdProcedure
  .output(
    z.array(
      z.object({
        id: z.number(),
        childId: z.number(),
        childName: z.string(),
        date: z.string(),
        reason: z.string(),
        fileName: z.string(),
        status: z.enum(absenceStatusValues),
        refusalReason: z.string().nullable(),
        declaredAt: z.string(),
      }),
    ),
  )
  .query(({ ctx }) =>
    ctx.db
      .select({
        id: absences.id,
        childId: absences.childId,
        childName: children.firstName,
        date: absences.date,
        reason: absences.reason,
        fileName: absences.fileName,
        status: absences.status,
        refusalReason: absences.refusalReason,
        declaredAt: absences.declaredAt,
      })
      .from(absences)
      .innerJoin(children, eq(children.id, absences.childId))
      .where(eq(absences.householdId, ctx.household.id))
      .orderBy(desc(absences.date), desc(absences.id))
      .limit(100)
      .all(),
  );

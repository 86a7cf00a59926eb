import { absenceDeclarationWindow } from "@ef/core";
import { absences, attendance, children, households, immediate } from "@ef/db";
import { absenceDecisionMail, queueMail } from "@ef/mail";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { audit } from "../audit";
import { appError } from "../errors";
import { agentProcedure } from "../trpc";
import { ZDecideAbsenceSchema } from "./absences.schemas";
import { bookedActivities, dayWithYear } from "./service";

/** The note an accepted absence writes on the pointage, unless the staff wrote one already. */
export const EXCUSED_NOTE = "Absence justifiée (certificat médical)";

/**
 * Accepts or refuses a declared absence; the family gets a mail either way. Accepted, the child's
 * marks on that day's booked activities become "excusé" (billing does not charge excused days).
 */
export const decideAbsence = agentProcedure
  .input(ZDecideAbsenceSchema)
  .output(z.object({ status: z.enum(["accepted", "refused"]) }))
  .mutation(({ ctx, input }) =>
    immediate(ctx.db, (tx) => {
      const absence = tx
        .select({
          id: absences.id,
          status: absences.status,
          date: absences.date,
          childId: absences.childId,
          childName: children.firstName,
          householdId: households.id,
          householdName: households.name,
          email: households.email,
        })
        .from(absences)
        .innerJoin(children, eq(children.id, absences.childId))
        .innerJoin(households, eq(households.id, absences.householdId))
        .where(eq(absences.id, input.absenceId))
        .get();
      if (!absence) throw appError("NOT_FOUND", "Cette absence est introuvable.");
      if (absence.status !== "pending") {
        throw appError("CONFLICT", "Cette absence a déjà été traitée.");
      }
      const accepted = input.decision === "accept";
      const status = accepted ? ("accepted" as const) : ("refused" as const);
      const at = ctx.now.toISOString();
      tx.update(absences)
        .set({
          status,
          reviewedAt: at,
          reviewedBy: ctx.user.id,
          refusalReason: accepted ? null : (input.reason ?? null),
        })
        .where(and(eq(absences.id, absence.id), eq(absences.status, "pending")))
        .run();
      const booked = bookedActivities(tx, absence.childId, absence.date);
      if (accepted) {
        for (const { activityId } of booked) {
          const key = and(
            eq(attendance.childId, absence.childId),
            eq(attendance.activityId, activityId),
            eq(attendance.date, absence.date),
          );
          const before = tx
            .select({ status: attendance.status, note: attendance.note })
            .from(attendance)
            .where(key)
            .get();
          const note = before?.note ?? EXCUSED_NOTE;
          tx.insert(attendance)
            .values({
              childId: absence.childId,
              activityId,
              date: absence.date,
              status: "excused",
              note,
              markedAt: at,
              markedBy: ctx.user.id,
            })
            .onConflictDoUpdate({
              target: [attendance.childId, attendance.activityId, attendance.date],
              set: { status: "excused", note, markedAt: at, markedBy: ctx.user.id },
            })
            .run();
        }
      }
      const window = absenceDeclarationWindow(absence.date, ctx.now);
      queueMail(
        tx,
        {
          kind: "absence_decision",
          to: absence.email,
          ...absenceDecisionMail({
            name: absence.householdName,
            childName: absence.childName,
            dayLabel: dayWithYear(absence.date),
            activities: booked.filter((b) => b.billingMode === "postpaid").map((b) => b.name),
            paidActivities: booked.filter((b) => b.billingMode !== "postpaid").map((b) => b.name),
            accepted,
            reason: input.reason,
            // A new declaration is possible until the window closes.
            lastDayLabel: !accepted && window.ok ? dayWithYear(window.lastDay) : null,
            portalUrl: `${ctx.config.publicUrl}/espace/absence`,
          }),
          householdId: absence.householdId,
          userId: ctx.user.id,
        },
        ctx.now,
      );
      audit(tx, ctx.now, {
        actorUserId: ctx.user.id,
        householdId: absence.householdId,
        action: accepted ? "absence.accept" : "absence.refuse",
        entity: "absence",
        entityId: absence.id,
        before: { status: "pending" },
        after: {
          status,
          reason: input.reason ?? null,
          excused: accepted ? booked.map((b) => b.name) : [],
        },
      });
      return { status };
    }),
  );

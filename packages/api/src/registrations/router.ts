import { eligibility } from "@ef/core";
import { activities, activityTypes, immediate, registrations, seasons } from "@ef/db";
import type { TRPCRouterRecord } from "@trpc/server";
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { audit } from "../audit";
import { appError } from "../errors";
import { ZCreateRegistrationSchema, ZRegistrationOptionsSchema } from "../schemas";
import { householdProcedure } from "../trpc";
import {
  childInSeason,
  childOf,
  dossierComplete,
  eligibilityDay,
  PLANNING_TYPES,
  registrationOptions,
} from "./service";

const ZOptionSchema = z.object({
  id: z.number(),
  name: z.string(),
  description: z.string(),
  typeCode: z.string(),
  typeLabel: z.string(),
  /** The school year, e.g. "2027-2028": the running one and the next may both be open. */
  seasonCode: z.string(),
  times: z.string().nullable(),
  eligible: z.boolean(),
  reason: z.string().nullable(),
  registration: z.enum(["pending", "validated", "refused", "cancelled"]).nullable(),
});

/** "Inscription" → "Inscrire les enfants à de nouvelles activités". */
export const registrationsRouter = {
  options: householdProcedure
    .input(ZRegistrationOptionsSchema)
    .output(z.array(ZOptionSchema))
    .query(({ ctx, input }) => {
      const child = childOf(ctx.db, ctx.household.id, input.childId);
      if (!child) throw appError("NOT_FOUND", "Cet enfant est introuvable.");
      return registrationOptions(ctx.db, child, ctx.now);
    }),

  create: householdProcedure
    .input(ZCreateRegistrationSchema)
    .output(z.object({ id: z.number(), status: z.enum(["pending", "validated"]) }))
    .mutation(({ ctx, input }) =>
      immediate(ctx.db, (tx) => {
        const child = childOf(tx, ctx.household.id, input.childId);
        if (!child) throw appError("NOT_FOUND", "Cet enfant est introuvable.");
        const activity = tx
          .select({
            id: activities.id,
            name: activities.name,
            seasonId: activities.seasonId,
            active: activities.active,
            minAge: activities.minAge,
            maxAge: activities.maxAge,
            classLevels: activities.classLevels,
            typeCode: activityTypes.code,
            seasonCode: seasons.code,
            seasonStartsOn: seasons.startsOn,
            registrationOpen: seasons.registrationOpen,
          })
          .from(activities)
          .innerJoin(activityTypes, eq(activityTypes.id, activities.typeId))
          .innerJoin(seasons, eq(seasons.id, activities.seasonId))
          .where(eq(activities.id, input.activityId))
          .get();
        if (!activity?.active) throw appError("NOT_FOUND", "Cette activité est introuvable.");
        if (!(PLANNING_TYPES as readonly string[]).includes(activity.typeCode)) {
          throw appError(
            "INVALID",
            `« ${activity.name} » s'inscrit depuis « Inscriptions en paiement ».`,
          );
        }
        if (!activity.registrationOpen) {
          throw appError("INVALID", "Les inscriptions de cette saison ne sont pas ouvertes.");
        }
        const e = eligibility(
          activity,
          childInSeason(child, activity.seasonCode, ctx.now),
          eligibilityDay(activity.seasonStartsOn, ctx.now),
        );
        if (!e.ok)
          throw appError(
            "INVALID",
            `${child.firstName} ne peut pas s'inscrire à « ${activity.name} » : ${e.reason}.`,
          );
        const existing = tx
          .select({ status: registrations.status })
          .from(registrations)
          .where(
            and(
              eq(registrations.childId, child.id),
              eq(registrations.activityId, activity.id),
              inArray(registrations.status, ["pending", "validated"]),
            ),
          )
          .get();
        if (existing) {
          throw appError(
            "CONFLICT",
            existing.status === "validated"
              ? `${child.firstName} est déjà inscrit(e) à « ${activity.name} ».`
              : `L'inscription de ${child.firstName} à « ${activity.name} » est déjà en attente de validation.`,
          );
        }
        const complete = dossierComplete(tx, ctx.household.id, activity.seasonId);
        const nowIso = ctx.now.toISOString();
        const row = tx
          .insert(registrations)
          .values({
            childId: child.id,
            activityId: activity.id,
            seasonId: activity.seasonId,
            status: complete ? "validated" : "pending",
            createdAt: nowIso,
            createdBy: ctx.user.id,
            decidedAt: complete ? nowIso : null,
          })
          .returning({ id: registrations.id, status: registrations.status })
          .get();
        if (ctx.isStaff) {
          audit(tx, ctx.now, {
            actorUserId: ctx.user.id,
            householdId: ctx.household.id,
            action: "registration.create",
            entity: "registration",
            entityId: row.id,
            after: { childId: child.id, activityId: activity.id, status: row.status },
          });
        }
        return {
          id: row.id,
          status: row.status === "validated" ? ("validated" as const) : ("pending" as const),
        };
      }),
    ),
} satisfies TRPCRouterRecord;

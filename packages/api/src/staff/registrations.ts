import { activities, children, dossiers, households, immediate, registrations } from "@ef/db";
import { queueMail, registrationDecisionMail } from "@ef/mail";
import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { audit } from "../audit";
import { appError } from "../errors";
import { ZDecideRegistrationSchema } from "../schemas";
import { agentProcedure } from "../trpc";

/** Registrations waiting for an agent: the dossier was not complete when the family registered. */
export const pendingRegistrations = agentProcedure
  .output(
    z.array(
      z.object({
        id: z.number(),
        createdAt: z.string(),
        childName: z.string(),
        householdId: z.number(),
        accountCode: z.string(),
        householdName: z.string(),
        activityName: z.string(),
        dossierStatus: z.enum(["incomplete", "complete", "missing"]),
      }),
    ),
  )
  .query(({ ctx }) =>
    ctx.db
      .select({
        id: registrations.id,
        createdAt: registrations.createdAt,
        firstName: children.firstName,
        lastName: children.lastName,
        householdId: households.id,
        accountCode: households.accountCode,
        householdName: households.name,
        activityName: activities.name,
        dossierStatus: dossiers.status,
      })
      .from(registrations)
      .innerJoin(children, eq(children.id, registrations.childId))
      .innerJoin(households, eq(households.id, children.householdId))
      .innerJoin(activities, eq(activities.id, registrations.activityId))
      .leftJoin(
        dossiers,
        and(eq(dossiers.householdId, households.id), eq(dossiers.seasonId, registrations.seasonId)),
      )
      .where(eq(registrations.status, "pending"))
      .orderBy(asc(registrations.createdAt))
      .limit(200)
      .all()
      .map(({ firstName, lastName, dossierStatus, ...r }) => ({
        ...r,
        childName: `${firstName} ${lastName}`,
        dossierStatus: dossierStatus ?? ("missing" as const),
      })),
  );

/** Validates or refuses a pending registration; the family gets a mail either way. */
export const decideRegistration = agentProcedure
  .input(ZDecideRegistrationSchema)
  .output(z.object({ status: z.enum(["validated", "refused"]) }))
  .mutation(({ ctx, input }) =>
    immediate(ctx.db, (tx) => {
      const reg = tx
        .select({
          id: registrations.id,
          status: registrations.status,
          childName: children.firstName,
          householdId: households.id,
          householdName: households.name,
          email: households.email,
          activityName: activities.name,
        })
        .from(registrations)
        .innerJoin(children, eq(children.id, registrations.childId))
        .innerJoin(households, eq(households.id, children.householdId))
        .innerJoin(activities, eq(activities.id, registrations.activityId))
        .where(eq(registrations.id, input.registrationId))
        .get();
      if (!reg) throw appError("NOT_FOUND", "Cette inscription est introuvable.");
      if (reg.status !== "pending") {
        throw appError("CONFLICT", "Cette inscription a déjà été traitée.");
      }
      const validated = input.decision === "validate";
      const status = validated ? ("validated" as const) : ("refused" as const);
      tx.update(registrations)
        .set({
          status,
          decidedAt: ctx.now.toISOString(),
          decidedBy: ctx.user.id,
          refusalReason: validated ? null : (input.reason ?? null),
        })
        .where(and(eq(registrations.id, reg.id), eq(registrations.status, "pending")))
        .run();
      queueMail(
        tx,
        {
          kind: "registration_decision",
          to: reg.email,
          ...registrationDecisionMail({
            name: reg.householdName,
            childName: reg.childName,
            activity: reg.activityName,
            validated,
            reason: input.reason,
            portalUrl: `${ctx.config.publicUrl}/espace`,
          }),
          householdId: reg.householdId,
          userId: ctx.user.id,
        },
        ctx.now,
      );
      audit(tx, ctx.now, {
        actorUserId: ctx.user.id,
        householdId: reg.householdId,
        action: validated ? "registration.validate" : "registration.refuse",
        entity: "registration",
        entityId: reg.id,
        before: { status: "pending" },
        after: { status, reason: input.reason ?? null },
      });
      return { status };
    }),
  );

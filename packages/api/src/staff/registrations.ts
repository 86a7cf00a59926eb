import {
  activities,
  children,
  dossiers,
  households,
  immediate,
  registrations,
  seasons,
  type TDb,
} from "@ef/db";
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
        /** The school year: next year's registrations may wait beside this year's. */
        seasonCode: z.string(),
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
        seasonCode: seasons.code,
        dossierStatus: dossiers.status,
      })
      .from(registrations)
      .innerJoin(children, eq(children.id, registrations.childId))
      .innerJoin(households, eq(households.id, children.householdId))
      .innerJoin(activities, eq(activities.id, registrations.activityId))
      .innerJoin(seasons, eq(seasons.id, registrations.seasonId))
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

type TTx = TDb;

/** A pending registration, with what its decision mail needs. */
function pendingRegistration(tx: TTx, registrationId: number) {
  return tx
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
    .where(eq(registrations.id, registrationId))
    .get();
}

/**
 * Writes a decision on a pending registration and its audit line, in the caller's transaction.
 * Shared by the agent's decision and by a dossier that becomes complete. Returns false when the
 * registration was no longer pending (decided meanwhile): nothing is written then.
 */
export function recordRegistrationDecision(
  tx: TTx,
  input: {
    registrationId: number;
    householdId: number;
    validated: boolean;
    reason: string | null;
    actorUserId: number;
    now: Date;
    /** Why, for the audit log (e.g. the dossier became complete). */
    cause?: string;
  },
): boolean {
  const status = input.validated ? ("validated" as const) : ("refused" as const);
  const changed = tx
    .update(registrations)
    .set({
      status,
      decidedAt: input.now.toISOString(),
      decidedBy: input.actorUserId,
      refusalReason: input.validated ? null : input.reason,
    })
    .where(and(eq(registrations.id, input.registrationId), eq(registrations.status, "pending")))
    .run().changes;
  if (changed === 0) return false;
  audit(tx, input.now, {
    actorUserId: input.actorUserId,
    householdId: input.householdId,
    action: input.validated ? "registration.validate" : "registration.refuse",
    entity: "registration",
    entityId: input.registrationId,
    before: { status: "pending" },
    after: { status, reason: input.reason, ...(input.cause ? { cause: input.cause } : {}) },
  });
  return true;
}

/**
 * Validates every pending registration of a household for a season (its dossier is now
 * complete), in the caller's transaction. Returns what was validated, for the family's mail.
 */
export function validatePendingRegistrations(
  tx: TTx,
  input: { householdId: number; seasonId: number; actorUserId: number; now: Date; cause: string },
): { childName: string; activity: string }[] {
  const pending = tx
    .select({ id: registrations.id, childName: children.firstName, activity: activities.name })
    .from(registrations)
    .innerJoin(children, eq(children.id, registrations.childId))
    .innerJoin(activities, eq(activities.id, registrations.activityId))
    .where(
      and(
        eq(children.householdId, input.householdId),
        eq(registrations.seasonId, input.seasonId),
        eq(registrations.status, "pending"),
      ),
    )
    .orderBy(asc(registrations.createdAt), asc(registrations.id))
    .all();
  return pending
    .filter((r) =>
      recordRegistrationDecision(tx, {
        registrationId: r.id,
        householdId: input.householdId,
        validated: true,
        reason: null,
        actorUserId: input.actorUserId,
        now: input.now,
        cause: input.cause,
      }),
    )
    .map(({ childName, activity }) => ({ childName, activity }));
}

/** Validates or refuses a pending registration; the family gets a mail either way. */
export const decideRegistration = agentProcedure
  .input(ZDecideRegistrationSchema)
  .output(z.object({ status: z.enum(["validated", "refused"]) }))
  .mutation(({ ctx, input }) =>
    immediate(ctx.db, (tx) => {
      const reg = pendingRegistration(tx, input.registrationId);
      if (!reg) throw appError("NOT_FOUND", "Cette inscription est introuvable.");
      const validated = input.decision === "validate";
      const done =
        reg.status === "pending" &&
        recordRegistrationDecision(tx, {
          registrationId: reg.id,
          householdId: reg.householdId,
          validated,
          reason: validated ? null : (input.reason ?? null),
          actorUserId: ctx.user.id,
          now: ctx.now,
        });
      if (!done) throw appError("CONFLICT", "Cette inscription a déjà été traitée.");
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
      return { status: validated ? ("validated" as const) : ("refused" as const) };
    }),
  );

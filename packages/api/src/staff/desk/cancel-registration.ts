import { formatDayFr, parisDay } from "@ef/core";
import {
  activities,
  activityTypes,
  basketLines,
  children,
  eqConst,
  immediate,
  registrations,
  reservations,
} from "@ef/db";
import { queueMail, registrationCancelledMail } from "@ef/mail";
import { and, asc, eq, gte, inArray } from "drizzle-orm";
import { z } from "zod";
import { audit } from "../../audit";
import { openBasket } from "../../booking/basket-service";
import { appError } from "../../errors";
import { PLANNING_TYPES } from "../../registrations/service";
import { ZDeskCancelRegistrationSchema } from "./desk.schemas";
import { deskProcedure } from "./desk-procedure";

/**
 * Ends a child's registration to a planning activity, with a reason kept in the audit log. The
 * days still booked from today on are cancelled first on the planning (so that the family gets
 * the usual mail and any credit), which keeps one way of cancelling days. The family is told by
 * mail, with the reason.
 */
export const deskCancelRegistration = deskProcedure
  .input(ZDeskCancelRegistrationSchema)
  .output(z.object({ id: z.number(), status: z.literal("cancelled") }))
  .mutation(({ ctx, input }) =>
    immediate(ctx.db, (tx) => {
      const reg = tx
        .select({
          id: registrations.id,
          status: registrations.status,
          childId: registrations.childId,
          activityId: registrations.activityId,
          firstName: children.firstName,
          activityName: activities.name,
          typeCode: activityTypes.code,
        })
        .from(registrations)
        .innerJoin(children, eq(children.id, registrations.childId))
        .innerJoin(activities, eq(activities.id, registrations.activityId))
        .innerJoin(activityTypes, eq(activityTypes.id, activities.typeId))
        .where(
          and(
            eq(registrations.id, input.registrationId),
            eq(children.householdId, ctx.household.id),
          ),
        )
        .get();
      if (!reg) throw appError("NOT_FOUND", "Cette inscription est introuvable.");
      if (reg.status !== "pending" && reg.status !== "validated") {
        throw appError("CONFLICT", "Cette inscription est déjà annulée ou refusée.");
      }
      if (!(PLANNING_TYPES as readonly string[]).includes(reg.typeCode)) {
        throw appError(
          "INVALID",
          `« ${reg.activityName} » est une inscription en paiement : elle ne s'annule pas ici.`,
        );
      }
      const still = tx
        .select({ date: reservations.date })
        .from(reservations)
        .where(
          and(
            eq(reservations.childId, reg.childId),
            eq(reservations.activityId, reg.activityId),
            eqConst(reservations.status, "booked"),
            gte(reservations.date, parisDay(ctx.now)),
          ),
        )
        .orderBy(asc(reservations.date))
        .all();
      const first = still[0];
      if (first) {
        throw appError(
          "INVALID",
          `${reg.firstName} a encore ${still.length} jour(s) réservé(s) à « ${reg.activityName} » à partir du ${formatDayFr(first.date)} : annulez-les d'abord sur le planning.`,
        );
      }
      const basket = openBasket(tx, ctx.household.id);
      const inBasket = basket
        ? tx
            .select({ id: basketLines.id })
            .from(basketLines)
            .where(
              and(
                eq(basketLines.basketId, basket.id),
                inArray(basketLines.childId, [reg.childId]),
                eq(basketLines.activityId, reg.activityId),
              ),
            )
            .get()
        : undefined;
      if (inBasket) {
        throw appError(
          "INVALID",
          `Le panier de la famille contient des jours de « ${reg.activityName} » pour ${reg.firstName} : terminez ou retirez d'abord ces changements.`,
        );
      }
      tx.update(registrations)
        .set({ status: "cancelled", decidedAt: ctx.now.toISOString(), decidedBy: ctx.user.id })
        .where(eq(registrations.id, reg.id))
        .run();
      audit(tx, ctx.now, {
        actorUserId: ctx.user.id,
        householdId: ctx.household.id,
        action: "registration.cancel",
        entity: "registration",
        entityId: reg.id,
        before: { status: reg.status },
        after: { status: "cancelled", reason: input.reason },
      });
      queueMail(
        tx,
        {
          kind: "registration_cancelled",
          to: ctx.household.email,
          ...registrationCancelledMail({
            name: ctx.household.name,
            childName: reg.firstName,
            activity: reg.activityName,
            reason: input.reason,
            portalUrl: `${ctx.config.publicUrl}/espace`,
          }),
          householdId: ctx.household.id,
          userId: ctx.user.id,
        },
        ctx.now,
      );
      return { id: reg.id, status: "cancelled" as const };
    }),
  );

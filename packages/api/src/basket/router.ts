import { addDays, isoWeekday } from "@ef/core";
import { snapshot } from "@ef/db";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import {
  applyChanges,
  bookingStep,
  clearBasket,
  confirmBasket,
  holdsToRenew,
  openBasket,
  renewHolds,
  type TActor,
} from "../booking/basket-service";
import { withCatalogue } from "../booking/catalogue";
import type { TContext } from "../context";
import {
  ZApplyChangesSchema,
  ZApplyPatternSchema,
  ZBasketSchema,
  ZBasketVersionSchema,
  ZConfirmBasketSchema,
} from "../schemas";
import { householdProcedure, type THouseholdRef } from "../trpc";
import { basketSummary, ZBasketSummarySchema } from "./summary";

const actorOf = (ctx: { user: { id: number }; isStaff: boolean }): TActor => ({
  userId: ctx.user.id,
  isStaff: ctx.isStaff,
});

const forBooking = (h: THouseholdRef) => ({
  id: h.id,
  name: h.name,
  email: h.email,
  qf: h.qf,
  resident: h.resident,
});

const ZVersionOut = z.object({ basketId: z.number().nullable(), version: z.number() });
const ZSkippedSchema = z.array(
  z.object({ date: z.string(), childId: z.number(), activityId: z.number(), reason: z.string() }),
);

function summaryNow(ctx: Pick<TContext, "db" | "now">, household: THouseholdRef) {
  // Most looks come right after "Valider" or another look: nothing to renew, so no write lock
  // and no commit — one consistent read. Otherwise the renewal and the read in one write.
  const seen = snapshot(ctx.db, (tx) =>
    withCatalogue(tx, () => {
      const basket = openBasket(tx, household.id);
      if (basket && holdsToRenew(tx, basket.id, ctx.now)) return null;
      return basketSummary(tx, basket, household, ctx.now);
    }),
  );
  if (seen) return seen;
  return bookingStep(ctx.db, (tx) => {
    const basket = openBasket(tx, household.id);
    // Looking at the récapitulatif is activity: the holds are renewed.
    if (basket) renewHolds(tx, basket.id, ctx.now);
    return basketSummary(tx, basket, household, ctx.now);
  });
}

/** The panier: "Valider", the récapitulatif, "Terminer". */
export const basketRouter = {
  get: householdProcedure
    .input(ZBasketSchema)
    .output(ZBasketSummarySchema)
    .query(({ ctx }) => summaryNow(ctx, ctx.household)),

  setDays: householdProcedure
    .input(ZApplyChangesSchema)
    .output(ZVersionOut)
    .mutation(({ ctx, input }) => {
      const out = applyChanges(ctx.db, {
        household: forBooking(ctx.household),
        expectedVersion: input.version,
        changes: input.changes,
        now: ctx.now,
        actor: actorOf(ctx),
      });
      return { basketId: out.basketId, version: out.version };
    }),

  applyPattern: householdProcedure
    .input(ZApplyPatternSchema)
    .output(ZVersionOut.extend({ added: z.number(), skipped: ZSkippedSchema }))
    .mutation(({ ctx, input }) => {
      const changes = [];
      for (let d = input.from; d <= input.to; d = addDays(d, 1)) {
        if (input.weekdays.includes(isoWeekday(d))) {
          changes.push({
            childId: input.childId,
            activityId: input.activityId,
            date: d,
            want: true,
          });
        }
      }
      const before = summaryNow(ctx, ctx.household).lines.length;
      const out = applyChanges(ctx.db, {
        household: forBooking(ctx.household),
        expectedVersion: input.version,
        changes,
        now: ctx.now,
        actor: actorOf(ctx),
        skipInvalid: true,
      });
      const after = summaryNow(ctx, ctx.household).lines.length;
      return {
        basketId: out.basketId,
        version: out.version,
        added: Math.max(0, after - before),
        skipped: out.skipped,
      };
    }),

  clear: householdProcedure
    .input(ZBasketVersionSchema)
    .output(z.object({ version: z.number() }))
    .mutation(({ ctx, input }) => clearBasket(ctx.db, ctx.household.id, input.version, ctx.now)),

  confirm: householdProcedure
    .input(ZConfirmBasketSchema)
    .output(
      z.object({
        repeated: z.boolean(),
        added: z.number(),
        cancelled: z.number(),
        totalCents: z.number(),
      }),
    )
    .mutation(({ ctx, input }) =>
      confirmBasket(ctx.db, {
        household: forBooking(ctx.household),
        basketId: input.basketId,
        version: input.version,
        now: ctx.now,
        actor: actorOf(ctx),
        planningUrl: `${ctx.config.publicUrl}/espace/planning`,
      }),
    ),
} satisfies TRPCRouterRecord;

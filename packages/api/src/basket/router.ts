import { addDays, isoWeekday } from "@ef/core";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { applyChanges, clearBasket, confirmBasket, type TActor } from "../booking/basket-service";
import {
  ZApplyChangesSchema,
  ZApplyPatternSchema,
  ZBasketSchema,
  ZBasketVersionSchema,
  ZConfirmBasketSchema,
} from "../schemas";
import { householdProcedure, type THouseholdRef } from "../trpc";
import { basketSummaryNow, ZBasketSummarySchema } from "./summary";

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

/** The panier: "Valider", the récapitulatif, "Terminer". */
export const basketRouter = {
  get: householdProcedure
    .input(ZBasketSchema)
    .output(ZBasketSummarySchema)
    .query(({ ctx }) => basketSummaryNow(ctx.db, ctx.household, ctx.now)),

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
      const before = basketSummaryNow(ctx.db, ctx.household, ctx.now).lines.length;
      const out = applyChanges(ctx.db, {
        household: forBooking(ctx.household),
        expectedVersion: input.version,
        changes,
        now: ctx.now,
        actor: actorOf(ctx),
        skipInvalid: true,
      });
      const after = basketSummaryNow(ctx.db, ctx.household, ctx.now).lines.length;
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

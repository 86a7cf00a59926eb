import { immediate } from "@ef/db";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { paidOptions } from "../booking/registration-lines";
import { ZBasketSchema, ZSetPaidItemsSchema } from "../schemas";
import { householdProcedure } from "../trpc";
import { setPaidItemsIn } from "./set-items";

/** "Inscriptions en paiement": EMS groups and Territoire Jeune sessions, paid at registration. */
export const paidRegistrationsRouter = {
  options: householdProcedure
    .input(ZBasketSchema)
    .output(
      z.array(
        z.object({
          childId: z.number(),
          firstName: z.string(),
          activities: z.array(
            z.object({
              activityId: z.number(),
              name: z.string(),
              description: z.string(),
              typeCode: z.string(),
              typeLabel: z.string(),
              items: z.array(
                z.object({
                  groupId: z.number().nullable(),
                  sessionId: z.number().nullable(),
                  label: z.string(),
                  placesLeft: z.number(),
                  capacity: z.number(),
                  priceCents: z.number().nullable(),
                  available: z.boolean(),
                  reason: z.string().nullable(),
                }),
              ),
            }),
          ),
        }),
      ),
    )
    .query(({ ctx }) => paidOptions(ctx.db, ctx.household, ctx.now)),

  setItems: householdProcedure
    .input(ZSetPaidItemsSchema)
    .output(z.object({ basketId: z.number(), version: z.number() }))
    .mutation(({ ctx, input }) =>
      immediate(ctx.db, (tx) => {
        const { basketId, version } = setPaidItemsIn(tx, {
          household: ctx.household,
          input,
          now: ctx.now,
        });
        return { basketId, version };
      }),
    ),
} satisfies TRPCRouterRecord;

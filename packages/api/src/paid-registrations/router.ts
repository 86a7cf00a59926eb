import { baskets, immediate } from "@ef/db";
import type { TRPCRouterRecord } from "@trpc/server";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { openBasket, PAYING, pendingPaymentOf } from "../booking/basket-service";
import { paidOptions, setRegistrationItem } from "../booking/registration-lines";
import { appError } from "../errors";
import { childOf } from "../registrations/service";
import { ZBasketSchema, ZSetPaidItemsSchema } from "../schemas";
import { householdProcedure } from "../trpc";

const STALE =
  "Votre panier a été modifié depuis un autre écran ou un autre appareil. La page est à jour : vérifiez vos choix puis validez à nouveau.";

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
        const nowIso = ctx.now.toISOString();
        const basket =
          openBasket(tx, ctx.household.id) ??
          tx
            .insert(baskets)
            .values({
              householdId: ctx.household.id,
              status: "open",
              version: 0,
              createdAt: nowIso,
              updatedAt: nowIso,
            })
            .returning({ id: baskets.id, version: baskets.version })
            .get();
        if (pendingPaymentOf(tx, basket.id)) throw appError("CONFLICT", PAYING);
        if (basket.version !== input.version) throw appError("CONFLICT", STALE);
        let changed = false;
        for (const item of input.items) {
          const child = childOf(tx, ctx.household.id, item.childId);
          if (!child) throw appError("NOT_FOUND", "Cet enfant est introuvable.");
          changed =
            setRegistrationItem(tx, {
              household: ctx.household,
              basketId: basket.id,
              child,
              item,
              now: ctx.now,
            }) || changed;
        }
        const version = changed ? basket.version + 1 : basket.version;
        if (changed)
          tx.update(baskets)
            .set({ version, updatedAt: nowIso })
            .where(eq(baskets.id, basket.id))
            .run();
        return { basketId: basket.id, version };
      }),
    ),
} satisfies TRPCRouterRecord;

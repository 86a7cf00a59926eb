import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { creditBalance } from "../billing/pay";
import { bookingStatements } from "../booking/statements";
import { appError } from "../errors";
import { ZPaymentStatusSchema, ZStartPaymentSchema } from "../schemas";
import { householdProcedure } from "../trpc";
import { checkPayment, startBasketPayment } from "./service";

const statusMessages: Record<string, string> = {
  pending: "Paiement en cours : PayFiP n'a pas encore répondu.",
  paid: "Paiement accepté : vos réservations sont confirmées. Le ticket de paiement vous a été envoyé par e-mail.",
  refused:
    "Paiement refusé par la banque : rien n'a été réservé ni débité. Votre panier est intact, vous pouvez payer à nouveau.",
  cancelled:
    "Paiement annulé : rien n'a été réservé ni débité. Votre panier est intact, vous pouvez payer à nouveau.",
  expired:
    "Le délai de paiement est dépassé : rien n'a été réservé. Votre panier est intact, vous pouvez payer à nouveau.",
};

/** "Payer" and the page PayFiP sends the parent back to. */
export const paymentRouter = {
  start: householdProcedure
    .input(ZStartPaymentSchema)
    .output(
      z.discriminatedUnion("status", [
        z.object({ status: z.literal("redirect"), paymentId: z.number(), url: z.string() }),
        z.object({ status: z.literal("paid"), paymentId: z.number() }),
      ]),
    )
    .mutation(async ({ ctx, input }) => {
      const payfip = ctx.services.payfip;
      if (!payfip) throw appError("PAYMENT_FAILED", "Le paiement en ligne n'est pas disponible.");
      return startBasketPayment(ctx.db, payfip, {
        household: {
          id: ctx.household.id,
          name: ctx.household.name,
          email: ctx.household.email,
          qf: ctx.household.qf,
          resident: ctx.household.resident,
        },
        basketId: input.basketId,
        version: input.version,
        now: ctx.now,
        actor: { userId: ctx.user.id, isStaff: ctx.isStaff },
        publicUrl: ctx.config.publicUrl,
      });
    }),

  status: householdProcedure
    .input(ZPaymentStatusSchema)
    .output(
      z.object({
        id: z.number(),
        status: z.enum(["pending", "paid", "refused", "cancelled", "expired"]),
        message: z.string(),
        amountCents: z.number(),
        creditCents: z.number(),
        refdet: z.string(),
        numauto: z.string().nullable(),
        needsRefund: z.boolean(),
        /** Refunded by the guichet (or turned into an avoir) after a flag. */
        refunded: z.boolean(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const find = () =>
        bookingStatements(ctx.db).paymentOfHousehold.get({
          paymentId: input.paymentId,
          householdId: ctx.household.id,
        });
      const before = find();
      if (!before) throw appError("NOT_FOUND", "Ce paiement est introuvable.");
      // Back from PayFiP: ask it now rather than wait for the notification.
      if (before.status === "pending" && ctx.services.payfip) {
        await checkPayment(ctx.db, ctx.services.payfip, before.id, ctx.clock, ctx.config.publicUrl);
      }
      const p = find() ?? before;
      return {
        id: p.id,
        status: p.status,
        message: p.needsRefund
          ? `Paiement reçu, mais la réservation n'a pas pu être faite : ${(p.refundNote ?? "").replace(/\.$/, "")}. Le guichet unique va vous rembourser.`
          : p.refundedAt
            ? "Ce paiement n'a pas pu être utilisé : le guichet unique vous l'a remboursé (ou l'a porté à votre avoir, avec votre accord)."
            : (statusMessages[p.status] ?? ""),
        amountCents: p.amountCents,
        creditCents: p.creditCents,
        refdet: p.refdet,
        numauto: p.numauto,
        needsRefund: p.needsRefund,
        refunded: p.refundedAt !== null,
      };
    }),

  credit: householdProcedure
    .output(z.object({ balanceCents: z.number() }))
    .query(({ ctx }) => ({ balanceCents: creditBalance(ctx.db, ctx.household.id) })),
} satisfies TRPCRouterRecord;

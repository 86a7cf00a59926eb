import { formatEuros, formatInstantFr } from "@ef/core";
import { credits, households, immediate, payments, users } from "@ef/db";
import { paymentRefundedMail, queueMail } from "@ef/mail";
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { audit } from "../../audit";
import { appError } from "../../errors";
import { agentProcedure } from "../../trpc";
import { refundMethodLabels, ZRefundPaymentSchema } from "./payments.schemas";

/**
 * "Enregistrer le remboursement" of a payment flagged for refund: the agent says how the money
 * went back (transfer, PayFiP refund, Trésor cheque, with a reference) or, with the family's
 * agreement, turns it into an avoir (a credit row). The flag is cleared, the refund kept on the
 * payment, the audit log written and the family mailed, all in one transaction. Once only.
 */
export const refundPayment = agentProcedure
  .input(ZRefundPaymentSchema)
  .output(
    z.object({
      id: z.number(),
      refundedAt: z.string(),
      amountCents: z.number(),
      /** The household's credit row when the refund became an avoir. */
      creditId: z.number().nullable(),
    }),
  )
  .mutation(({ ctx, input }) =>
    immediate(ctx.db, (tx) => {
      const payment = tx
        .select({
          id: payments.id,
          householdId: payments.householdId,
          refdet: payments.refdet,
          amountCents: payments.amountCents,
          needsRefund: payments.needsRefund,
          refundNote: payments.refundNote,
          refundedAt: payments.refundedAt,
          refundedBy: users.displayName,
        })
        .from(payments)
        .leftJoin(users, eq(users.id, payments.refundedBy))
        .where(eq(payments.id, input.paymentId))
        .get();
      if (!payment) throw appError("NOT_FOUND", "Ce paiement est introuvable.");
      if (payment.refundedAt) {
        throw appError(
          "CONFLICT",
          `Ce remboursement est déjà enregistré (le ${formatInstantFr(new Date(payment.refundedAt))}${payment.refundedBy ? `, par ${payment.refundedBy}` : ""}).`,
        );
      }
      if (!payment.needsRefund) {
        throw appError("CONFLICT", "Ce paiement n'est pas à rembourser.");
      }
      const household = tx
        .select({ id: households.id, name: households.name, email: households.email })
        .from(households)
        .where(eq(households.id, payment.householdId))
        .get();
      if (!household) throw appError("NOT_FOUND", "Ce foyer est introuvable.");
      const nowIso = ctx.now.toISOString();
      const asCredit = input.method === "avoir";
      const reference = input.reference.trim();
      const closed = tx
        .update(payments)
        .set({
          needsRefund: false,
          refundedAt: nowIso,
          refundedBy: ctx.user.id,
          refundMethod: input.method,
          refundReference: reference,
          updatedAt: nowIso,
        })
        .where(
          and(
            eq(payments.id, payment.id),
            eq(payments.needsRefund, true),
            isNull(payments.refundedAt),
          ),
        )
        .run();
      if (closed.changes !== 1) throw appError("CONFLICT", "Ce paiement n'est pas à rembourser.");
      const credit = asCredit
        ? tx
            .insert(credits)
            .values({
              householdId: household.id,
              amountCents: payment.amountCents,
              reason: `Paiement ${payment.refdet} porté à l'avoir (au lieu d'un remboursement)`,
              paymentId: payment.id,
              createdAt: nowIso,
              createdBy: ctx.user.id,
            })
            .returning({ id: credits.id })
            .get()
        : null;
      audit(tx, ctx.now, {
        actorUserId: ctx.user.id,
        householdId: household.id,
        action: "payment.refund",
        entity: "payment",
        entityId: payment.id,
        before: { needsRefund: true, refundNote: payment.refundNote },
        after: {
          needsRefund: false,
          amountCents: payment.amountCents,
          method: input.method,
          reference,
          ...(asCredit ? { creditId: credit?.id ?? null, familyAgreed: true } : {}),
        },
      });
      queueMail(
        tx,
        {
          kind: "payment_refunded",
          to: household.email,
          ...paymentRefundedMail({
            name: household.name,
            refdet: payment.refdet,
            amount: formatEuros(payment.amountCents),
            method: refundMethodLabels[input.method],
            reference: asCredit ? "" : reference,
            asCredit,
            at: formatInstantFr(ctx.now),
            link: `${ctx.config.publicUrl.replace(/\/$/, "")}/espace/paiements`,
          }),
          householdId: household.id,
        },
        ctx.now,
      );
      return {
        id: payment.id,
        refundedAt: nowIso,
        amountCents: payment.amountCents,
        creditId: credit?.id ?? null,
      };
    }),
  );

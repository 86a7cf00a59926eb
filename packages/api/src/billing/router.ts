/**
 * The family's "Paiements": invoices with their state, lines, receipts, credits, the history of
 * online payments, the balance; "Payer" an invoice through PayFiP.
 */
import { credits, eqConst, payments } from "@ef/db";
import type { TRPCRouterRecord } from "@trpc/server";
import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import { appError } from "../errors";
import { ZHouseholdIdSchema } from "../schemas";
import { refundMethodLabels } from "../staff/payments/payments.schemas";
import { householdProcedure } from "../trpc";
import { ZInvoiceLineSchema, ZInvoiceSummarySchema, ZSettlementSchema } from "./billing.schemas";
import { availableCredit, creditBalance, splitWithCredit, startInvoicePayment } from "./pay";
import { householdInvoices, invoiceOf, linesOf, settlementsOf, toSummary } from "./queries";

const ZHouseholdInvoiceSchema = ZHouseholdIdSchema.extend({
  invoiceId: z.number().int().positive(),
});

export const billingRouter = {
  list: householdProcedure
    .output(
      z.object({
        invoices: z.array(
          ZInvoiceSummarySchema.extend({
            pdfUrl: z.string(),
            /** "Payer": what the household's avoir covers, and what is left for PayFiP. */
            creditCents: z.number(),
            toPayCents: z.number(),
          }),
        ),
        settlements: z.array(ZSettlementSchema),
        credits: z.array(
          z.object({
            id: z.number(),
            amountCents: z.number(),
            reason: z.string(),
            createdAt: z.string(),
          }),
        ),
        creditBalanceCents: z.number(),
        /** Still to pay on the family's invoices. */
        dueCents: z.number(),
        payments: z.array(
          z.object({
            id: z.number(),
            refdet: z.string(),
            forInvoice: z.boolean(),
            amountCents: z.number(),
            creditCents: z.number(),
            status: z.enum(["pending", "paid", "refused", "cancelled", "expired"]),
            numauto: z.string().nullable(),
            needsRefund: z.boolean(),
            /** Refunded by the guichet (or turned into an avoir): when and how. */
            refundedAt: z.string().nullable(),
            refundMethodLabel: z.string().nullable(),
            at: z.string(),
          }),
        ),
      }),
    )
    .query(({ ctx }) => {
      const list = householdInvoices(ctx.db, ctx.household.id);
      const history = ctx.db
        .select({
          id: payments.id,
          refdet: payments.refdet,
          invoiceId: payments.invoiceId,
          amountCents: payments.amountCents,
          creditCents: payments.creditCents,
          status: payments.status,
          numauto: payments.numauto,
          needsRefund: payments.needsRefund,
          refundedAt: payments.refundedAt,
          refundMethod: payments.refundMethod,
          createdAt: payments.createdAt,
          paidAt: payments.paidAt,
        })
        .from(payments)
        .where(eq(payments.householdId, ctx.household.id))
        .orderBy(desc(payments.createdAt), desc(payments.id))
        .limit(100)
        .all();
      // A payment in progress keeps its split; otherwise the avoir goes first, as "Payer" takes it.
      const available = availableCredit(ctx.db, ctx.household.id);
      const pendingSplit = new Map(
        history
          .filter((p) => p.status === "pending" && p.invoiceId !== null)
          .map((p) => [p.invoiceId, { creditCents: p.creditCents, payfipCents: p.amountCents }]),
      );
      return {
        invoices: list.map((i) => {
          const split =
            i.kind === "facture" && i.remainingCents > 0
              ? (pendingSplit.get(i.id) ?? splitWithCredit(i.remainingCents, available))
              : { creditCents: 0, payfipCents: 0 };
          return {
            ...i,
            pdfUrl: `/factures/${i.id}/${i.number}.pdf`,
            creditCents: split.creditCents,
            toPayCents: split.payfipCents,
          };
        }),
        settlements: settlementsOf(
          ctx.db,
          list.map((i) => i.id),
        ),
        credits: ctx.db
          .select({
            id: credits.id,
            amountCents: credits.amountCents,
            reason: credits.reason,
            createdAt: credits.createdAt,
          })
          .from(credits)
          .where(eq(credits.householdId, ctx.household.id))
          .orderBy(desc(credits.createdAt), desc(credits.id))
          .all(),
        creditBalanceCents: creditBalance(ctx.db, ctx.household.id),
        dueCents: list.reduce((s, i) => s + i.remainingCents, 0),
        payments: history.map((p) => ({
          id: p.id,
          refdet: p.refdet,
          forInvoice: p.invoiceId !== null,
          amountCents: p.amountCents,
          creditCents: p.creditCents,
          status: p.status,
          numauto: p.numauto,
          needsRefund: p.needsRefund,
          refundedAt: p.refundedAt,
          refundMethodLabel: p.refundMethod ? refundMethodLabels[p.refundMethod] : null,
          at: p.paidAt ?? p.createdAt,
        })),
      };
    }),

  get: householdProcedure
    .input(ZHouseholdInvoiceSchema)
    .output(
      ZInvoiceSummarySchema.extend({
        pdfUrl: z.string(),
        qfLabel: z.string(),
        billedName: z.string(),
        billedAddress: z.string(),
        lines: z.array(ZInvoiceLineSchema),
        settlements: z.array(ZSettlementSchema),
        paymentInProgress: z.boolean(),
      }),
    )
    .query(({ ctx, input }) => {
      const invoice = invoiceOf(ctx.db, input.invoiceId);
      if (!invoice || invoice.householdId !== ctx.household.id) {
        throw appError("NOT_FOUND", "Cette facture est introuvable.");
      }
      const settlements = settlementsOf(ctx.db, [invoice.id]);
      const pending = ctx.db
        .select({ id: payments.id })
        .from(payments)
        .where(and(eq(payments.invoiceId, invoice.id), eqConst(payments.status, "pending")))
        .get();
      return {
        ...toSummary({
          ...invoice,
          paidCents: settlements.reduce((s, x) => s + x.amountCents, 0),
        }),
        pdfUrl: `/factures/${invoice.id}/${invoice.number}.pdf`,
        qfLabel: invoice.qfLabel,
        billedName: invoice.billedName,
        billedAddress: invoice.billedAddress,
        lines: linesOf(ctx.db, invoice.id),
        settlements,
        paymentInProgress: Boolean(pending),
      };
    }),

  pay: householdProcedure
    .input(ZHouseholdInvoiceSchema)
    .output(
      z.object({
        /** "paid": the avoir covered it all, no PayFiP; the url is our own return page. */
        status: z.enum(["redirect", "paid"]),
        paymentId: z.number(),
        url: z.string(),
      }),
    )
    .mutation(({ ctx, input }) => {
      const payfip = ctx.services.payfip;
      if (!payfip) throw appError("PAYMENT_FAILED", "Le paiement en ligne n'est pas disponible.");
      return startInvoicePayment(ctx.db, payfip, {
        household: {
          id: ctx.household.id,
          name: ctx.household.name,
          email: ctx.household.email,
        },
        invoiceId: input.invoiceId,
        now: ctx.now,
        userId: ctx.user.id,
        publicUrl: ctx.config.publicUrl,
      });
    }),
} satisfies TRPCRouterRecord;

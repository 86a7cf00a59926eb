import { households, invoices, payments, users } from "@ef/db";
import { and, asc, desc, eq, isNotNull } from "drizzle-orm";
import { z } from "zod";
import { agentProcedure } from "../../trpc";
import { refundMethodLabels, refundMethodValues, ZRefundListSchema } from "./payments.schemas";

/** Refunds recorded that the page shows below the ones to make. */
const DONE_LIMIT = 20;

const ZRefundRowSchema = z.object({
  id: z.number(),
  refdet: z.string(),
  amountCents: z.number(),
  paidAt: z.string().nullable(),
  reason: z.string(),
  /** What was paid: a panier's reservations or an invoice (its number). */
  invoiceNumber: z.string().nullable(),
  household: z.object({ id: z.number(), accountCode: z.string(), name: z.string() }),
});

const ZRefundedRowSchema = ZRefundRowSchema.extend({
  refundedAt: z.string(),
  refundedBy: z.string(),
  method: z.enum(refundMethodValues),
  methodLabel: z.string(),
  reference: z.string(),
});

/**
 * "Remboursements": the payments flagged for refund (money PayFiP took that could not book or
 * was not needed), oldest first, and the latest refunds recorded — of one household on its file.
 */
export const paymentsToRefund = agentProcedure
  .input(ZRefundListSchema)
  .output(
    z.object({
      toRefund: z.array(ZRefundRowSchema),
      totalCents: z.number(),
      refunded: z.array(ZRefundedRowSchema),
    }),
  )
  .query(({ ctx, input }) => {
    const ofHousehold =
      input.householdId === undefined ? undefined : eq(payments.householdId, input.householdId);
    const columns = {
      id: payments.id,
      refdet: payments.refdet,
      amountCents: payments.amountCents,
      paidAt: payments.paidAt,
      refundNote: payments.refundNote,
      invoiceNumber: invoices.number,
      householdId: households.id,
      accountCode: households.accountCode,
      name: households.name,
    };
    const toRow = (r: {
      id: number;
      refdet: string;
      amountCents: number;
      paidAt: string | null;
      refundNote: string | null;
      invoiceNumber: string | null;
      householdId: number;
      accountCode: string;
      name: string;
    }) => ({
      id: r.id,
      refdet: r.refdet,
      amountCents: r.amountCents,
      paidAt: r.paidAt,
      reason: r.refundNote ?? "",
      invoiceNumber: r.invoiceNumber,
      household: { id: r.householdId, accountCode: r.accountCode, name: r.name },
    });
    const open = ctx.db
      .select(columns)
      .from(payments)
      .innerJoin(households, eq(households.id, payments.householdId))
      .leftJoin(invoices, eq(invoices.id, payments.invoiceId))
      .where(and(eq(payments.needsRefund, true), ofHousehold))
      .orderBy(asc(payments.updatedAt), asc(payments.id))
      .all();
    const done = ctx.db
      .select({
        ...columns,
        refundedAt: payments.refundedAt,
        refundedBy: users.displayName,
        method: payments.refundMethod,
        reference: payments.refundReference,
      })
      .from(payments)
      .innerJoin(households, eq(households.id, payments.householdId))
      .leftJoin(invoices, eq(invoices.id, payments.invoiceId))
      .leftJoin(users, eq(users.id, payments.refundedBy))
      .where(and(isNotNull(payments.refundedAt), ofHousehold))
      .orderBy(desc(payments.refundedAt), desc(payments.id))
      .limit(DONE_LIMIT)
      .all();
    return {
      toRefund: open.map(toRow),
      totalCents: open.reduce((s, r) => s + r.amountCents, 0),
      refunded: done.map((r) => {
        const method = r.method ?? "virement";
        return {
          ...toRow(r),
          refundedAt: r.refundedAt ?? "",
          refundedBy: r.refundedBy ?? "",
          method,
          methodLabel: refundMethodLabels[method],
          reference: r.reference ?? "",
        };
      }),
    };
  });

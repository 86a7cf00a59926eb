/** Reading invoices: summaries with what was received, lines, settlements, a statement. */
import { formatMonthFr } from "@ef/core";
import { households, invoiceLines, invoiceSettlements, invoices, type TDb } from "@ef/db";
import { type and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { settlementMethodLabels, type TInvoiceSummary } from "./billing.schemas";

const paidSum = sql<number>`coalesce((select sum(s.amount_cents) from invoice_settlements s where s.invoice_id = ${invoices.id}), 0)`;

const summaryColumns = {
  id: invoices.id,
  householdId: invoices.householdId,
  number: invoices.number,
  kind: invoices.kind,
  month: invoices.month,
  issuedAt: invoices.issuedAt,
  dueOn: invoices.dueOn,
  totalCents: invoices.totalCents,
  status: invoices.status,
  paidCents: paidSum,
};

type TRow = {
  id: number;
  number: string;
  kind: "facture" | "avoir";
  month: string;
  issuedAt: string;
  dueOn: string;
  totalCents: number;
  status: "unpaid" | "paid";
  paidCents: number;
};

export function toSummary(r: TRow): TInvoiceSummary {
  const remaining = r.kind === "facture" ? Math.max(0, r.totalCents - r.paidCents) : 0;
  return {
    id: r.id,
    number: r.number,
    kind: r.kind,
    month: r.month,
    monthLabel: formatMonthFr(r.month),
    issuedAt: r.issuedAt,
    dueOn: r.dueOn,
    totalCents: r.totalCents,
    paidCents: r.paidCents,
    remainingCents: r.status === "paid" ? 0 : remaining,
    status: r.status,
  };
}

/** A household's invoices and credit notes, newest first. */
export function householdInvoices(db: TDb, householdId: number) {
  return db
    .select(summaryColumns)
    .from(invoices)
    .where(eq(invoices.householdId, householdId))
    .orderBy(desc(invoices.issuedAt), desc(invoices.id))
    .all()
    .map(toSummary);
}

/** Issued invoices with their household, for the console's lists. */
export function issuedWhere(db: TDb, where: ReturnType<typeof and>) {
  return db
    .select({
      ...summaryColumns,
      accountCode: households.accountCode,
      householdName: households.name,
    })
    .from(invoices)
    .innerJoin(households, eq(households.id, invoices.householdId))
    .where(where)
    .orderBy(asc(invoices.kind), asc(invoices.number))
    .all()
    .map((r) => ({
      ...toSummary(r),
      householdId: r.householdId,
      accountCode: r.accountCode,
      householdName: r.householdName,
    }));
}

export function linesOf(db: TDb, invoiceId: number) {
  return db
    .select({
      id: invoiceLines.id,
      label: invoiceLines.label,
      date: invoiceLines.date,
      amountCents: invoiceLines.amountCents,
      reservationId: invoiceLines.reservationId,
      creditedReservationId: invoiceLines.creditedReservationId,
    })
    .from(invoiceLines)
    .where(eq(invoiceLines.invoiceId, invoiceId))
    .orderBy(asc(invoiceLines.id))
    .all()
    .map((l) => ({
      id: l.id,
      label: l.label,
      date: l.date,
      amountCents: l.amountCents,
      kind:
        l.creditedReservationId !== null
          ? ("credit" as const)
          : l.amountCents === 0 && l.reservationId !== null
            ? ("excused" as const)
            : ("day" as const),
    }));
}

/** Settlements of some invoices (receipts), newest first. */
export function settlementsOf(db: TDb, invoiceIds: readonly number[]) {
  if (invoiceIds.length === 0) return [];
  return db
    .select({
      id: invoiceSettlements.id,
      invoiceId: invoiceSettlements.invoiceId,
      invoiceNumber: invoices.number,
      amountCents: invoiceSettlements.amountCents,
      method: invoiceSettlements.method,
      reference: invoiceSettlements.reference,
      recordedAt: invoiceSettlements.recordedAt,
    })
    .from(invoiceSettlements)
    .innerJoin(invoices, eq(invoices.id, invoiceSettlements.invoiceId))
    .where(inArray(invoiceSettlements.invoiceId, [...invoiceIds]))
    .orderBy(desc(invoiceSettlements.recordedAt), desc(invoiceSettlements.id))
    .all()
    .map((s) => ({ ...s, methodLabel: settlementMethodLabels[s.method] ?? s.method }));
}

export function invoiceOf(db: TDb, invoiceId: number) {
  return db.select().from(invoices).where(eq(invoices.id, invoiceId)).get();
}

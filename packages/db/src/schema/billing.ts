import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { activities } from "./activities";
import { reservations } from "./bookings";
import { bool, day, id, instant } from "./common";
import { children, households } from "./households";
import { payments } from "./payments";
import { users } from "./users";

/** `facture`: a month's postpaid days; `avoir`: a credit note correcting an issued invoice. */
export const invoiceKinds = ["facture", "avoir"] as const;
export const invoiceStatuses = ["unpaid", "paid"] as const;

/**
 * An invoice, numbered per kind and year without gaps (`FA-2026-00001`, `AV-2026-00001`). Once
 * issued it never changes: only its settlements are added; corrections are credit notes.
 */
export const invoices = sqliteTable(
  "invoices",
  {
    id: id(),
    householdId: integer("household_id")
      .notNull()
      .references(() => households.id),
    kind: text("kind", { enum: invoiceKinds }).notNull(),
    year: integer("year").notNull(),
    seq: integer("seq").notNull(),
    number: text("number").notNull(),
    /** The month billed, `YYYY-MM`. */
    month: text("month").notNull(),
    /** The credit note's invoice. */
    correctsInvoiceId: integer("corrects_invoice_id"),
    issuedAt: instant("issued_at").notNull(),
    dueOn: day("due_on").notNull(),
    /** Sum of the lines (negative for a credit note). */
    totalCents: integer("total_cents").notNull(),
    /** The household as billed: QF bracket label, residency, address. */
    qfLabel: text("qf_label").notNull(),
    resident: bool("resident").notNull(),
    billedName: text("billed_name").notNull(),
    billedAddress: text("billed_address").notNull(),
    status: text("status", { enum: invoiceStatuses }).notNull(),
    paidAt: instant("paid_at"),
    reminderSentAt: instant("reminder_sent_at"),
    createdBy: integer("created_by").references(() => users.id),
  },
  (t) => [
    uniqueIndex("invoices_number_uq").on(t.number),
    uniqueIndex("invoices_kind_year_seq_uq").on(t.kind, t.year, t.seq),
    // One invoice per household and month: a repeated run adds nothing.
    uniqueIndex("invoices_household_month_uq")
      .on(t.householdId, t.month)
      .where(sql`${t.kind} = 'facture'`),
    index("invoices_household_idx").on(t.householdId, t.issuedAt),
    index("invoices_status_idx").on(t.status, t.dueOn),
    index("invoices_month_idx").on(t.month),
  ],
);

/**
 * A line: a booked day (child × activity × day) at the price stored when it was booked, or a
 * credit (negative) for a day excused after it was billed. A reservation is billed once and
 * credited at most once.
 */
export const invoiceLines = sqliteTable(
  "invoice_lines",
  {
    id: id(),
    invoiceId: integer("invoice_id")
      .notNull()
      .references(() => invoices.id),
    childId: integer("child_id").references(() => children.id),
    activityId: integer("activity_id").references(() => activities.id),
    date: day("date"),
    label: text("label").notNull(),
    amountCents: integer("amount_cents").notNull(),
    /** The day billed. */
    reservationId: integer("reservation_id").references(() => reservations.id),
    /** The day credited (accepted absence after billing). */
    creditedReservationId: integer("credited_reservation_id").references(() => reservations.id),
    /** Why a day is not billed or credited: the accepted absence. */
    absenceId: integer("absence_id"),
  },
  (t) => [
    index("invoice_lines_invoice_idx").on(t.invoiceId),
    uniqueIndex("invoice_lines_reservation_uq")
      .on(t.reservationId)
      .where(sql`${t.reservationId} is not null`),
    uniqueIndex("invoice_lines_credited_uq")
      .on(t.creditedReservationId)
      .where(sql`${t.creditedReservationId} is not null`),
  ],
);

export const settlementMethods = ["payfip", "especes", "cheque", "cesu", "avoir"] as const;

/** Money received for an invoice: online (PayFiP) or at the desk. A PayFiP payment counts once. */
export const invoiceSettlements = sqliteTable(
  "invoice_settlements",
  {
    id: id(),
    invoiceId: integer("invoice_id")
      .notNull()
      .references(() => invoices.id),
    amountCents: integer("amount_cents").notNull(),
    method: text("method", { enum: settlementMethods }).notNull(),
    /** Cheque number, CESU references, PayFiP refdet… */
    reference: text("reference").notNull().default(""),
    paymentId: integer("payment_id").references(() => payments.id),
    recordedAt: instant("recorded_at").notNull(),
    recordedBy: integer("recorded_by").references(() => users.id),
  },
  (t) => [
    index("invoice_settlements_invoice_idx").on(t.invoiceId),
    uniqueIndex("invoice_settlements_payment_uq")
      .on(t.paymentId)
      .where(sql`${t.paymentId} is not null`),
  ],
);

export const absenceStatuses = ["pending", "accepted", "refused"] as const;

/**
 * "Signaler une absence": a sick child on a booked day, with a medical certificate (stored like a
 * dossier piece). Accepted: the day's bookings are not billed, or credited on the next invoice.
 */
export const absences = sqliteTable(
  "absences",
  {
    id: id(),
    householdId: integer("household_id")
      .notNull()
      .references(() => households.id, { onDelete: "cascade" }),
    childId: integer("child_id")
      .notNull()
      .references(() => children.id, { onDelete: "cascade" }),
    date: day("date").notNull(),
    reason: text("reason").notNull().default(""),
    /** Path under DATA_DIR; never in a public folder. */
    filePath: text("file_path").notNull(),
    fileName: text("file_name").notNull(),
    mimeType: text("mime_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    status: text("status", { enum: absenceStatuses }).notNull(),
    declaredAt: instant("declared_at").notNull(),
    declaredBy: integer("declared_by").references(() => users.id),
    reviewedAt: instant("reviewed_at"),
    reviewedBy: integer("reviewed_by").references(() => users.id),
    refusalReason: text("refusal_reason"),
  },
  (t) => [
    uniqueIndex("absences_child_date_uq").on(t.childId, t.date),
    index("absences_status_idx").on(t.status, t.declaredAt),
    index("absences_household_idx").on(t.householdId, t.date),
  ],
);

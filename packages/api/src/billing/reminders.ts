import { addDays, formatEuros, formatMonthFr, parisDay, REMINDER_DAYS_BEFORE } from "@ef/core";
import { eqConst, households, immediate, invoices, type TDb } from "@ef/db";
import { invoiceReminderMail, queueMail } from "@ef/mail";
import { and, eq, gte, isNull, lte } from "drizzle-orm";
import { settledCents } from "./pay";
import { longDay } from "./run";

/**
 * The reminder job (every minute, beside the reconciliation): unpaid invoices due within 5 days
 * get one reminder. `reminder_sent_at` is set in the transaction that queues the mail, so a
 * second pass (or a second process) sends nothing.
 */
export function sendInvoiceReminders(db: TDb, now: Date, publicUrl: string): number {
  const today = parisDay(now);
  const due = db
    .select({ id: invoices.id })
    .from(invoices)
    .where(
      and(
        eqConst(invoices.kind, "facture"),
        eq(invoices.status, "unpaid"),
        isNull(invoices.reminderSentAt),
        gte(invoices.dueOn, today),
        lte(invoices.dueOn, addDays(today, REMINDER_DAYS_BEFORE)),
      ),
    )
    .all();
  let sent = 0;
  for (const { id } of due) {
    immediate(db, (tx) => {
      const claimed = tx
        .update(invoices)
        .set({ reminderSentAt: now.toISOString() })
        .where(
          and(eq(invoices.id, id), isNull(invoices.reminderSentAt), eq(invoices.status, "unpaid")),
        )
        .run();
      if (claimed.changes !== 1) return;
      const invoice = tx.select().from(invoices).where(eq(invoices.id, id)).get();
      const household = invoice
        ? tx
            .select({ name: households.name, email: households.email })
            .from(households)
            .where(eq(households.id, invoice.householdId))
            .get()
        : undefined;
      if (!invoice || !household) return;
      queueMail(
        tx,
        {
          kind: "invoice_reminder",
          to: household.email,
          ...invoiceReminderMail({
            name: household.name,
            number: invoice.number,
            monthLabel: formatMonthFr(invoice.month),
            amount: formatEuros(invoice.totalCents - settledCents(tx, invoice.id)),
            dueOn: longDay(invoice.dueOn),
            link: `${publicUrl}/espace/paiements`,
          }),
          householdId: invoice.householdId,
        },
        now,
      );
      sent++;
    });
  }
  return sent;
}

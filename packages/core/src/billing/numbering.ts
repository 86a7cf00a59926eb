import { addDays, addMonths, type TDay } from "../dates";

export type TInvoiceKind = "facture" | "avoir";

const PREFIX: Record<TInvoiceKind, string> = { facture: "FA", avoir: "AV" };

/** `FA-2026-00001`, `AV-2027-00012`: per kind and year, without gaps. */
export function invoiceNumber(kind: TInvoiceKind, year: number, seq: number): string {
  return `${PREFIX[kind]}-${year}-${String(seq).padStart(5, "0")}`;
}

/** The next number of a series, from the highest one issued (null: none yet). */
export function nextSeq(maxSeq: number | null): number {
  return (maxSeq ?? 0) + 1;
}

/** Paid on the 15th of the month after the invoice is issued. */
export function dueDateOf(issuedOn: TDay): TDay {
  return `${addMonths(issuedOn.slice(0, 7), 1)}-15`;
}

/** The reminder goes 5 days before the due date. */
export const REMINDER_DAYS_BEFORE = 5;

/**
 * Whether an unpaid invoice's reminder is due on `today`: from 5 days before the due date, up
 * to the due date itself (an invoice found late is not reminded after it is due).
 */
export function reminderDue(dueOn: TDay, today: TDay): boolean {
  return today >= addDays(dueOn, -REMINDER_DAYS_BEFORE) && today <= dueOn;
}

const monthNames = [
  "janvier",
  "février",
  "mars",
  "avril",
  "mai",
  "juin",
  "juillet",
  "août",
  "septembre",
  "octobre",
  "novembre",
  "décembre",
];

/** `2026-11` → "novembre 2026". */
export function formatMonthFr(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return `${monthNames[m - 1] ?? ""} ${y}`;
}

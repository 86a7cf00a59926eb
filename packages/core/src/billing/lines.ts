/**
 * Facturation: the lines of a household's monthly invoice, from its postpaid bookings and the
 * accepted absences (excused days). Pure: the caller reads the rows and writes the result.
 */
import { addMonths, daysOfMonth, type TDay } from "../dates";

/** A périscolaire booking as billing sees it. */
export type TBillableReservation = {
  id: number;
  childId: number;
  activityId: number;
  date: TDay;
  status: "booked" | "cancelled";
  /** The price stored when the day was booked: the tariff in force then. */
  priceCents: number;
  /** Only `postpaid` activities (périscolaire) are billed afterwards. */
  billingMode: "postpaid" | "prepaid" | "at_registration";
};

/** An absence accepted by an agent: the child's days that date are excused. */
export type TExcuse = { id: number; childId: number; date: TDay };

/** A day already billed at a price (a line of an issued invoice). */
export type TBilledDay = {
  reservationId: number;
  childId: number;
  activityId: number;
  date: TDay;
  amountCents: number;
};

export type TLineDraft =
  | {
      kind: "day";
      reservationId: number;
      childId: number;
      activityId: number;
      date: TDay;
      amountCents: number;
    }
  | {
      /** Booked, but excused before billing: shown at 0 € ("Absence justifiée"). */
      kind: "excused";
      reservationId: number;
      absenceId: number;
      childId: number;
      activityId: number;
      date: TDay;
      amountCents: 0;
    }
  | {
      /** Billed, then excused: the price comes back, negative. */
      kind: "credit";
      creditedReservationId: number;
      absenceId: number;
      childId: number;
      activityId: number;
      date: TDay;
      amountCents: number;
    };

/** `2026-11` → its last day, `2026-11-30`. */
export function lastDayOfMonth(month: string): TDay {
  const days = daysOfMonth(month);
  return days[days.length - 1] ?? `${month}-28`;
}

/**
 * A month can be invoiced once it is over (in Paris time): from the 1st of the next month.
 * `today` is the Paris day of "now".
 */
export function monthIsOver(month: string, today: TDay): boolean {
  return today >= `${addMonths(month, 1)}-01`;
}

const excuseKey = (childId: number, date: TDay) => `${childId}|${date}`;

/**
 * The lines of a run for `month`: every booked postpaid day up to the month's end not billed
 * yet (a day added late to a month already invoiced goes on the next invoice, under its own
 * date), excused days at 0 €, and a credit for every day billed earlier and excused since.
 * Sorted by date, child, activity; credits last.
 */
export function invoiceLines(input: {
  month: string;
  reservations: readonly TBillableReservation[];
  excuses: readonly TExcuse[];
  /** Reservation ids already on an invoice. */
  billed: ReadonlySet<number>;
  /** Days billed at a price on earlier invoices (candidates for a credit). */
  billedDays: readonly TBilledDay[];
  /** Reservation ids already credited. */
  credited: ReadonlySet<number>;
}): TLineDraft[] {
  const end = lastDayOfMonth(input.month);
  const excuses = new Map<string, number>();
  for (const e of input.excuses) excuses.set(excuseKey(e.childId, e.date), e.id);
  const out: TLineDraft[] = [];
  for (const r of input.reservations) {
    if (r.status !== "booked" || r.billingMode !== "postpaid") continue;
    if (r.date > end || input.billed.has(r.id)) continue;
    const base = {
      reservationId: r.id,
      childId: r.childId,
      activityId: r.activityId,
      date: r.date,
    };
    const absenceId = excuses.get(excuseKey(r.childId, r.date));
    out.push(
      absenceId === undefined
        ? { kind: "day", ...base, amountCents: r.priceCents }
        : { kind: "excused", ...base, absenceId, amountCents: 0 },
    );
  }
  const byDay = (a: TLineDraft, b: TLineDraft) =>
    a.date.localeCompare(b.date) || a.childId - b.childId || a.activityId - b.activityId;
  out.sort(byDay);
  const credits: TLineDraft[] = [];
  for (const b of input.billedDays) {
    if (b.amountCents <= 0 || input.credited.has(b.reservationId)) continue;
    const absenceId = excuses.get(excuseKey(b.childId, b.date));
    if (absenceId === undefined) continue;
    credits.push({
      kind: "credit",
      creditedReservationId: b.reservationId,
      absenceId,
      childId: b.childId,
      activityId: b.activityId,
      date: b.date,
      amountCents: -b.amountCents,
    });
  }
  credits.sort(byDay);
  return [...out, ...credits];
}

/** The sum of the lines, in cents. */
export function totalOf(lines: readonly { amountCents: number }[]): number {
  return lines.reduce((s, l) => s + l.amountCents, 0);
}

/**
 * What one run issues for a household: a facture for its days (with the credits when they do
 * not exceed them), or — when the credits are more than the days — the days on a facture and
 * the credits on a credit note (avoir), so that an invoice never has a negative total.
 */
export function splitDocuments(lines: readonly TLineDraft[]): {
  facture: TLineDraft[];
  avoir: TLineDraft[];
} {
  if (lines.length === 0) return { facture: [], avoir: [] };
  if (totalOf(lines) >= 0) return { facture: [...lines], avoir: [] };
  return {
    facture: lines.filter((l) => l.kind !== "credit"),
    avoir: lines.filter((l) => l.kind === "credit"),
  };
}

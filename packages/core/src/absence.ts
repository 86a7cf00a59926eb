import { addDays, parisDay, type TDay } from "./dates";

/**
 * Absences (issue "Signaler une absence"): a family declares an absence for a day the child was
 * booked, from that very day (the morning a child wakes up sick) until this many days after it,
 * week-ends included, so that a certificate obtained on a Monday still covers the Friday before.
 */
export const ABSENCE_DECLARATION_DAYS = 7;

export type TAbsenceWindow =
  | { ok: true; lastDay: TDay }
  | { ok: false; reason: "future" | "too_late"; lastDay: TDay };

/** The last day (Paris) on which an absence on `day` can be declared: day + 7, inclusive. */
export function absenceLastDeclarationDay(day: TDay): TDay {
  return addDays(day, ABSENCE_DECLARATION_DAYS);
}

/**
 * May an absence on `day` be declared at `now`? Not before the day itself (a day to come is
 * cancelled on the planning, not excused), nor after its last declaration day.
 */
export function absenceDeclarationWindow(day: TDay, now: Date): TAbsenceWindow {
  const today = parisDay(now);
  const lastDay = absenceLastDeclarationDay(day);
  if (day > today) return { ok: false, reason: "future", lastDay };
  if (today > lastDay) return { ok: false, reason: "too_late", lastDay };
  return { ok: true, lastDay };
}

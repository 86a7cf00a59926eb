import { addDays, isoWeekday, parisInstant, type TDay } from "./dates";

/** "J-2 avant 12:00, week-ends non comptés": changes allowed until `days` days before, at `time`. */
export type TDeadlineRule = { days: number; time: string; skipWeekends: boolean };

/**
 * The instant after which a day can no longer be booked or cancelled. Counting back `days` days
 * from the day; with `skipWeekends`, Saturdays and Sundays are not counted (a Monday's J-2 is the
 * Thursday before). The time is Paris wall-clock time, across daylight-saving changes.
 */
export function changeDeadline(rule: TDeadlineRule, day: TDay): Date {
  const key = `${rule.days}|${rule.time}|${rule.skipWeekends ? 1 : 0}|${day}`;
  const hit = cache.get(key);
  if (hit !== undefined) return new Date(hit);
  const at = computeDeadline(rule, day);
  if (cache.size >= 20_000) cache.clear();
  cache.set(key, at.getTime());
  return at;
}

// The planning asks the same deadlines on every page: kept, bounded.
const cache = new Map<string, number>();

function computeDeadline(rule: TDeadlineRule, day: TDay): Date {
  let d = day;
  let left = rule.days;
  while (left > 0) {
    d = addDays(d, -1);
    if (!rule.skipWeekends || isoWeekday(d) <= 5) left--;
  }
  return parisInstant(d, rule.time);
}

/** Whether a day may still be changed at `now` (strictly before the deadline). */
export function canChange(rule: TDeadlineRule, day: TDay, now: Date): boolean {
  return now.getTime() < changeDeadline(rule, day).getTime();
}

/** The rule in words: "J-2 avant 12:00, week-ends non comptés". */
export function describeDeadline(rule: TDeadlineRule): string {
  return `J-${rule.days} avant ${rule.time}${rule.skipWeekends ? ", week-ends non comptés" : ""}`;
}

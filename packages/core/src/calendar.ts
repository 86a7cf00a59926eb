import { isoWeekday, type TDay } from "./dates";

export type TCalendarPeriod = {
  kind: "school_holiday" | "public_holiday" | "closure";
  label: string;
  startsOn: TDay;
  endsOn: TDay;
};

/** A season's calendar, as the rules need it. */
export type TSeasonCalendar = {
  startsOn: TDay;
  endsOn: TDay;
  /** ISO weekdays with school (Albertville: Monday, Tuesday, Thursday, Friday). */
  schoolWeekdays: number[];
  periods: TCalendarPeriod[];
};

/** Which days of the calendar a weekday activity runs on. */
export type TDayKind = "school_days" | "wednesdays" | "holidays";

export type TOffer = { offered: true } | { offered: false; reason: string };

const periodOn = (cal: TSeasonCalendar, day: TDay, kind: TCalendarPeriod["kind"]) =>
  cal.periods.find((p) => p.kind === kind && p.startsOn <= day && day <= p.endsOn);

/**
 * Whether an activity runs on a day, and if not, why (in French, for the cell and the error).
 * School days: the school weekdays outside holidays. Wednesdays: outside holidays. Holidays:
 * the school holidays of the season. Public holidays and closures close everything.
 */
export function dayOffer(
  cal: TSeasonCalendar,
  activity: { dayKind: TDayKind; weekdays: number[] | null },
  day: TDay,
): TOffer {
  const holiday = periodOn(cal, day, "school_holiday");
  const inSeason = cal.startsOn <= day && day <= cal.endsOn;
  if (
    !inSeason &&
    !(activity.dayKind === "holidays" && holiday && holiday.startsOn <= cal.endsOn)
  ) {
    return { offered: false, reason: "hors de la saison" };
  }
  const publicHoliday = periodOn(cal, day, "public_holiday");
  if (publicHoliday) return { offered: false, reason: `jour férié (${publicHoliday.label})` };
  const closure = periodOn(cal, day, "closure");
  if (closure) return { offered: false, reason: `fermeture (${closure.label})` };
  const weekday = isoWeekday(day);
  if (activity.weekdays && !activity.weekdays.includes(weekday)) {
    return { offered: false, reason: "pas un jour de cette activité" };
  }
  switch (activity.dayKind) {
    case "school_days":
      if (holiday) return { offered: false, reason: `vacances scolaires (${holiday.label})` };
      if (!cal.schoolWeekdays.includes(weekday))
        return { offered: false, reason: "pas un jour d'école" };
      return { offered: true };
    case "wednesdays":
      if (holiday) return { offered: false, reason: `vacances scolaires (${holiday.label})` };
      if (weekday !== 3) return { offered: false, reason: "pas un mercredi" };
      return { offered: true };
    case "holidays":
      if (!holiday) return { offered: false, reason: "hors vacances scolaires" };
      if (weekday > 5) return { offered: false, reason: "week-end" };
      return { offered: true };
  }
}

/** "1,2,4,5" → [1, 2, 4, 5]; null or "" → null (every day of its kind). */
export function parseWeekdays(text: string | null): number[] | null {
  if (!text) return null;
  return text
    .split(",")
    .map((s) => Number(s.trim()))
    .filter((n) => n >= 1 && n <= 7);
}

import { ageOn, type TDay } from "./dates";

export type TEligibilityRule = {
  minAge: number | null;
  maxAge: number | null;
  classLevels: string[] | null;
};

export type TEligibility = { ok: true } | { ok: false; reason: string };

/** Whether a child may join an activity on a day: age in whole years, or class level. */
export function eligibility(
  rule: TEligibilityRule,
  child: { birthDate: TDay; classLevel: string | null },
  day: TDay,
): TEligibility {
  const age = ageOn(child.birthDate, day);
  if (rule.minAge !== null && age < rule.minAge) {
    return { ok: false, reason: `réservé aux enfants de ${rule.minAge} ans et plus` };
  }
  if (rule.maxAge !== null && age > rule.maxAge) {
    return { ok: false, reason: `réservé aux enfants de ${rule.maxAge} ans au plus` };
  }
  if (rule.classLevels && (!child.classLevel || !rule.classLevels.includes(child.classLevel))) {
    return { ok: false, reason: `réservé aux classes ${rule.classLevels.join(", ")}` };
  }
  return { ok: true };
}

/** School class levels in order, maternelle to lycée (the desk's list). */
export const CLASS_LEVEL_ORDER = [
  "PS",
  "MS",
  "GS",
  "CP",
  "CE1",
  "CE2",
  "CM1",
  "CM2",
  "6e",
  "5e",
  "4e",
  "3e",
  "2nde",
  "1re",
  "Tle",
] as const;

/**
 * The class a child will be in `years` school years later, assuming they move up each year
 * (a family registering for next year gives this year's class). Unknown levels stay as they are;
 * past the terminale, none.
 */
export function classLevelAfter(level: string | null, years: number): string | null {
  if (level === null || years <= 0) return level;
  const i = (CLASS_LEVEL_ORDER as readonly string[]).indexOf(level);
  if (i < 0) return level;
  return CLASS_LEVEL_ORDER[i + years] ?? null;
}

/**
 * How many school years (from 1 September) a season (code `2027-2028`) is ahead of the one a
 * day belongs to: 1 for next year's season, 0 for the running one.
 */
export function schoolYearsAhead(seasonCode: string, today: TDay): number {
  const seasonYear = Number(seasonCode.slice(0, 4));
  const [year, month] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  const running = month >= 9 ? year : year - 1;
  return Number.isFinite(seasonYear) ? Math.max(0, seasonYear - running) : 0;
}

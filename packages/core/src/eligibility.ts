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

/** Days are local dates in Europe/Paris, `YYYY-MM-DD`. */
export type TDay = string;

export const TIME_ZONE = "Europe/Paris";

const dayFormat = new Intl.DateTimeFormat("en-CA", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The Paris calendar day of an instant. */
export function parisDay(instant: Date): TDay {
  return dayFormat.format(instant);
}

/** Whole years of age on a given day (a birthday counts on the day itself). */
export function ageOn(birthDate: TDay, day: TDay): number {
  const [by, bm, bd] = birthDate.split("-").map(Number) as [number, number, number];
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

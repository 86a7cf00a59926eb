/**
 * Local dates as the API speaks them: a day is "YYYY-MM-DD", a month "YYYY-MM", both in
 * Albertville's time zone. Computed on UTC midnights so the browser's own zone never shifts a day.
 */

export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

function utc(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  const d = utc(day);
  d.setUTCDate(d.getUTCDate() + n);
  return isoDay(d);
}

/** 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: string): number {
  return ((utc(day).getUTCDay() + 6) % 7) + 1;
}

/** The Monday of the day's week. */
export function mondayOf(day: string): string {
  return addDays(day, 1 - isoWeekday(day));
}

export function monthOf(day: string): string {
  return day.slice(0, 7);
}

/** "2027-01-31" for "2027-01". */
export function lastDayOf(month: string): string {
  const [y = 0, m = 1] = month.split("-").map(Number);
  return isoDay(new Date(Date.UTC(y, m, 0)));
}

const longDay = new Intl.DateTimeFormat("fr-FR", {
  weekday: "long",
  day: "numeric",
  month: "long",
  timeZone: "UTC",
});

/** "lundi 7 décembre", "vendredi 1er janvier" (the API's wording). */
export function formatDay(day: string): string {
  return longDay.format(utc(day)).replace(/^(\S+) 1 /, "$1 1er ");
}

const monthName = new Intl.DateTimeFormat("fr-FR", {
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});

/** "décembre 2026". */
export function formatMonth(month: string): string {
  return monthName.format(utc(`${month}-01`));
}

const parisParts = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/Paris",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The day it is in Albertville at an instant. */
export function parisDay(instant: Date): string {
  const part = (type: string) => parisParts.formatToParts(instant).find((p) => p.type === type);
  return `${part("year")?.value}-${part("month")?.value}-${part("day")?.value}`;
}

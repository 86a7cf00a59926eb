import { addDays, type TDay } from "./dates";

/** Easter Sunday of a Gregorian year (anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): TDay {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/**
 * The eleven public holidays of metropolitan France (Code du travail, L3133-1) between two days,
 * both included, in date order: fixed dates, and Easter Monday, Ascension, Whit Monday.
 */
export function frenchPublicHolidays(from: TDay, to: TDay): { date: TDay; label: string }[] {
  const out: { date: TDay; label: string }[] = [];
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
    const easter = easterSunday(year);
    out.push(
      { date: `${year}-01-01`, label: "Jour de l'an" },
      { date: addDays(easter, 1), label: "Lundi de Pâques" },
      { date: `${year}-05-01`, label: "Fête du Travail" },
      { date: `${year}-05-08`, label: "Victoire 1945" },
      { date: addDays(easter, 39), label: "Ascension" },
      { date: addDays(easter, 50), label: "Lundi de Pentecôte" },
      { date: `${year}-07-14`, label: "Fête nationale" },
      { date: `${year}-08-15`, label: "Assomption" },
      { date: `${year}-11-01`, label: "Toussaint" },
      { date: `${year}-11-11`, label: "Armistice 1918" },
      { date: `${year}-12-25`, label: "Noël" },
    );
  }
  return out
    .filter((h) => h.date >= from && h.date <= to)
    .sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
}

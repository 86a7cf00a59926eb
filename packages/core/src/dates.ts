import { remember } from "./remember";

/** Days are local dates in Europe/Paris, `YYYY-MM-DD`. */
export type TDay = string;

export const TIME_ZONE = "Europe/Paris";

const dayFormat = new Intl.DateTimeFormat("en-CA", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

const partsFormat = new Intl.DateTimeFormat("en-US", {
  timeZone: TIME_ZONE,
  hourCycle: "h23",
  year: "numeric",
  month: "numeric",
  day: "numeric",
  hour: "numeric",
  minute: "numeric",
  second: "numeric",
});

/**
 * The Paris calendar day of an instant. Paris changes day on a whole minute (its offsets are whole
 * hours), so every instant of one UTC minute has the same day: the last minute's answer is kept —
 * every request asks for today's, and the formatter is the slow part.
 */
export function parisDay(instant: Date): TDay {
  const minute = Math.floor(instant.getTime() / 60_000);
  if (minute !== lastMinute) {
    if (Number.isNaN(minute)) return dayFormat.format(instant);
    lastDay = dayFormat.format(instant);
    lastMinute = minute;
  }
  return lastDay;
}
let lastMinute = Number.NaN;
let lastDay: TDay = "";

/** Minutes Paris is ahead of UTC at an instant (60 in winter, 120 in summer). */
function parisOffsetMinutes(instant: Date): number {
  const p: Record<string, number> = {};
  for (const part of partsFormat.formatToParts(instant)) {
    if (part.type !== "literal") p[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(
    p.year ?? 0,
    (p.month ?? 1) - 1,
    p.day ?? 1,
    p.hour ?? 0,
    p.minute ?? 0,
    p.second ?? 0,
  );
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The instant of a Paris wall-clock time on a day ("2026-12-03", "12:00"). In the autumn's
 * repeated hour the first occurrence is taken; in the spring's missing hour, the time after it.
 */
export function parisInstant(day: TDay, time: string): Date {
  const key = `${day} ${time}`;
  const hit = instantCache.get(key);
  if (hit !== undefined) return new Date(hit);
  const ms = computeParisInstant(day, time);
  remember(instantCache, key, ms);
  return new Date(ms);
}

// Planning pages ask the same days again and again: Intl is slow, so answers are kept (bounded).
const instantCache = new Map<string, number>();
const dayLabelCache = new Map<string, string>();
const instantLabelCache = new Map<number, string>();

function computeParisInstant(day: TDay, time: string): number {
  const [y, m, d] = splitDay(day);
  const [hh, mm] = time.split(":").map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  const first = wall - parisOffsetMinutes(new Date(wall - 60 * 60_000)) * 60_000;
  const second = wall - parisOffsetMinutes(new Date(first)) * 60_000;
  return Math.min(first, second);
}

export function splitDay(day: TDay): [number, number, number] {
  return day.split("-").map(Number) as [number, number, number];
}

/** The day `n` days after (or before, n < 0). */
export function addDays(day: TDay, n: number): TDay {
  const [y, m, d] = splitDay(day);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: TDay): number {
  const hit = weekdayCache.get(day);
  if (hit !== undefined) return hit;
  const [y, m, d] = splitDay(day);
  const w = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  const iso = w === 0 ? 7 : w;
  remember(weekdayCache, day, iso);
  return iso;
}
const weekdayCache = new Map<string, number>();

/** Every day of a month (`2026-12`). */
export function daysOfMonth(month: string): TDay[] {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const count = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return Array.from({ length: count }, (_, i) => `${month}-${String(i + 1).padStart(2, "0")}`);
}

/** `2026-12` → `2027-01` (n = 1) or `2026-11` (n = -1). */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + n, 1)).toISOString().slice(0, 7);
}

/** Whole years of age on a given day (a birthday counts on the day itself). */
export function ageOn(birthDate: TDay, day: TDay): number {
  // YYYY-MM-DD compares as text: no parsing needed.
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

const longDay = new Intl.DateTimeFormat("fr-FR", {
  timeZone: "UTC",
  weekday: "long",
  day: "numeric",
  month: "long",
});

/** "jeudi 14 janvier" (the seed's way of naming a day). */
export function formatDayFr(day: TDay): string {
  const hit = dayLabelCache.get(day);
  if (hit !== undefined) return hit;
  const [y, m, d] = splitDay(day);
  const label = longDay.format(new Date(Date.UTC(y, m - 1, d))).replace(/^(\S+) 1 /, "$1 1er ");
  remember(dayLabelCache, day, label);
  return label;
}

const instantFr = new Intl.DateTimeFormat("fr-FR", {
  timeZone: TIME_ZONE,
  weekday: "long",
  day: "numeric",
  month: "long",
  hour: "2-digit",
  minute: "2-digit",
});

/** "mardi 1 décembre à 12:00", Paris time. */
export function formatInstantFr(instant: Date): string {
  const hit = instantLabelCache.get(instant.getTime());
  if (hit !== undefined) return hit;
  const label = instantFr.format(instant).replace(/^(\S+) 1 /, "$1 1er ");
  remember(instantLabelCache, instant.getTime(), label);
  return label;
}

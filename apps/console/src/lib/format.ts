const dayFr = new Intl.DateTimeFormat("fr-FR", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});

/** "14 mai 2018" from a local date string `YYYY-MM-DD`. */
export function formatDay(day: string): string {
  const at = Date.parse(`${day}T00:00:00Z`);
  return Number.isNaN(at) ? day : dayFr.format(at);
}

const instantDayFr = new Intl.DateTimeFormat("fr-FR", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "Europe/Paris",
});

/** "14 mai 2026" from an instant (ISO 8601), on Albertville's calendar. */
export function formatDate(iso: string): string {
  const at = Date.parse(iso);
  return Number.isNaN(at) ? iso : instantDayFr.format(at);
}

/** Today in Albertville, as `YYYY-MM-DD`. */
export function todayInParis(now: number): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(now);
}

export function formatAge(age: number): string {
  return age < 2 ? `${age} an` : `${age} ans`;
}

/** "06 12 34 56 78" → "0612345678", for `tel:` links. */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, "")}`;
}

const dayFr = new Intl.DateTimeFormat("fr-FR", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});

/** French writes the first of the month "1er": "1er décembre 2026", "mardi 1er décembre". */
export function firstOfMonth(label: string): string {
  return label.replace(/(^|\s)1 (?=\p{L})/u, (_, before: string) => `${before}1er `);
}

/** "14 mai 2018" (and "1er juin 2018") from a local date string `YYYY-MM-DD`. */
export function formatDay(day: string): string {
  const at = Date.parse(`${day}T00:00:00Z`);
  return Number.isNaN(at) ? day : firstOfMonth(dayFr.format(at));
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
  return Number.isNaN(at) ? iso : firstOfMonth(instantDayFr.format(at));
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

/** "1 facture", "2 factures": the count and its noun, singular or plural as French says it. */
export function countOf(count: number, one: string, many: string): string {
  return `${count} ${count > 1 ? many : one}`;
}

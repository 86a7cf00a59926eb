const timeFr = new Intl.DateTimeFormat("fr-FR", {
  timeZone: "Europe/Paris",
  hour: "2-digit",
  minute: "2-digit",
});

/** "14:05", Europe/Paris. */
export function formatTimeFr(d: Date): string {
  return timeFr.format(d);
}

const euros = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" });

/** Amounts already written, by cents: a town's prices are few, and the formatter is slow. */
const written = new Map<number, string>();

/** Integer cents as French euros: 1234 → "12,34 €". */
export function formatEuros(cents: number): string {
  const hit = written.get(cents);
  if (hit !== undefined) return hit;
  const text = euros.format(cents / 100);
  if (written.size >= 10_000) written.clear();
  written.set(cents, text);
  return text;
}

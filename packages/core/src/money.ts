import { remember } from "./remember";

const euros = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" });

/** Amounts already written, by cents: a town's prices are few, and the formatter is slow. */
const written = new Map<number, string>();

/** Integer cents as French euros: 1234 → "12,34 €". */
export function formatEuros(cents: number): string {
  const hit = written.get(cents);
  if (hit !== undefined) return hit;
  const text = euros.format(cents / 100);
  remember(written, cents, text);
  return text;
}

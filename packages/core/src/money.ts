const euros = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" });

/** Integer cents as French euros: 1234 → "12,34 €". */
export function formatEuros(cents: number): string {
  return euros.format(cents / 100);
}

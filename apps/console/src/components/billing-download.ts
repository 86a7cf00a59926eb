/** Hands a CSV to the browser as a file. */
export function downloadCsv(fileName: string, csv: string) {
  const url = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const euros = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" });

/** "12,20 €". */
export function formatEuros(cents: number): string {
  return euros.format(cents / 100);
}

/** The month before `today` (`2026-12-01` → `2026-11`): the one usually invoiced. */
export function previousMonth(today: string): string {
  const [y, m] = today.split("-").map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
}

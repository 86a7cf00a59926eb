/** One line of a tariff grid. `qfMax` null: no upper bound. */
export type TTariff = {
  qfMin: number;
  qfMax: number | null;
  resident: boolean;
  priceCents: number;
};

export type TPrice = { priceCents: number; bracket: string };

/**
 * The price at a household's QF bracket and residency. An unknown QF pays the highest bracket
 * (the household has not proved a lower one). Null when the grid has no line for it.
 */
export function priceFor(
  grid: readonly TTariff[],
  household: { qf: number | null; resident: boolean },
): TPrice | null {
  const lines = grid
    .filter((t) => t.resident === household.resident)
    .sort((a, b) => a.qfMin - b.qfMin);
  if (lines.length === 0) return null;
  const qf = household.qf;
  const line =
    qf === null
      ? lines[lines.length - 1]
      : lines.find((t) => t.qfMin <= qf && (t.qfMax === null || qf <= t.qfMax));
  if (!line) return null;
  const bracket =
    line.qfMax === null ? `QF ${line.qfMin} et plus` : `QF ${line.qfMin} à ${line.qfMax}`;
  return {
    priceCents: line.priceCents,
    bracket: `${bracket}${household.resident ? "" : ", hors commune"}`,
  };
}

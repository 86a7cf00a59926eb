/**
 * Rules of the admins' catalogue: tariff grids that cover every QF, EMS groups that do not clash,
 * places that never drop below what is taken.
 */
import { formatDayFr } from "./dates";

/** "HH:MM" → minutes since midnight. */
function minutes(time: string): number {
  const [h, m] = time.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** Two time slots of the same day overlap (touching ends do not). */
export function timesOverlap(
  a: { startTime: string; endTime: string },
  b: { startTime: string; endTime: string },
): boolean {
  return minutes(a.startTime) < minutes(b.endTime) && minutes(b.startTime) < minutes(a.endTime);
}

export type TGroupSlot = {
  id?: number | undefined;
  name: string;
  weekday: number;
  startTime: string;
  endTime: string;
  location: string;
  coach: string;
};

const norm = (s: string) => s.trim().toLocaleLowerCase("fr");

/**
 * The first group that clashes with `candidate`: same weekday, overlapping times, and the same
 * place or the same coach (neither can be in two groups at once). Null when none.
 */
export function groupClash(
  candidate: TGroupSlot,
  others: readonly TGroupSlot[],
): { group: TGroupSlot; why: "place" | "coach" } | null {
  for (const g of others) {
    if (candidate.id !== undefined && g.id === candidate.id) continue;
    if (g.weekday !== candidate.weekday || !timesOverlap(g, candidate)) continue;
    if (norm(g.location) === norm(candidate.location)) return { group: g, why: "place" };
    if (candidate.coach.trim() && norm(g.coach) === norm(candidate.coach)) {
      return { group: g, why: "coach" };
    }
  }
  return null;
}

export type TTariffLine = { qfMin: number; qfMax: number | null; resident: boolean };

/**
 * A tariff grid must give one price to every household: for residents and for non-residents,
 * brackets from QF 0, without gap or overlap, the last one without upper bound. Returns the
 * French reason it does not, or null.
 */
export function tariffGridProblem(lines: readonly TTariffLine[]): string | null {
  for (const resident of [true, false]) {
    const problem = residencyProblem(
      resident ? "des résidents" : "hors commune",
      lines.filter((l) => l.resident === resident).sort((a, b) => a.qfMin - b.qfMin),
    );
    if (problem) return problem;
  }
  return null;
}

function residencyProblem(who: string, rows: readonly TTariffLine[]): string | null {
  if (rows.length === 0) return `La grille ${who} est vide : ajoutez au moins une tranche.`;
  let expected = 0;
  for (const [i, row] of rows.entries()) {
    if (row.qfMax !== null && row.qfMax < row.qfMin) {
      return `Grille ${who} : la tranche QF ${row.qfMin} à ${row.qfMax} se termine avant de commencer.`;
    }
    if (row.qfMin !== expected) {
      return row.qfMin < expected
        ? `Grille ${who} : la tranche qui commence à QF ${row.qfMin} chevauche la précédente.`
        : `Grille ${who} : aucune tranche ne couvre QF ${expected} à ${row.qfMin - 1}.`;
    }
    if (row.qfMax === null) {
      return i === rows.length - 1
        ? null
        : `Grille ${who} : seule la dernière tranche peut être sans limite haute.`;
    }
    expected = row.qfMax + 1;
  }
  return `Grille ${who} : la dernière tranche doit être sans limite haute (« et plus »).`;
}

/**
 * The highest number of places taken on any day, and that day: places may not go below it.
 * `used` maps days to places taken (bookings and holds).
 */
export function busiestDay(
  used: ReadonlyMap<string, number>,
): { day: string; used: number } | null {
  let best: { day: string; used: number } | null = null;
  for (const [day, n] of used) {
    if (!best || n > best.used || (n === best.used && day < best.day)) best = { day, used: n };
  }
  return best;
}

/** Why places cannot go down to `places`, in French, or null when they can. */
export function placesProblem(
  places: number | null,
  taken: { used: number; day?: string | undefined } | null,
): string | null {
  if (places === null || !taken || taken.used <= places) return null;
  const where = taken.day ? `le ${formatDayFr(taken.day)}, ` : "";
  return `Impossible de passer à ${places} place${places > 1 ? "s" : ""} : ${where}${taken.used} place${taken.used > 1 ? "s sont" : " est"} déjà prise${taken.used > 1 ? "s" : ""} (réservations, inscriptions et paniers en cours). Indiquez au moins ${taken.used} places.`;
}

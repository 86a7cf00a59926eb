import { parisDay } from "@ef/core";
import { seasons, type TDb } from "@ef/db";
import { and, asc, desc, gte, lte } from "drizzle-orm";

/** The season running today, else the next one, else the last one. */
export function currentSeason(db: TDb, now: Date) {
  const today = parisDay(now);
  const cols = { id: seasons.id, code: seasons.code, label: seasons.label };
  return (
    db
      .select(cols)
      .from(seasons)
      .where(and(lte(seasons.startsOn, today), gte(seasons.endsOn, today)))
      .get() ??
    db
      .select(cols)
      .from(seasons)
      .where(gte(seasons.startsOn, today))
      .orderBy(asc(seasons.startsOn))
      .get() ??
    db.select(cols).from(seasons).orderBy(desc(seasons.startsOn)).get() ??
    null
  );
}

import { basketLines, reservations, type TDb } from "@ef/db";
import { and, eq, gt, inArray, ne, sql } from "drizzle-orm";

/** Booked places of an activity, per day. */
export function bookedCounts(db: TDb, activityId: number, dates: string[]): Map<string, number> {
  if (dates.length === 0) return new Map();
  const rows = db
    .select({ date: reservations.date, n: sql<number>`count(*)` })
    .from(reservations)
    .where(
      and(
        eq(reservations.activityId, activityId),
        inArray(reservations.date, dates),
        eq(reservations.status, "booked"),
      ),
    )
    .groupBy(reservations.date)
    .all();
  return new Map(rows.map((r) => [r.date, r.n]));
}

/** Places held by paniers (other than `exceptBasketId`) whose hold has not lapsed, per day. */
export function heldCounts(
  db: TDb,
  activityId: number,
  dates: string[],
  now: Date,
  exceptBasketId: number | null,
): Map<string, number> {
  if (dates.length === 0) return new Map();
  const rows = db
    .select({ date: basketLines.date, n: sql<number>`count(*)` })
    .from(basketLines)
    .where(
      and(
        eq(basketLines.activityId, activityId),
        inArray(basketLines.date, dates),
        eq(basketLines.action, "add"),
        gt(basketLines.holdExpiresAt, now.toISOString()),
        exceptBasketId === null ? undefined : ne(basketLines.basketId, exceptBasketId),
      ),
    )
    .groupBy(basketLines.date)
    .all();
  return new Map(rows.map((r) => [r.date, r.n]));
}

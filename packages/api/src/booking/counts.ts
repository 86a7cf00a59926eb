import { basketLines, prepared, type TDb } from "@ef/db";
import { and, eq, gt, gte, lte, sql } from "drizzle-orm";

/**
 * Booked places of an activity, per day: `booked_day_counts`, kept by triggers on `reservations`
 * in the same transaction as every change (drizzle/0011_booked_day_counts.sql), one row a day.
 */
export function bookedCounts(db: TDb, activityId: number, dates: string[]): Map<string, number> {
  if (dates.length === 0) return new Map();
  const stmt = prepared(db, "counts.booked", (d) =>
    d.$client.prepare<[number, string], { date: string; n: number }>(
      `select date, n from booked_day_counts
          where activity_id = ? and date in (select value from json_each(?)) and n > 0`,
    ),
  );
  return new Map(stmt.all(activityId, JSON.stringify(dates)).map((r) => [r.date, r.n]));
}

/** Prepared once per database: the month planning asks these on every request. */
function prepareRangeCounts(db: TDb) {
  const p = {
    activityId: sql.placeholder("activityId"),
    from: sql.placeholder("from"),
    to: sql.placeholder("to"),
    now: sql.placeholder("now"),
  };
  return {
    booked: db.$client.prepare<[Record<string, unknown>], { date: string; n: number }>(
      `select date, n from booked_day_counts
        where activity_id = @activityId and date >= @from and date <= @to and n > 0`,
    ),
    held: db
      .select({
        date: basketLines.date,
        n: sql<number>`count(*)`,
        lapsesAt: sql<string>`min(${basketLines.holdExpiresAt})`,
      })
      .from(basketLines)
      .where(
        and(
          eq(basketLines.activityId, p.activityId),
          gte(basketLines.date, p.from),
          lte(basketLines.date, p.to),
          eq(basketLines.action, "add"),
          gt(basketLines.holdExpiresAt, p.now),
        ),
      )
      .groupBy(basketLines.date)
      .prepare(),
  };
}

type TRangeEntry = { version: string; at: number; until: number; counts: Map<string, number> };

/** Per database: the last counts per activity and range (every month planning asks them). */
const rangeCache = new WeakMap<
  TDb,
  { version: { get(): unknown }; entries: Map<string, TRangeEntry> }
>();

/**
 * Places taken (booked + live holds) of an activity, per day, between two days. The answer is
 * kept while nothing was written to the database — by this process (`total_changes()`) or another
 * (`data_version`) — and no counted hold has lapsed: exactly what the queries would say again.
 */
export function usedInRange(
  db: TDb,
  activityId: number,
  from: string,
  to: string,
  now: Date,
): Map<string, number> {
  const stmts = prepared(db, "counts.range", prepareRangeCounts);
  let cache = rangeCache.get(db);
  if (!cache) {
    cache = {
      version: db.$client
        .prepare(
          "select (select data_version from pragma_data_version()) || ':' || total_changes()",
        )
        .pluck(),
      entries: new Map(),
    };
    rangeCache.set(db, cache);
  }
  const version = String(cache.version.get());
  const key = `${activityId}:${from}:${to}`;
  const t = now.getTime();
  const hit = cache.entries.get(key);
  if (hit && hit.version === version && t >= hit.at && t < hit.until) return new Map(hit.counts);
  const out = new Map<string, number>();
  for (const r of stmts.booked.all({ activityId, from, to })) out.set(r.date, r.n);
  let until = Number.POSITIVE_INFINITY;
  for (const r of stmts.held.all({ activityId, from, to, now: now.toISOString() })) {
    out.set(r.date, (out.get(r.date) ?? 0) + r.n);
    until = Math.min(until, new Date(r.lapsesAt).getTime());
  }
  // Counts read inside a transaction may include its own writes, which a rollback undoes without
  // moving total_changes() back: only committed counts are kept.
  if (db.$client.inTransaction) return out;
  if (cache.entries.size > 200) cache.entries.clear();
  cache.entries.set(key, { version, at: t, until, counts: new Map(out) });
  return out;
}

/**
 * Places taken on one day of an activity: booked + live holds of every panier but
 * `exceptBasketId`'s, in one query (the holds from basket_lines_hold_idx alone).
 */
export function takenOn(
  db: TDb,
  activityId: number,
  date: string,
  now: Date,
  exceptBasketId: number | null,
): number {
  // Prepared once per database: every line judged ("Valider", "Payer", "Terminer") asks it.
  const stmt = prepared(db, "counts.day", (d) =>
    d.$client
      .prepare<[Record<string, unknown>], number>(
        `select coalesce((select n from booked_day_counts
                            where activity_id = @activityId and date = @date), 0)
              + (select count(*) from basket_lines
                  where activity_id = @activityId and date = @date and action = 'add'
                    and hold_expires_at > @now and basket_id <> @except)`,
      )
      .pluck(),
  );
  return stmt.get({
    activityId,
    date,
    now: now.toISOString(),
    except: exceptBasketId ?? -1,
  }) as number;
}

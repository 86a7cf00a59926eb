import { readFileSync } from "node:fs";
import { join } from "node:path";
import { migrationsFolder } from "@ef/db";
import { describe, expect, it } from "vitest";
import { activityId, childId, freshDb } from "../../test/helpers";
import { bookedCounts, takenOn, usedInRange } from "./counts";

type TDbOf = ReturnType<typeof freshDb>;

/** What the reservations say, counted the slow way: activity:date → booked places. */
function counted(db: TDbOf) {
  const rows = db.$client
    .prepare(
      `select activity_id as a, date as d, count(*) as n from reservations
        where status = 'booked' group by activity_id, date`,
    )
    .all() as { a: number; d: string; n: number }[];
  return Object.fromEntries(rows.map((r) => [`${r.a}:${r.d}`, r.n]));
}

/** What the triggers kept. */
function kept(db: TDbOf) {
  const rows = db.$client
    .prepare("select activity_id as a, date as d, n from booked_day_counts where n <> 0")
    .all() as { a: number; d: string; n: number }[];
  return Object.fromEntries(rows.map((r) => [`${r.a}:${r.d}`, r.n]));
}

const DAY = "2026-12-21";
const NEXT = "2026-12-22";
const NOW = new Date("2026-12-01T08:00:00Z");

describe("booked places per day, kept by the database", () => {
  it("follows every change to the reservations: booking, cancelling, rebooking, moving, deleting", () => {
    const db = freshDb();
    const activity = activityId(db, "vacances_elementaires");
    const lea = childId(db, "Léa");
    const hugo = childId(db, "Hugo");
    const c = db.$client;
    const insert = c.prepare(
      `insert or ignore into reservations (child_id, activity_id, date, status, price_cents, created_at)
       values (?, ?, ?, ?, 1000, '2026-12-01T08:00:00.000Z')`,
    );
    const on = (date: string) => takenOn(db, activity, date, NOW, null);
    // The demo's own bookings were counted by the migration.
    expect(kept(db)).toEqual(counted(db));
    const before = on(DAY);

    insert.run(lea, activity, DAY, "booked");
    insert.run(hugo, activity, DAY, "booked");
    // A second live booking of the same child and day is refused by the unique index: not counted.
    insert.run(lea, activity, DAY, "booked");
    // A cancelled row (history) is not a place.
    insert.run(lea, activity, NEXT, "cancelled");
    expect(on(DAY)).toBe(before + 2);
    expect(kept(db)).toEqual(counted(db));

    c.prepare(
      "update reservations set status = 'cancelled' where child_id = ? and activity_id = ? and date = ?",
    ).run(lea, activity, DAY);
    expect(on(DAY)).toBe(before + 1);
    c.prepare(
      "update reservations set status = 'booked' where child_id = ? and activity_id = ? and date = ?",
    ).run(lea, activity, NEXT);
    expect(on(NEXT)).toBe(counted(db)[`${activity}:${NEXT}`]);
    expect(bookedCounts(db, activity, [DAY, NEXT])).toEqual(
      new Map([
        [DAY, counted(db)[`${activity}:${DAY}`]],
        [NEXT, counted(db)[`${activity}:${NEXT}`]],
      ]),
    );
    expect(kept(db)).toEqual(counted(db));

    // Moved to another day: one place less on the first, one more on the second.
    const nextBefore = on(NEXT);
    c.prepare(
      "update reservations set date = ? where child_id = ? and activity_id = ? and date = ? and status = 'booked'",
    ).run(NEXT, hugo, activity, DAY);
    expect(on(DAY)).toBe(before);
    expect(on(NEXT)).toBe(nextBefore + 1);
    expect(kept(db)).toEqual(counted(db));

    // Deleted rows, directly and through a child deleted with them.
    c.prepare("delete from reservations where child_id = ? and date = ?").run(lea, NEXT);
    expect(kept(db)).toEqual(counted(db));
    c.prepare("delete from children where id = ?").run(hugo);
    expect(on(NEXT)).toBe(nextBefore - 1);
    expect(kept(db)).toEqual(counted(db));
    // The month planning's counts say the same.
    const month = usedInRange(db, activity, "2026-12-01", "2026-12-31", NOW);
    expect(month.get(NEXT) ?? 0).toBe(on(NEXT));
  });

  it("a rolled-back booking leaves the counts as they were", () => {
    const db = freshDb();
    const activity = activityId(db, "vacances_elementaires");
    const lea = childId(db, "Léa");
    const before = kept(db);
    expect(() =>
      db.$client.transaction(() => {
        db.$client
          .prepare(
            `insert into reservations (child_id, activity_id, date, status, price_cents, created_at)
             values (?, ?, ?, 'booked', 1000, '2026-12-01T08:00:00.000Z')`,
          )
          .run(lea, activity, DAY);
        throw new Error("échec après la réservation");
      })(),
    ).toThrow("échec après la réservation");
    expect(kept(db)).toEqual(before);
    expect(kept(db)).toEqual(counted(db));
  });

  it("the migration counts the reservations already there", () => {
    const db = freshDb();
    const activity = activityId(db, "vacances_elementaires");
    const lea = childId(db, "Léa");
    db.$client
      .prepare(
        `insert into reservations (child_id, activity_id, date, status, price_cents, created_at)
         values (?, ?, ?, 'booked', 1000, '2026-12-01T08:00:00.000Z')`,
      )
      .run(lea, activity, DAY);
    // As a database from before the migration: no table, no triggers; then the migration's SQL.
    const c = db.$client;
    c.exec(`drop trigger reservations_insert_day_count;
            drop trigger reservations_delete_day_count;
            drop trigger reservations_update_day_count;
            drop table booked_day_counts;`);
    const file = readFileSync(join(migrationsFolder, "0011_booked_day_counts.sql"), "utf8");
    for (const statement of file.split("--> statement-breakpoint")) c.exec(statement);
    expect(kept(db)).toEqual(counted(db));
    expect(kept(db)[`${activity}:${DAY}`]).toBeGreaterThanOrEqual(1);
  });
});

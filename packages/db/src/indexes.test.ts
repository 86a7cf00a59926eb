import { describe, expect, it } from "vitest";
import { migrate, openDb } from "./client";

describe("basket_lines_hold_idx", () => {
  it("holds only the lines that hold a place, and serves the count of live holds", () => {
    const db = openDb(":memory:");
    migrate(db);
    const ddl = db.$client
      .prepare("select sql from sqlite_master where name = 'basket_lines_hold_idx'")
      .pluck()
      .get() as string;
    expect(ddl).toMatch(/where "basket_lines"\."hold_expires_at" is not null/i);
    // The shape of the month planning's count (booking/counts.ts), values bound as parameters.
    const plan = db.$client
      .prepare(
        `explain query plan
         select date, count(*), min(hold_expires_at) from basket_lines
          where activity_id = ? and date >= ? and date <= ? and action = ? and hold_expires_at > ?
          group by date`,
      )
      .all(1, "2026-12-01", "2026-12-31", "add", "2026-12-01T08:00:00.000Z") as {
      detail: string;
    }[];
    expect(plan.map((r) => r.detail).join(" ")).toContain("basket_lines_hold_idx");
    db.$client.close();
  });
});

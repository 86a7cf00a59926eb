import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { migrate, openDb } from "./client";
import { eqConst } from "./constant";
import { reservations } from "./schema/index";

describe("eqConst", () => {
  it("writes the constant into the SQL, so the partial index serves and nothing is rebound", () => {
    const db = openDb(":memory:");
    migrate(db);
    const query = db
      .select({ id: reservations.id })
      .from(reservations)
      .where(and(eq(reservations.childId, 1), eqConst(reservations.status, "booked")))
      .toSQL();
    expect(query.sql).toContain(`"reservations"."status" = 'booked'`);
    expect(query.params).toEqual([1]);
    const plan = db.$client.prepare(`explain query plan ${query.sql}`).all(...query.params) as {
      detail: string;
    }[];
    expect(plan.map((r) => r.detail).join(" ")).toContain("reservations_booked_uq");
    db.$client.close();
  });

  it("refuses anything but a constant of the code", () => {
    expect(() => eqConst(sql`status`, "booked' or '1'='1")).toThrow(/pas une constante/);
    expect(() => eqConst(sql`status`, "")).toThrow(/pas une constante/);
  });
});

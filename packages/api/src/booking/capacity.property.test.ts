import { basketLines, reservations } from "@ef/db";
import { and, eq, gt } from "drizzle-orm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { activityId, addFamily, freshDb, manualClock } from "../../test/helpers";

const DAY = "2026-12-17";

type TOp =
  | { kind: "add" | "remove" | "confirm" | "view" | "cancelBooked"; family: number }
  | { kind: "advance"; minutes: number };

const op: fc.Arbitrary<TOp> = fc.oneof(
  fc.record({
    kind: fc.constantFrom("add", "remove", "confirm", "view", "cancelBooked"),
    family: fc.nat(3),
  }),
  fc.record({ kind: fc.constant("advance" as const), minutes: fc.integer({ min: 1, max: 25 }) }),
);

/** The refusals a family may meet; anything else is a bug. */
const EXPECTED = new Set(["CONFLICT", "BAD_REQUEST", "PRECONDITION_FAILED"]);

describe("capacity", () => {
  it("booked + held never exceeds the places, whatever the interleaving of holds, confirmations, expiries and cancellations", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 3 }),
        fc.array(op, { minLength: 5, maxLength: 30 }),
        async (places, ops) => {
          const db = freshDb();
          const clock = manualClock();
          const activity = activityId(db, "accueil_soir");
          db.$client
            .prepare("update activities set capacity = ? where id = ?")
            .run(places, activity);
          const families = Array.from({ length: 4 }, () =>
            addFamily(db, { age: 8, activityCodes: ["accueil_soir"], clock }),
          );
          const check = () => {
            const now = clock().toISOString();
            const booked = db
              .select()
              .from(reservations)
              .where(
                and(
                  eq(reservations.activityId, activity),
                  eq(reservations.date, DAY),
                  eq(reservations.status, "booked"),
                ),
              )
              .all().length;
            const held = db
              .select()
              .from(basketLines)
              .where(
                and(
                  eq(basketLines.activityId, activity),
                  eq(basketLines.date, DAY),
                  gt(basketLines.holdExpiresAt, now),
                ),
              )
              .all().length;
            expect(booked).toBeLessThanOrEqual(places);
            expect(booked + held).toBeLessThanOrEqual(places);
            // The count the checks read (kept by triggers) is the reservations' own.
            const kept = db.$client
              .prepare("select n from booked_day_counts where activity_id = ? and date = ?")
              .pluck()
              .get(activity, DAY) as number | undefined;
            expect(kept ?? 0).toBe(booked);
          };
          for (const o of ops) {
            if (o.kind === "advance") {
              clock.advance(o.minutes * 60_000);
              check();
              continue;
            }
            const f = families[o.family];
            if (!f) continue;
            const c = f.caller;
            const basket = await c.basket.get({ householdId: f.householdId });
            const change = (want: boolean) => ({
              childId: f.childId,
              activityId: activity,
              date: DAY,
              want,
            });
            try {
              if (o.kind === "add")
                await c.basket.setDays({
                  householdId: f.householdId,
                  version: basket.version,
                  changes: [change(true)],
                });
              if (o.kind === "remove")
                await c.basket.setDays({
                  householdId: f.householdId,
                  version: basket.version,
                  changes: [change(false)],
                });
              if (o.kind === "confirm" && basket.basketId) {
                await c.basket.confirm({
                  householdId: f.householdId,
                  basketId: basket.basketId,
                  version: basket.version,
                });
              }
              if (o.kind === "cancelBooked") {
                const out = await c.basket.setDays({
                  householdId: f.householdId,
                  version: basket.version,
                  changes: [change(false)],
                });
                if (out.basketId)
                  await c.basket.confirm({
                    householdId: f.householdId,
                    basketId: out.basketId,
                    version: out.version,
                  });
              }
            } catch (e) {
              const code = (e as { code?: string }).code ?? "";
              if (!EXPECTED.has(code)) throw e;
            }
            check();
          }
          db.$client.close();
        },
      ),
      { numRuns: 40 },
    );
  }, 120_000);
});

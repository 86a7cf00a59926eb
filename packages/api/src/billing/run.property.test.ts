import { invoiceLines, invoices, type TDb } from "@ef/db";
import { eq } from "drizzle-orm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { activityId, addFamily, freshDb } from "../../test/helpers";
import { issueMonth } from "./run";

const NOW = new Date("2026-12-01T08:00:00+01:00");
const NOVEMBER = Array.from({ length: 30 }, (_, i) => `2026-11-${String(i + 1).padStart(2, "0")}`);

describe("property: an issued invoice is the sum of its billable days at their booked price", () => {
  it("over random months of bookings, cancellations and excused absences, through the database", async () => {
    const db: TDb = freshDb();
    const activities = [
      "restauration",
      "accueil_soir",
      "accueil_matin",
      "vacances_elementaires",
    ].map((c) => activityId(db, c));
    const [, , , prepaid] = activities;
    const day = fc.record({
      activity: fc.integer({ min: 0, max: 3 }),
      day: fc.integer({ min: 0, max: 29 }),
      cancelled: fc.boolean(),
      priceCents: fc.integer({ min: 0, max: 1500 }),
    });
    let round = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(day, { maxLength: 25 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 29 }), { maxLength: 5 }),
        async (days, sick) => {
          round++;
          const family = addFamily(db);
          const seen = new Set<string>();
          let expected = 0;
          let expectedLines = 0;
          for (const d of days) {
            const date = NOVEMBER[d.day] ?? "2026-11-30";
            const activity = activities[d.activity] ?? 0;
            const key = `${activity}|${date}`;
            // One live booking per child, activity and day (the database's rule).
            if (!d.cancelled && seen.has(key)) continue;
            if (!d.cancelled) seen.add(key);
            db.$client
              .prepare(
                "insert into reservations (child_id, activity_id, date, status, price_cents, created_at) values (?, ?, ?, ?, ?, ?)",
              )
              .run(
                family.childId,
                activity,
                date,
                d.cancelled ? "cancelled" : "booked",
                d.priceCents,
                "2026-10-01T08:00:00.000Z",
              );
            if (d.cancelled || activity === prepaid) continue;
            expectedLines++;
            if (!sick.includes(d.day)) expected += d.priceCents;
          }
          for (const s of sick) {
            db.$client
              .prepare(
                "insert into absences (household_id, child_id, date, reason, file_path, file_name, mime_type, size_bytes, status, declared_at) values (?, ?, ?, '', 'x', 'x.pdf', 'application/pdf', 1, 'accepted', ?)",
              )
              .run(family.householdId, family.childId, NOVEMBER[s], "2026-11-30T08:00:00.000Z");
          }
          await issueMonth(db, { month: "2026-11", now: NOW, userId: null, publicUrl: "http://x" });
          const mine = db
            .select()
            .from(invoices)
            .where(eq(invoices.householdId, family.householdId))
            .all();
          if (expectedLines === 0) {
            expect(mine).toEqual([]);
            return;
          }
          expect(mine).toHaveLength(1);
          const invoice = mine[0];
          const lines = db
            .select()
            .from(invoiceLines)
            .where(eq(invoiceLines.invoiceId, invoice?.id ?? 0))
            .all();
          expect(invoice?.totalCents).toBe(expected);
          expect(lines).toHaveLength(expectedLines);
          expect(lines.reduce((t, l) => t + l.amountCents, 0)).toBe(expected);
          // Issuing again changes nothing.
          const again = await issueMonth(db, {
            month: "2026-11",
            now: NOW,
            userId: null,
            publicUrl: "http://x",
          });
          expect(again.factures).toBe(0);
        },
      ),
      { numRuns: 40 },
    );
    // Numbers of the year: 1..n, no gaps.
    const seqs = db
      .select({ seq: invoices.seq })
      .from(invoices)
      .where(eq(invoices.kind, "facture"))
      .all()
      .map((r) => r.seq)
      .sort((a, b) => a - b);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect(round).toBe(40);
  });
});

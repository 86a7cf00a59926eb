import { basketLines, mailOutbox, waitingList } from "@ef/db";
import { desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { activityId, addFamily, errorOf, freshDb, manualClock } from "../../test/helpers";
import { offerFreedPlaces } from "./service";

const DAY = "2026-12-17";
const HOUR = 3600_000;

function setup() {
  const db = freshDb();
  const clock = manualClock();
  const soir = activityId(db, "accueil_soir");
  db.$client.prepare("update activities set capacity = 1 where id = ?").run(soir);
  const fam = () => addFamily(db, { age: 8, activityCodes: ["accueil_soir"], clock });
  const a = fam();
  const b = fam();
  const c = fam();
  const day = (f: ReturnType<typeof fam>, want = true) => ({
    childId: f.childId,
    activityId: soir,
    date: DAY,
    want,
  });
  const book = async (f: ReturnType<typeof fam>, want = true) => {
    const basket = await f.caller.basket.get({ householdId: f.householdId });
    const put = await f.caller.basket.setDays({
      householdId: f.householdId,
      version: basket.version,
      changes: [day(f, want)],
    });
    return f.caller.basket.confirm({
      householdId: f.householdId,
      basketId: put.basketId ?? 0,
      version: put.version,
    });
  };
  const join = (f: ReturnType<typeof fam>) =>
    f.caller.waitingList.join({
      householdId: f.householdId,
      childId: f.childId,
      activityId: soir,
      date: DAY,
      groupId: null,
      sessionId: null,
    });
  return { db, clock, soir, a, b, c, book, join, day };
}

describe("liste d'attente", () => {
  it("is only for a full day; the first waiting family gets the freed place held 24 h with a mail", async () => {
    const s = setup();
    const notFull = await errorOf(s.join(s.b));
    expect(notFull.message).toContain("il reste de la place");
    await s.book(s.a);
    expect(await s.join(s.b)).toMatchObject({ position: 1 });
    expect(await s.join(s.c)).toMatchObject({ position: 2 });
    expect((await errorOf(s.join(s.b))).message).toContain("déjà sur la liste d'attente");

    expect(offerFreedPlaces(s.db, s.clock(), "http://localhost:3000")).toBe(0);
    await s.book(s.a, false); // A cancels: a place frees.
    expect(offerFreedPlaces(s.db, s.clock(), "http://localhost:3000")).toBe(1);
    const offered = await s.b.caller.basket.get({ householdId: s.b.householdId });
    expect(offered.lines).toEqual([expect.objectContaining({ date: DAY, action: "add" })]);
    expect(Date.parse(offered.lines[0]?.holdExpiresAt ?? "") - s.clock().getTime()).toBeGreaterThan(
      23 * HOUR,
    );
    const mail = s.db.select().from(mailOutbox).orderBy(desc(mailOutbox.id)).get();
    expect(mail?.kind).toBe("waiting_list_offer");
    expect(mail?.toAddress).toBe(`${s.b.code}@example.fr`);
    expect(mail?.textBody).toContain("/espace/panier");
    // The place is B's: C (behind) and anybody else find it full.
    const full = await errorOf(
      s.c.caller.basket.setDays({
        householdId: s.c.householdId,
        version: 0,
        changes: [s.day(s.c)],
      }),
    );
    expect(full.message).toContain("complet");
    // Renewing B's holds by looking at the panier never shortens the 24 h.
    s.clock.advance(2 * HOUR);
    await s.b.caller.basket.get({ householdId: s.b.householdId });
    const line = s.db
      .select()
      .from(basketLines)
      .where(eq(basketLines.date, DAY))
      .orderBy(desc(basketLines.id))
      .get();
    expect(Date.parse(line?.holdExpiresAt ?? "") - s.clock().getTime()).toBeGreaterThan(21 * HOUR);
  });

  it("an offer not taken in 24 h passes to the next family", async () => {
    const s = setup();
    await s.book(s.a);
    await s.join(s.b);
    await s.join(s.c);
    await s.book(s.a, false);
    offerFreedPlaces(s.db, s.clock(), "http://localhost:3000");
    // 24 hours later B did nothing. (The day's deadline is still ahead.)
    s.clock.set(new Date("2026-12-02T09:00:00+01:00"));
    expect(offerFreedPlaces(s.db, s.clock(), "http://localhost:3000")).toBe(1);
    expect((await s.b.caller.basket.get({ householdId: s.b.householdId })).lines).toHaveLength(0);
    expect((await s.c.caller.basket.get({ householdId: s.c.householdId })).lines).toHaveLength(1);
    const statuses = s.db
      .select({ status: waitingList.status })
      .from(waitingList)
      .all()
      .map((r) => r.status);
    expect(statuses).toEqual(["expired", "offered"]);
  });

  it("a family that confirms its offer is marked as served", async () => {
    const s = setup();
    await s.book(s.a);
    await s.join(s.b);
    await s.book(s.a, false);
    offerFreedPlaces(s.db, s.clock(), "http://localhost:3000");
    const basket = await s.b.caller.basket.get({ householdId: s.b.householdId });
    await s.b.caller.basket.confirm({
      householdId: s.b.householdId,
      basketId: basket.basketId ?? 0,
      version: basket.version,
    });
    offerFreedPlaces(s.db, s.clock(), "http://localhost:3000");
    expect(s.db.select({ status: waitingList.status }).from(waitingList).get()?.status).toBe(
      "taken",
    );
    expect(await s.b.caller.waitingList.mine({ householdId: s.b.householdId })).toEqual([]);
  });
});

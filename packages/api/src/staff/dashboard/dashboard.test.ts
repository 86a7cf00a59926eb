import {
  activitySessions,
  dossierPieces,
  dossiers,
  payments,
  registrations,
  reservations,
  seasons,
} from "@ef/db";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  activityId,
  addFamily,
  childId,
  DEMO_NOW,
  freshDb,
  householdId,
  makeCaller,
  manualClock,
} from "../../../test/helpers";

const db = freshDb();
const clock = manualClock();
const agent = makeCaller(db, { who: "agent", clock }).caller;
const mercredis = activityId(db, "mercredis_elementaires");
const season = db.select({ id: seasons.id }).from(seasons).get()?.id ?? 0;

describe("staff.dashboard.get", () => {
  it("counts what waits: registrations, pieces to check, payments to refund", async () => {
    const before = await agent.staff.dashboard.get();
    expect(before).toMatchObject({ today: "2026-12-01", until: "2026-12-14" });

    // A registration waiting for an agent.
    db.insert(registrations)
      .values({
        childId: childId(db, "Jade"),
        activityId: activityId(db, "accueil_matin"),
        seasonId: season,
        status: "pending",
        createdAt: DEMO_NOW.toISOString(),
      })
      .run();
    // Two more pieces uploaded by the Martins.
    const martin = householdId(db, "F00001");
    const dossier = db
      .select({ id: dossiers.id })
      .from(dossiers)
      .where(eq(dossiers.householdId, martin))
      .get();
    const martinPieces = db
      .select({ id: dossierPieces.id })
      .from(dossierPieces)
      .where(eq(dossierPieces.dossierId, dossier?.id ?? 0))
      .limit(2)
      .all();
    for (const p of martinPieces) {
      db.update(dossierPieces)
        .set({ status: "uploaded", uploadedAt: "2026-11-30T09:00:00.000Z" })
        .where(eq(dossierPieces.id, p.id))
        .run();
    }
    // A payment PayFiP took for places that were gone meanwhile.
    db.insert(payments)
      .values({
        householdId: martin,
        amountCents: 2450,
        refdet: "EF2026000042",
        exer: 2026,
        objet: "Accueils de loisirs",
        mel: "famille.martin@example.fr",
        status: "paid",
        paidAt: "2026-11-30T10:00:00.000Z",
        needsRefund: true,
        expiresAt: DEMO_NOW.toISOString(),
        createdAt: DEMO_NOW.toISOString(),
        updatedAt: DEMO_NOW.toISOString(),
      })
      .run();

    const after = await agent.staff.dashboard.get();
    expect(after.pendingRegistrations).toBe(before.pendingRegistrations + 1);
    expect(after.pieces.total).toBe(before.pieces.total + 2);
    expect(after.pieces.households.find((h) => h.accountCode === "F00001")).toEqual({
      id: martin,
      accountCode: "F00001",
      name: "Famille Martin",
      count: 2,
      oldestUploadedAt: "2026-11-30T09:00:00.000Z",
    });
    expect(after.refunds).toMatchObject({ total: 1, amountCents: 2450 });
    expect(after.refunds.payments[0]).toMatchObject({
      refdet: "EF2026000042",
      household: { accountCode: "F00001", name: "Famille Martin" },
    });
  });

  it("shows places left on the coming loisirs days: places − booked − live holds", async () => {
    const day = (d: Awaited<ReturnType<typeof agent.staff.dashboard.get>>, date: string) =>
      d.loisirs.find((a) => a.activityId === mercredis)?.days.find((x) => x.date === date);
    const start = await agent.staff.dashboard.get();
    // Wednesdays only, within the 14 days.
    expect(start.loisirs.find((a) => a.activityId === mercredis)?.days.map((d) => d.date)).toEqual([
      "2026-12-02",
      "2026-12-09",
    ]);
    const places = day(start, "2026-12-09")?.capacity ?? 0;
    expect(day(start, "2026-12-09")).toMatchObject({ taken: 0, left: places });

    // One booked day, and one held in another family's panier.
    const booked = addFamily(db, { activityCodes: ["mercredis_elementaires"], clock });
    db.insert(reservations)
      .values({
        childId: booked.childId,
        activityId: mercredis,
        date: "2026-12-09",
        status: "booked",
        priceCents: 900,
        createdAt: DEMO_NOW.toISOString(),
      })
      .run();
    const holding = addFamily(db, { activityCodes: ["mercredis_elementaires"], clock });
    await holding.caller.basket.setDays({
      householdId: holding.householdId,
      version: 0,
      changes: [
        { childId: holding.childId, activityId: mercredis, date: "2026-12-09", want: true },
      ],
    });
    expect(day(await agent.staff.dashboard.get(), "2026-12-09")).toMatchObject({
      taken: 2,
      left: places - 2,
    });
    // The hold lapses after 20 minutes: the place is free again.
    clock.advance(21 * 60_000);
    expect(day(await agent.staff.dashboard.get(), "2026-12-09")).toMatchObject({
      taken: 1,
      left: places - 1,
    });
  });

  it("shows places left in EMS groups and on the coming Territoire Jeune sessions", async () => {
    const start = await agent.staff.dashboard.get();
    const group = start.emsGroups[0];
    expect(group).toBeDefined();
    const session = start.tjSessions[0];
    expect(session?.date).toBe("2026-12-09");
    // Sessions after the 14 days wait for a later look.
    expect(start.tjSessions.every((s) => s.date <= "2026-12-14")).toBe(true);

    const fam = addFamily(db, { age: 13, clock });
    for (const ref of [{ groupId: group?.id ?? 0 }, { sessionId: session?.id ?? 0 }]) {
      const activity = ref.groupId
        ? activityId(db, "ems_multisports")
        : (db
            .select({ a: activitySessions.activityId })
            .from(activitySessions)
            .where(eq(activitySessions.id, ref.sessionId ?? 0))
            .get()?.a ?? 0);
      db.insert(registrations)
        .values({
          childId: fam.childId,
          activityId: activity,
          seasonId: season,
          status: "validated",
          createdAt: DEMO_NOW.toISOString(),
          ...ref,
        })
        .run();
    }
    const after = await agent.staff.dashboard.get();
    expect(after.emsGroups.find((g) => g.id === group?.id)).toMatchObject({
      taken: (group?.taken ?? 0) + 1,
      left: (group?.left ?? 0) - 1,
    });
    expect(after.tjSessions.find((s) => s.id === session?.id)).toMatchObject({
      taken: (session?.taken ?? 0) + 1,
      left: (session?.left ?? 0) - 1,
    });
  });
});

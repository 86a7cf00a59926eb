import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { verifyPassword } from "@ef/auth";
import { and, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { migrate, openDb, type TDb } from "../client";
import {
  activities,
  activityGroups,
  activitySessions,
  activityTypes,
  calendarPeriods,
  children,
  documents,
  dossierPieces,
  dossiers,
  households,
  news,
  registrations,
  reservations,
  seasons,
  tariffs,
  users,
} from "../schema/index";
import { isSeeded, seedDemo, seedFamilies, type TDemoAccount } from "./index";

const NOW = new Date("2026-12-01T07:00:00.000Z");

function freshDb(): { db: TDb; dataDir: string } {
  const dir = mkdtempSync(join(tmpdir(), "ef-seed-"));
  const db = openDb(join(dir, "t.db"));
  migrate(db);
  return { db, dataDir: join(dir, "data") };
}

function householdOf(db: TDb, accountCode: string) {
  const h = db.select().from(households).where(eq(households.accountCode, accountCode)).get();
  if (!h) throw new Error(`no household ${accountCode}`);
  return h;
}

describe("seedDemo", () => {
  const { db, dataDir } = freshDb();
  let accounts: TDemoAccount[] = [];

  beforeAll(async () => {
    expect(isSeeded(db)).toBe(false);
    accounts = await seedDemo(db, { dataDir, now: NOW });
  });

  it("returns the four demo accounts of DESIGN.md", () => {
    expect(accounts.map((a) => [a.login, a.password])).toEqual([
      ["F00001", "Martin-Albertville-2026"],
      ["F00002", "Bernard-Albertville-2026"],
      ["agent", "Guichet-Albertville-2026"],
      ["admin", "Admin-Albertville-2026"],
    ]);
  });

  it("creates the logins with their roles, and the passwords work as printed", async () => {
    const rows = db.select().from(users).all();
    const byLogin = new Map(rows.map((u) => [u.login, u]));
    expect(byLogin.get("f00001")?.role).toBe("parent");
    expect(byLogin.get("f00002")?.role).toBe("parent");
    expect(byLogin.get("agent")?.role).toBe("agent");
    expect(byLogin.get("admin")?.role).toBe("admin");
    expect(rows).toHaveLength(4);
    expect(byLogin.get("f00001")?.householdId).toBe(householdOf(db, "F00001").id);
    expect(byLogin.get("f00001")?.email).toBe("famille.martin@example.fr");
    expect(byLogin.get("f00002")?.displayName).toBe("Famille Bernard");
    for (const a of accounts) {
      const user = byLogin.get(a.login.toLowerCase());
      expect(user?.mustChangePassword).toBe(false);
      expect(await verifyPassword(user?.passwordHash ?? "", a.password)).toBe(true);
      expect(await verifyPassword(user?.passwordHash ?? "", `${a.password}x`)).toBe(false);
    }
  });

  it("gives Léa and Hugo to the Martin family, with their birth dates and classes", () => {
    const martin = householdOf(db, "F00001");
    expect(martin.name).toBe("Famille Martin");
    expect(martin.resident).toBe(true);
    expect(martin.postalCode).toBe("73200");
    const kids = db
      .select()
      .from(children)
      .where(eq(children.householdId, martin.id))
      .all()
      .map((c) => [c.firstName, c.birthDate, c.classLevel]);
    expect(kids).toEqual(
      expect.arrayContaining([
        ["Léa", "2018-05-14", "CE2"],
        ["Hugo", "2014-03-02", "5e"],
      ]),
    );
    expect(kids).toHaveLength(2);
    const bernardKids = db
      .select()
      .from(children)
      .where(eq(children.householdId, householdOf(db, "F00002").id))
      .all();
    expect(bernardKids.map((c) => [c.firstName, c.birthDate, c.classLevel])).toEqual([
      ["Jade", "2021-09-30", "GS"],
    ]);
  });

  it("has the Martin dossier complete and the Bernard dossier incomplete", () => {
    const season = db.select().from(seasons).where(eq(seasons.code, "2026-2027")).get();
    expect(season).toMatchObject({ startsOn: "2026-09-01", zone: "A", schoolWeekdays: "1,2,4,5" });
    const dossierOf = (code: string) => {
      const d = db
        .select()
        .from(dossiers)
        .where(
          and(
            eq(dossiers.householdId, householdOf(db, code).id),
            eq(dossiers.seasonId, season?.id ?? 0),
          ),
        )
        .get();
      if (!d) throw new Error(`no dossier for ${code}`);
      const pieces = db.select().from(dossierPieces).where(eq(dossierPieces.dossierId, d.id)).all();
      return { ...d, pieces };
    };
    const martin = dossierOf("F00001");
    expect(martin.status).toBe("complete");
    expect(martin.pieces).toHaveLength(5);
    expect(martin.pieces.every((p) => p.status === "accepted")).toBe(true);
    const bernard = dossierOf("F00002");
    expect(bernard.status).toBe("incomplete");
    expect(bernard.pieces.some((p) => p.status === "missing")).toBe(true);
    for (const p of [...martin.pieces, ...bernard.pieces]) {
      if (p.filePath) expect(existsSync(join(dataDir, p.filePath))).toBe(true);
    }
  });

  it("registers Léa to the school lunch only, with December days booked", () => {
    const [lea, hugo] = ["Léa", "Hugo"].map((name) => {
      const c = db.select().from(children).where(eq(children.firstName, name)).get();
      if (!c) throw new Error(name);
      return c;
    }) as [typeof children.$inferSelect, typeof children.$inferSelect];
    const regs = db
      .select({ status: registrations.status, activity: activities.name })
      .from(registrations)
      .innerJoin(activities, eq(activities.id, registrations.activityId))
      .where(eq(registrations.childId, lea.id))
      .all();
    expect(regs).toEqual([{ status: "validated", activity: "Restauration scolaire (midi)" }]);
    expect(db.select().from(registrations).all()).toHaveLength(1);
    expect(db.select().from(registrations).where(eq(registrations.childId, hugo.id)).all()).toEqual(
      [],
    );

    const booked = db.select().from(reservations).where(eq(reservations.childId, lea.id)).all();
    expect(booked.map((r) => r.date).sort()).toEqual([
      "2026-12-03",
      "2026-12-04",
      "2026-12-07",
      "2026-12-08",
    ]);
    expect(booked.every((r) => r.status === "booked")).toBe(true);
    // QF 950, resident: the 801-1200 bracket of the lunch grid.
    const lunchTariff = db
      .select()
      .from(tariffs)
      .innerJoin(activities, eq(activities.id, tariffs.activityId))
      .where(
        and(
          eq(activities.code, "restauration"),
          eq(tariffs.qfMin, 801),
          eq(tariffs.resident, true),
        ),
      )
      .get();
    expect(booked.every((r) => r.priceCents === lunchTariff?.tariffs.priceCents)).toBe(true);
  });

  it("books no day on a public holiday, a school holiday, a closure or a Wednesday", () => {
    const periods = db.select().from(calendarPeriods).all();
    expect(periods.filter((p) => p.kind === "public_holiday")).toHaveLength(9);
    expect(periods.find((p) => p.kind === "closure")?.startsOn).toBe("2027-05-07");
    for (const r of db.select().from(reservations).all()) {
      expect(new Date(`${r.date}T12:00:00Z`).getUTCDay()).not.toBe(3);
      for (const p of periods) {
        expect(r.date >= p.startsOn && r.date <= p.endsOn, `${r.date} in ${p.label}`).toBe(false);
      }
    }
  });

  it("offers the four activity types, EMS groups and Territoire Jeune sessions", () => {
    const types = db.select().from(activityTypes).all();
    expect(types.map((t) => t.code).sort()).toEqual(
      ["ems", "loisirs", "periscolaire", "territoire_jeune"].sort(),
    );
    const typeId = (code: string) => types.find((t) => t.code === code)?.id ?? -1;

    const ems = db
      .select()
      .from(activities)
      .where(eq(activities.typeId, typeId("ems")))
      .all();
    expect(ems.map((a) => a.name).sort()).toEqual(
      ["Escalade", "Multisports", "Natation", "Ski de fond"].sort(),
    );
    for (const a of ems) {
      const groups = db
        .select()
        .from(activityGroups)
        .where(eq(activityGroups.activityId, a.id))
        .all();
      expect(groups.length, a.name).toBeGreaterThanOrEqual(2);
      expect(groups.length, a.name).toBeLessThanOrEqual(3);
      for (const g of groups) expect(g.capacity).toBeLessThanOrEqual(12);
    }

    const tj = db
      .select({ id: activities.id })
      .from(activities)
      .where(eq(activities.typeId, typeId("territoire_jeune")))
      .all();
    const sessions = db
      .select()
      .from(activitySessions)
      .where(
        inArray(
          activitySessions.activityId,
          tj.map((a) => a.id),
        ),
      )
      .all();
    const teen = sessions.filter((s) => s.minAge === 11 && s.maxAge === 17);
    expect(teen.length).toBeGreaterThanOrEqual(4);
    expect(sessions.every((s) => s.date > "2026-12-01" && s.priceCents !== null)).toBe(true);

    // Every activity has a full tariff grid, non-residents paying more.
    for (const a of db.select().from(activities).all()) {
      const grid = db.select().from(tariffs).where(eq(tariffs.activityId, a.id)).all();
      expect(grid.length, a.name).toBeGreaterThanOrEqual(8);
      for (const r of grid.filter((t) => t.resident)) {
        const other = grid.find((t) => !t.resident && t.qfMin === r.qfMin);
        expect(other?.priceCents ?? 0, a.name).toBeGreaterThan(r.priceCents);
      }
    }
  });

  it("publishes news and PDF documents", () => {
    const items = db.select().from(news).all();
    expect(items.filter((n) => n.status === "published" && n.publishedAt)).toHaveLength(3);
    expect(items.filter((n) => n.status === "draft")).toHaveLength(1);
    const docs = db.select().from(documents).all();
    expect(docs.map((d) => d.category)).toEqual(
      expect.arrayContaining(["reglement", "tarifs", "menus"]),
    );
    for (const d of docs) {
      expect(d.filePath.startsWith("/")).toBe(false);
      const bytes = readFileSync(join(dataDir, d.filePath));
      expect(bytes.length).toBe(d.sizeBytes);
      expect(bytes.subarray(0, 8).toString("latin1")).toBe("%PDF-1.4");
      expect(bytes.subarray(-6).toString("latin1")).toBe("%%EOF\n");
      // The cross-reference table points at the objects.
      const text = bytes.toString("latin1");
      const xrefAt = Number(/startxref\n(\d+)/.exec(text)?.[1]);
      expect(text.slice(xrefAt, xrefAt + 4)).toBe("xref");
      const firstOffset = Number(/0000000000 65535 f \n(\d{10})/.exec(text)?.[1]);
      expect(text.slice(firstOffset, firstOffset + 7)).toBe("1 0 obj");
    }
  });

  it("is seeded, and refuses to seed twice", async () => {
    expect(isSeeded(db)).toBe(true);
    await expect(seedDemo(db, { dataDir, now: NOW })).rejects.toThrow();
  });

  it("adds generated families after the demo ones", async () => {
    await seedFamilies(db, 50, { now: NOW, seed: 7 });
    const all = db.select().from(households).all();
    expect(all).toHaveLength(52);
    const codes = all.map((h) => h.accountCode);
    expect(new Set(codes).size).toBe(52);
    expect(codes).toContain("F00003");
    expect(codes).toContain("F00052");
    const parents = db.select().from(users).where(eq(users.role, "parent")).all();
    expect(parents).toHaveLength(52);
    expect(parents.every((u) => u.login === u.login.toLowerCase())).toBe(true);
    const generated = db.select().from(users).where(eq(users.login, "f00052")).get();
    expect(await verifyPassword(generated?.passwordHash ?? "", "Famille-Demo-2026")).toBe(true);
    // One to three children of 3 to 17 per family.
    const kids = db.select().from(children).all();
    for (const h of all.slice(2)) {
      const n = kids.filter((c) => c.householdId === h.id).length;
      expect(n).toBeGreaterThanOrEqual(1);
      expect(n).toBeLessThanOrEqual(3);
    }
    for (const c of kids) {
      const age = 2026 - Number(c.birthDate.slice(0, 4));
      expect(age).toBeGreaterThanOrEqual(3);
      expect(age).toBeLessThanOrEqual(18);
    }
    await seedFamilies(db, 10, { now: NOW });
    expect(db.select().from(households).all()).toHaveLength(62);
  });
});

describe("seedFamilies", () => {
  it("is deterministic for a seed", async () => {
    const names = async () => {
      const { db } = freshDb();
      await seedFamilies(db, 20, { now: NOW, seed: 42 });
      return db
        .select({ code: households.accountCode, name: households.name, qf: households.qf })
        .from(households)
        .all();
    };
    const [a, b] = [await names(), await names()];
    expect(a).toEqual(b);
    expect(a[0]?.code).toBe("F00001");
  });
});

import { mailOutbox, openDb, reservations } from "@ef/db";
import { and, desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  activityId,
  addFamily,
  childId,
  errorOf,
  freshDb,
  householdId,
  makeCaller,
  manualClock,
  register,
} from "../../test/helpers";
import { ZMonthOutputSchema } from "./month";

type TDb = ReturnType<typeof freshDb>;
const MINUTE = 60_000;

function setup() {
  const db = freshDb();
  const clock = manualClock();
  const martin = householdId(db, "F00001");
  const lea = childId(db, "Léa");
  const hugo = childId(db, "Hugo");
  const resto = activityId(db, "restauration");
  const { caller } = makeCaller(db, { who: "F00001", clock });
  return { db, clock, martin, lea, hugo, resto, caller };
}

type TCellLike = { childId: number; activityId: number; state: string; note?: string | null };
const cellOf = (
  month: { days: { date: string; cells: TCellLike[] }[] },
  date: string,
  child: number,
  activity: number,
) =>
  month.days
    .find((d) => d.date === date)
    ?.cells.find((c) => c.childId === child && c.activityId === activity);

const mails = (db: TDb) => db.select().from(mailOutbox).orderBy(desc(mailOutbox.id)).all();

describe("planning.month", () => {
  it("answers exactly its declared shape, month after month, and follows a catalogue change", async () => {
    const { db, caller, martin, lea, resto } = setup();
    for (const month of ["2026-09", "2026-12", "2027-02", "2027-07"]) {
      const m = await caller.planning.month({ householdId: martin, month });
      // Parsed (unknown keys stripped) it is the same: nothing more, nothing less, right types.
      expect(ZMonthOutputSchema.parse(m)).toEqual(m);
    }
    // The planning keeps the catalogue's days in memory: a change shows at once.
    expect(
      cellOf(
        await caller.planning.month({ householdId: martin, month: "2026-12" }),
        "2026-12-04",
        lea,
        resto,
      )?.note,
    ).toMatch(/^modifiable jusqu'au/);
    db.$client.prepare("update activities set deadline_days = 30 where id = ?").run(resto);
    const after = await caller.planning.month({ householdId: martin, month: "2026-12" });
    // Léa's booked lunch of Friday 4 December can no longer be cancelled.
    expect(cellOf(after, "2026-12-04", lea, resto)).toMatchObject({
      state: "booked",
      editable: false,
    });
    expect(cellOf(after, "2026-12-04", lea, resto)?.note).toMatch(/^était modifiable jusqu'au/);
  });

  it("shows Léa's booked December lunches, closed, non-offered and holiday days in words", async () => {
    const { caller, martin, lea, resto } = setup();
    const m = await caller.planning.month({ householdId: martin, month: "2026-12" });
    expect(m.monthLabel).toBe("décembre 2026");
    expect(m.children.find((c) => c.id === lea)?.activities.map((a) => a.name)).toEqual([
      "Restauration scolaire (midi)",
    ]);
    expect(cellOf(m, "2026-12-03", lea, resto)).toMatchObject({ state: "booked", editable: true });
    expect(cellOf(m, "2026-12-02", lea, resto)).toMatchObject({
      state: "not_offered",
      note: "pas un jour de cette activité",
    });
    expect(cellOf(m, "2026-12-21", lea, resto)).toMatchObject({
      state: "not_offered",
      note: "vacances scolaires (Vacances de Noël)",
    });
    // Tuesday 1 December: its deadline was Thursday 26 November at noon.
    expect(cellOf(m, "2026-12-01", lea, resto)).toMatchObject({
      state: "closed",
      editable: false,
      note: "était modifiable jusqu'au vendredi 27 novembre à 12:00",
    });
    expect(cellOf(m, "2026-12-10", lea, resto)).toMatchObject({
      state: "available",
      editable: true,
      priceCents: 340,
    });
    expect(m.basket).toEqual({ id: null, version: 0, lineCount: 0 });
  });

  it("opens on the current month, or on the next when nothing in the current one can change", async () => {
    const { db, caller, clock, martin } = setup();
    const opensOn = async () => (await caller.planning.month({ householdId: martin })).month;
    // Tuesday 1 December: most of December can still change.
    expect(await opensOn()).toBe("2026-12");
    // Friday 20 November, 9:00: Tuesday 24 can still change until noon today.
    clock.set(new Date("2026-11-20T09:00:00+01:00"));
    expect(await opensOn()).toBe("2026-11");
    // Sunday 29 November: Monday 30 closed on Thursday 26 at noon — December, with its label.
    clock.set(new Date("2026-11-29T10:00:00+01:00"));
    const opened = await caller.planning.month({ householdId: martin });
    expect([opened.month, opened.monthLabel, opened.previous]).toEqual([
      "2026-12",
      "décembre 2026",
      "2026-11",
    ]);
    // Asked for, the month that ends is shown.
    const november = await caller.planning.month({ householdId: martin, month: "2026-11" });
    expect(november.month).toBe("2026-11");
    // A family with nothing to book (Jade's registration awaits the guichet) stays on the month.
    const bernard = makeCaller(db, { who: "F00002", clock }).caller;
    const jade = await bernard.planning.month({ householdId: householdId(db, "F00002") });
    expect(jade.month).toBe("2026-11");
  });
});

describe("the panier: Valider, récapitulatif, Terminer", () => {
  it("books and cancels days, mails the confirmation once, and empties the panier", async () => {
    const { db, caller, martin, lea, resto } = setup();
    const v1 = await caller.basket.setDays({
      householdId: martin,
      version: 0,
      changes: [
        { childId: lea, activityId: resto, date: "2026-12-10", want: true },
        { childId: lea, activityId: resto, date: "2026-12-11", want: true },
        { childId: lea, activityId: resto, date: "2026-12-07", want: false },
      ],
    });
    expect(v1.version).toBe(1);
    // Month arrows keep the panier: another month, then back.
    await caller.planning.month({ householdId: martin, month: "2027-01" });
    const m = await caller.planning.month({ householdId: martin, month: "2026-12" });
    expect(cellOf(m, "2026-12-10", lea, resto)?.state).toBe("add");
    expect(cellOf(m, "2026-12-07", lea, resto)?.state).toBe("cancel");
    expect(m.basket.lineCount).toBe(3);

    const recap = await caller.basket.get({ householdId: martin });
    expect(recap.children).toHaveLength(1);
    expect(recap.children[0]?.added.map((l) => l.dayLabel)).toEqual([
      "jeudi 10 décembre",
      "vendredi 11 décembre",
    ]);
    expect(recap.children[0]?.cancelled.map((l) => l.dayLabel)).toEqual(["lundi 7 décembre"]);
    expect(recap.addedCents).toBe(680);
    expect(recap.hasPostpaid).toBe(true);

    const before = mails(db).length;
    const done = await caller.basket.confirm({
      householdId: martin,
      basketId: v1.basketId ?? 0,
      version: 1,
    });
    expect(done).toEqual({ repeated: false, added: 2, cancelled: 1, totalCents: 680 });
    // A double tap: one booking, one mail.
    const again = await caller.basket.confirm({
      householdId: martin,
      basketId: v1.basketId ?? 0,
      version: 1,
    });
    expect(again.repeated).toBe(true);
    expect(mails(db)).toHaveLength(before + 1);
    const mail = mails(db)[0];
    expect(mail?.toAddress).toBe("famille.martin@example.fr");
    expect(mail?.textBody).toMatch(
      /Réservé — jeudi 10 décembre : Restauration scolaire \(midi\) \(3,40\s€\)/,
    );
    expect(mail?.textBody).toContain("Annulé — lundi 7 décembre");
    expect(mail?.textBody).toContain("facturé en fin de mois");

    const after = await caller.planning.month({ householdId: martin, month: "2026-12" });
    expect(cellOf(after, "2026-12-10", lea, resto)?.state).toBe("booked");
    expect(cellOf(after, "2026-12-07", lea, resto)?.state).toBe("available");
    expect(after.basket.lineCount).toBe(0);
    const booked = db
      .select()
      .from(reservations)
      .where(and(eq(reservations.childId, lea), eq(reservations.status, "booked")))
      .all()
      .map((r) => r.date)
      .sort();
    expect(booked).toEqual(["2026-12-03", "2026-12-04", "2026-12-08", "2026-12-10", "2026-12-11"]);
  });

  it("unticking a day in the panier takes the line back; a stale version changes nothing", async () => {
    const { caller, martin, lea, resto } = setup();
    const day = { childId: lea, activityId: resto, date: "2026-12-10" };
    await caller.basket.setDays({
      householdId: martin,
      version: 0,
      changes: [{ ...day, want: true }],
    });
    const stale = await errorOf(
      caller.basket.setDays({
        householdId: martin,
        version: 0,
        changes: [{ ...day, date: "2026-12-11", want: true }],
      }),
    );
    expect(stale.code).toBe("CONFLICT");
    expect(stale.message).toContain("autre appareil");
    expect((await caller.basket.get({ householdId: martin })).lines).toHaveLength(1);
    await caller.basket.setDays({
      householdId: martin,
      version: 1,
      changes: [{ ...day, want: false }],
    });
    expect((await caller.basket.get({ householdId: martin })).lines).toHaveLength(0);
    const empty = await caller.basket.get({ householdId: martin });
    const e = await errorOf(
      caller.basket.confirm({
        householdId: martin,
        basketId: empty.basketId ?? 0,
        version: empty.version,
      }),
    );
    expect(e.message).toContain("panier est vide");
  });

  it("refuses bad days with the child, activity, day and reason, keeping the panier", async () => {
    const { caller, martin, lea, hugo, resto } = setup();
    await caller.basket.setDays({
      householdId: martin,
      version: 0,
      changes: [{ childId: lea, activityId: resto, date: "2026-12-14", want: true }],
    });
    const tryDay = (date: string, child = lea, activity = resto) =>
      errorOf(
        caller.basket.setDays({
          householdId: martin,
          version: 1,
          changes: [{ childId: child, activityId: activity, date, want: true }],
        }),
      );

    const closed = await tryDay("2026-12-01");
    expect(closed.code).toBe("PRECONDITION_FAILED");
    expect(closed.message).toBe(
      "Léa — Restauration scolaire (midi) — mardi 1er décembre : fermé, les changements étaient possibles jusqu'au vendredi 27 novembre à 12:00.",
    );
    expect((await tryDay("2026-12-22")).message).toBe(
      "Léa — Restauration scolaire (midi) — mardi 22 décembre : non proposé (vacances scolaires (Vacances de Noël)).",
    );
    expect((await tryDay("2026-12-09")).message).toContain("mercredi 9 décembre : non proposé");
    expect((await tryDay("2027-08-30")).message).toContain("hors de la saison");
    expect((await tryDay("2026-12-10", hugo)).message).toBe(
      "Hugo n'est pas inscrit(e) à « Restauration scolaire (midi) » : faites d'abord l'inscription.",
    );
    const jade = childId(freshDbFor(caller), "Jade");
    expect((await tryDay("2026-12-10", jade)).code).toBe("NOT_FOUND");
    // Nothing was lost.
    const recap = await caller.basket.get({ householdId: martin });
    expect(recap.lines.map((l) => l.date)).toEqual(["2026-12-14"]);
    expect(recap.version).toBe(1);
  });

  it("a cancellation after the deadline is refused, until when it could be changed", async () => {
    const { caller, martin, lea, resto, clock } = setup();
    clock.set(new Date("2026-12-01T12:00:00+01:00"));
    const e = await errorOf(
      caller.basket.setDays({
        householdId: martin,
        version: 0,
        changes: [{ childId: lea, activityId: resto, date: "2026-12-03", want: false }],
      }),
    );
    expect(e.message).toContain("jusqu'au mardi 1er décembre à 12:00");
  });

  it("Terminer judges every line again: a deadline passed since Valider stops it, nothing booked", async () => {
    const { db, caller, martin, lea, resto, clock } = setup();
    const out = await caller.basket.setDays({
      householdId: martin,
      version: 0,
      changes: [{ childId: lea, activityId: resto, date: "2026-12-10", want: true }],
    });
    clock.set(new Date("2026-12-08T12:00:01+01:00"));
    const e = await errorOf(
      caller.basket.confirm({ householdId: martin, basketId: out.basketId ?? 0, version: 1 }),
    );
    expect(e.code).toBe("PRECONDITION_FAILED");
    expect(
      db.select().from(reservations).where(eq(reservations.date, "2026-12-10")).all(),
    ).toHaveLength(0);
    expect((await caller.basket.get({ householdId: martin })).lines).toHaveLength(1);
  });
});

describe("semaine type", () => {
  it("fills the panier with the weekly pattern, skipping closed and non-offered days and saying which", async () => {
    const { caller, martin, lea, resto } = setup();
    const out = await caller.basket.applyPattern({
      householdId: martin,
      version: 0,
      childId: lea,
      activityId: resto,
      weekdays: [1, 2, 4, 5],
      from: "2026-12-01",
      to: "2026-12-31",
    });
    // Open school days in December after the deadline, minus the 4 already booked.
    const recap = await caller.basket.get({ householdId: martin });
    const added = recap.lines.map((l) => l.date);
    expect(added).toEqual([
      "2026-12-10",
      "2026-12-11",
      "2026-12-14",
      "2026-12-15",
      "2026-12-17",
      "2026-12-18",
    ]);
    expect(out.added).toBe(6);
    const skipped = out.skipped.map((s) => s.date);
    expect(skipped).toContain("2026-12-01");
    expect(skipped).toContain("2026-12-21");
    expect(skipped).toContain("2026-12-25");
    expect(out.skipped.find((s) => s.date === "2026-12-25")?.reason).toContain("jour férié (Noël)");
  });
});

describe("capacity and holds", () => {
  /** Léa registered to the accueil du soir, limited to `places` a day, and 17 December in her panier. */
  const leaHoldsSoir = async (t: ReturnType<typeof setup>, places: number) => {
    const soir = activityId(t.db, "accueil_soir");
    register(t.db, t.lea, "accueil_soir");
    t.db.$client.prepare("update activities set capacity = ? where id = ?").run(places, soir);
    const held = await t.caller.basket.setDays({
      householdId: t.martin,
      version: 0,
      changes: [{ childId: t.lea, activityId: soir, date: "2026-12-17", want: true }],
    });
    return { soir, held };
  };

  it("a held place is full for others for 20 minutes; a lapsed hold frees it and the line says so", async () => {
    const t = setup();
    const { db, caller, martin, clock } = t;
    const day = "2026-12-17";
    const { soir, held: mine } = await leaHoldsSoir(t, 1);
    const other = addFamily(db, { age: 8, activityCodes: ["accueil_soir"], clock });
    const full = await errorOf(
      other.caller.basket.setDays({
        householdId: other.householdId,
        version: 0,
        changes: [{ childId: other.childId, activityId: soir, date: day, want: true }],
      }),
    );
    expect(full.code).toBe("CONFLICT");
    expect(full.message).toBe(
      `Enfant${other.code} — Accueil du soir — jeudi 17 décembre : complet.`,
    );
    const m = await other.caller.planning.month({
      householdId: other.householdId,
      month: "2026-12",
    });
    expect(cellOf(m, day, other.childId, soir)).toMatchObject({
      state: "full",
      placesLeft: 0,
      editable: false,
    });

    clock.advance(21 * MINUTE);
    const theirs = await other.caller.basket.setDays({
      householdId: other.householdId,
      version: 0,
      changes: [{ childId: other.childId, activityId: soir, date: day, want: true }],
    });
    await other.caller.basket.confirm({
      householdId: other.householdId,
      basketId: theirs.basketId ?? 0,
      version: theirs.version,
    });
    const recap = await caller.basket.get({ householdId: martin });
    expect(recap.lines[0]).toMatchObject({ holdLost: true, holdExpiresAt: null });
    const e = await errorOf(
      caller.basket.confirm({
        householdId: martin,
        basketId: mine.basketId ?? 0,
        version: mine.version,
      }),
    );
    expect(e.message).toContain("jeudi 17 décembre : complet, la place n'a pas pu être gardée");
    expect((await caller.basket.get({ householdId: martin })).lines).toHaveLength(1);
  });

  it("a hold is renewed by activity and kept past 20 minutes", async () => {
    const t = setup();
    const { db, caller, martin, clock } = t;
    const { soir } = await leaHoldsSoir(t, 1);
    const other = addFamily(db, { age: 8, activityCodes: ["accueil_soir"], clock });
    clock.advance(15 * MINUTE);
    await caller.basket.get({ householdId: martin });
    clock.advance(15 * MINUTE);
    const e = await errorOf(
      other.caller.basket.setDays({
        householdId: other.householdId,
        version: 0,
        changes: [{ childId: other.childId, activityId: soir, date: "2026-12-17", want: true }],
      }),
    );
    expect(e.code).toBe("CONFLICT");
  });

  it("a hold renewed less than a minute ago is not written again; after a minute it is", async () => {
    const t = setup();
    const { db, caller, martin, lea, clock } = t;
    const { soir } = await leaHoldsSoir(t, 5);
    const holdOf = () =>
      db.$client
        .prepare("select hold_expires_at from basket_lines where child_id = ? and activity_id = ?")
        .pluck()
        .get(lea, soir) as string;
    const first = holdOf();
    const changes = () => db.$client.prepare("select total_changes()").pluck().get() as number;
    clock.advance(50_000);
    const before = changes();
    const recap = await caller.basket.get({ householdId: martin });
    expect(recap.lines[0]).toMatchObject({ holdLost: false });
    expect(holdOf()).toBe(first);
    expect(changes()).toBe(before);
    clock.advance(20_000);
    await caller.basket.get({ householdId: martin });
    expect(holdOf()).toBe(new Date(clock().getTime() + 20 * MINUTE).toISOString());
  });

  it("a récapitulatif with nothing to renew is read without waiting for another writer", async () => {
    const t = setup();
    const { db, caller, martin } = t;
    await leaHoldsSoir(t, 5);
    // Another connection (the desk, another server process) holds the write lock meanwhile.
    const other = openDb(db.$client.name);
    other.$client.pragma("busy_timeout = 0");
    other.$client.prepare("begin immediate").run();
    try {
      db.$client.pragma("busy_timeout = 0");
      const recap = await caller.basket.get({ householdId: martin });
      expect(recap.lines).toHaveLength(1);
      expect(recap.lines[0]).toMatchObject({ date: "2026-12-17", holdLost: false });
    } finally {
      other.$client.prepare("rollback").run();
      other.$client.close();
      db.$client.pragma("busy_timeout = 5000");
    }
  });
});

/** The database behind a caller's context (tests share one per file). */
function freshDbFor(_caller: unknown) {
  return sharedDbForLookups;
}
const sharedDbForLookups = freshDb();

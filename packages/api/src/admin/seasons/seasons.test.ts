import {
  auditLog,
  calendarPeriods,
  credits,
  mailOutbox,
  reservations,
  seasons,
  waitingList,
} from "@ef/db";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  activityId,
  addFamily,
  DEMO_NOW,
  errorOf,
  freshDb,
  makeCaller,
} from "../../../test/helpers";

const GREVE = "Grève du personnel communal";

/** Two families: one with a postpaid school lunch on Thursday 17, one with a paid Wednesday 16. */
async function setup() {
  const db = freshDb();
  const admin = makeCaller(db, { who: "admin" }).caller;
  const resto = activityId(db, "restauration");
  const mercredis = activityId(db, "mercredis_elementaires");
  const lunch = addFamily(db, { activityCodes: ["restauration"] });
  const put = await lunch.caller.basket.setDays({
    householdId: lunch.householdId,
    version: 0,
    changes: [
      { childId: lunch.childId, activityId: resto, date: "2026-12-17", want: true },
      { childId: lunch.childId, activityId: resto, date: "2026-12-18", want: true },
    ],
  });
  if (put.basketId === null) throw new Error("no panier");
  await lunch.caller.basket.confirm({
    householdId: lunch.householdId,
    basketId: put.basketId,
    version: put.version,
  });
  const wednesday = addFamily(db, { activityCodes: ["mercredis_elementaires"] });
  // A day paid at booking (accueil de loisirs): 8,00 €.
  db.insert(reservations)
    .values({
      childId: wednesday.childId,
      activityId: mercredis,
      date: "2026-12-16",
      status: "booked",
      priceCents: 800,
      createdAt: DEMO_NOW.toISOString(),
    })
    .run();
  const season = db.select({ id: seasons.id }).from(seasons).get();
  if (!season) throw new Error("no season");
  const closure = {
    op: "savePeriod" as const,
    seasonId: season.id,
    periodId: null,
    period: {
      kind: "closure" as const,
      label: GREVE,
      startsOn: "2026-12-16",
      endsOn: "2026-12-17",
    },
  };
  return { db, admin, resto, mercredis, lunch, wednesday, season, closure };
}

const booked = (db: ReturnType<typeof freshDb>, childId: number) =>
  db
    .select({ date: reservations.date })
    .from(reservations)
    .where(and(eq(reservations.childId, childId), eq(reservations.status, "booked")))
    .all()
    .map((r) => r.date)
    .sort();

describe("closing days that families booked", () => {
  it("lists the families first, then cancels their days with a mail each and a credit for paid days", async () => {
    const s = await setup();
    const impact = await s.admin.admin.seasons.impact(s.closure);
    expect(impact.count).toBe(2);
    expect(impact.creditCents).toBe(800);
    expect(impact.families.map((f) => f.accountCode).sort()).toEqual(
      [s.lunch.code, s.wednesday.code].sort(),
    );
    const paid = impact.families.find((f) => f.householdId === s.wednesday.householdId);
    expect(paid?.bookings).toMatchObject([
      { date: "2026-12-16", paid: true, priceCents: 800, reason: `fermeture (${GREVE})` },
    ]);
    // Previewing changed nothing.
    expect(booked(s.db, s.lunch.childId)).toEqual(["2026-12-17", "2026-12-18"]);

    // Without a reason: a clear message, nothing saved.
    const noReason = await errorOf(
      s.admin.admin.seasons.applyChange({
        change: s.closure,
        cancellation: { expected: 2, reason: "" },
      }),
    );
    expect(noReason.message).toContain("Indiquez le motif");
    // Agreed to another list than the current one: refused, nothing saved.
    const stale = await errorOf(
      s.admin.admin.seasons.applyChange({
        change: s.closure,
        cancellation: { expected: 0, reason: "" },
      }),
    );
    expect(stale.code).toBe("CONFLICT");
    expect(stale.message).toContain("2 au lieu de 0");
    expect(
      s.db.select().from(calendarPeriods).where(eq(calendarPeriods.label, GREVE)).all(),
    ).toEqual([]);

    // A family waiting for a place on the 16th: no place will ever be offered there.
    const waiting = addFamily(s.db, { activityCodes: ["mercredis_elementaires"] });
    const entry = s.db
      .insert(waitingList)
      .values({
        householdId: waiting.householdId,
        childId: waiting.childId,
        activityId: s.mercredis,
        date: "2026-12-16",
        status: "waiting",
        createdAt: DEMO_NOW.toISOString(),
        updatedAt: DEMO_NOW.toISOString(),
      })
      .returning({ id: waitingList.id })
      .get();

    const done = await s.admin.admin.seasons.applyChange({
      change: s.closure,
      cancellation: { expected: 2, reason: GREVE },
    });
    expect(s.db.select().from(waitingList).where(eq(waitingList.id, entry.id)).get()?.status).toBe(
      "cancelled",
    );
    expect(done).toMatchObject({ cancelled: 2, families: 2, creditCents: 800 });
    expect(booked(s.db, s.lunch.childId)).toEqual(["2026-12-18"]);
    expect(booked(s.db, s.wednesday.childId)).toEqual([]);

    // The credit (avoir) of the paid day, and none for the postpaid lunch.
    const creditOf = (householdId: number) =>
      s.db
        .select({ amountCents: credits.amountCents, reason: credits.reason })
        .from(credits)
        .where(eq(credits.householdId, householdId))
        .all();
    expect(creditOf(s.wednesday.householdId)).toMatchObject([{ amountCents: 800 }]);
    expect(creditOf(s.lunch.householdId)).toEqual([]);
    expect(
      await s.wednesday.caller.payment.credit({ householdId: s.wednesday.householdId }),
    ).toMatchObject({ balanceCents: 800 });

    // One mail each, with the reason, the day and the credit.
    const mails = s.db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.kind, "calendar_cancellation"))
      .all();
    expect(mails.map((m) => m.toAddress).sort()).toEqual(
      [`${s.lunch.code}@example.fr`, `${s.wednesday.code}@example.fr`].sort(),
    );
    const paidMail = mails.find((m) => m.householdId === s.wednesday.householdId);
    expect(paidMail?.textBody).toContain(`Motif : ${GREVE}`);
    expect(paidMail?.textBody).toContain("Annulé — mercredi 16 décembre");
    expect(paidMail?.textBody).toContain("avoir : 8,00");

    // The planning shows the day closed at once, with the reason.
    const month = await s.lunch.caller.planning.month({
      householdId: s.lunch.householdId,
      month: "2026-12",
    });
    const cell = month.days.find((d) => d.date === "2026-12-17")?.cells[0];
    expect(cell).toMatchObject({ state: "not_offered", note: `fermeture (${GREVE})` });

    // The audit log keeps the period and each family's cancellations.
    const actions = s.db
      .select({ action: auditLog.action, after: auditLog.after })
      .from(auditLog)
      .all()
      .map((a) => a.action);
    expect(actions).toContain("calendar.createPeriod");
    expect(actions.filter((a) => a === "calendar.cancelBookings")).toHaveLength(2);
  });

  it("removing a school holiday cancels the holiday days it took away; moving the season's end too", async () => {
    const s = await setup();
    const { caller: noel } = { caller: s.admin };
    const periods = await noel.admin.seasons.get({ seasonId: s.season.id });
    const christmas = periods.periods.find((p) => p.label === "Vacances de Noël");
    if (!christmas) throw new Error("no Christmas holidays");
    const holidays = addFamily(s.db, { activityCodes: ["vacances_elementaires"] });
    s.db
      .insert(reservations)
      .values({
        childId: holidays.childId,
        activityId: activityId(s.db, "vacances_elementaires"),
        date: "2026-12-21",
        status: "booked",
        priceCents: 850,
        createdAt: DEMO_NOW.toISOString(),
      })
      .run();
    const change = { op: "deletePeriod" as const, seasonId: s.season.id, periodId: christmas.id };
    const impact = await s.admin.admin.seasons.impact(change);
    expect(impact.families).toMatchObject([
      { householdId: holidays.householdId, bookings: [{ date: "2026-12-21", paid: true }] },
    ]);
    await s.admin.admin.seasons.applyChange({
      change,
      cancellation: { expected: 1, reason: "Calendrier corrigé" },
    });
    expect(booked(s.db, holidays.childId)).toEqual([]);

    // The season ends on 17 December instead: the lunch of the 18th goes, with its mail.
    const season = (await s.admin.admin.seasons.get({ seasonId: s.season.id })).season;
    const shorter = {
      op: "season" as const,
      seasonId: s.season.id,
      season: {
        code: season.code,
        label: season.label,
        startsOn: season.startsOn,
        endsOn: "2026-12-17",
        zone: "A" as const,
        schoolWeekdays: season.schoolWeekdays,
        registrationOpen: season.registrationOpen,
      },
    };
    const cut = await s.admin.admin.seasons.impact(shorter);
    expect(cut.families.flatMap((f) => f.bookings.map((b) => b.date))).toContain("2026-12-18");
    const applied = await s.admin.admin.seasons.applyChange({
      change: shorter,
      cancellation: { expected: cut.count, reason: "Fin de saison avancée" },
    });
    expect(applied.cancelled).toBe(cut.count);
    expect(booked(s.db, s.lunch.childId)).toEqual(["2026-12-17"]);
  });

  it("refuses a season that shares days or a code with another, and a period outside the season", async () => {
    const s = await setup();
    const base = {
      code: "2027-2028",
      label: "Année scolaire 2027-2028",
      startsOn: "2027-07-01",
      endsOn: "2028-07-05",
      zone: "A" as const,
      schoolWeekdays: [1, 2, 4, 5],
      registrationOpen: false,
    };
    expect((await errorOf(s.admin.admin.seasons.create(base))).message).toContain(
      "chevauchent la saison 2026-2027",
    );
    const created = await s.admin.admin.seasons.create({ ...base, startsOn: "2027-09-01" });
    expect(created.seasonId).toBeGreaterThan(s.season.id);
    expect(
      (
        await errorOf(
          s.admin.admin.seasons.create({ ...base, startsOn: "2029-09-01", endsOn: "2030-07-01" }),
        )
      ).message,
    ).toContain("existe déjà");
    const outside = await errorOf(
      s.admin.admin.seasons.impact({
        ...s.closure,
        period: { ...s.closure.period, startsOn: "2028-01-05", endsOn: "2028-01-06" },
      }),
    );
    expect(outside.message).toContain("doit toucher la saison");
    const backwards = await errorOf(
      s.admin.admin.seasons.impact({
        ...s.closure,
        period: { ...s.closure.period, startsOn: "2026-12-17", endsOn: "2026-12-16" },
      }),
    );
    expect(backwards.code).toBe("BAD_REQUEST");
  });
});

import {
  activities,
  activityGroups,
  activitySessions,
  auditLog,
  calendarPeriods,
  children,
  registrations,
  reservations,
  seasons,
  tariffs,
} from "@ef/db";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { activityId, addFamily, errorOf, freshDb, makeCaller } from "../../../test/helpers";

const NEXT = {
  code: "2027-2028",
  label: "Année scolaire 2027-2028",
  startsOn: "2027-09-01",
  endsOn: "2028-07-01",
  zone: "A" as const,
  schoolWeekdays: [1, 2, 4, 5],
  registrationOpen: false,
};

async function setup() {
  const db = freshDb();
  const admin = makeCaller(db, { who: "admin" }).caller;
  const current = db.select({ id: seasons.id }).from(seasons).get();
  if (!current) throw new Error("no season");
  const { seasonId: next } = await admin.admin.seasons.create(NEXT);
  return { db, admin, current: current.id, next };
}

const activitiesOf = (db: ReturnType<typeof freshDb>, seasonId: number) =>
  db.select().from(activities).where(eq(activities.seasonId, seasonId)).all();

describe("preparing the next season's catalogue", () => {
  it("copies every activity with its settings, tariff grid and EMS groups, out of the catalogue", async () => {
    const { db, admin, current, next } = await setup();
    const family = addFamily(db, { activityCodes: ["restauration"] });
    const out = await admin.admin.catalogue.copySeason({ fromSeasonId: current, toSeasonId: next });

    const source = activitiesOf(db, current);
    const copies = activitiesOf(db, next);
    expect(out.copied).toHaveLength(source.length);
    expect(out.skipped).toEqual([]);
    expect(copies.map((a) => a.code).sort()).toEqual(source.map((a) => a.code).sort());
    // Nothing is offered to families until an admin publishes it.
    expect(copies.every((a) => a.active === false)).toBe(true);

    const resto = copies.find((a) => a.code === "restauration");
    const restoBefore = source.find((a) => a.code === "restauration");
    if (!resto || !restoBefore) throw new Error("no restauration");
    const { id: _a, seasonId: _b, active: _c, ...settings } = restoBefore;
    expect(resto).toMatchObject(settings);
    const gridOf = (id: number) =>
      db
        .select({
          qfMin: tariffs.qfMin,
          qfMax: tariffs.qfMax,
          resident: tariffs.resident,
          priceCents: tariffs.priceCents,
          unit: tariffs.unit,
        })
        .from(tariffs)
        .where(eq(tariffs.activityId, id))
        .orderBy(tariffs.resident, tariffs.qfMin)
        .all();
    expect(gridOf(resto.id)).toEqual(gridOf(restoBefore.id));
    expect(gridOf(resto.id).length).toBeGreaterThan(0);

    const multisports = copies.find((a) => a.code === "ems_multisports");
    if (!multisports) throw new Error("no multisports");
    const groupsOf = (id: number) =>
      db
        .select({ name: activityGroups.name, weekday: activityGroups.weekday })
        .from(activityGroups)
        .where(eq(activityGroups.activityId, id))
        .orderBy(activityGroups.name)
        .all();
    expect(groupsOf(multisports.id)).toEqual(groupsOf(activityId(db, "ems_multisports")));
    expect(groupsOf(multisports.id).length).toBeGreaterThan(0);

    // Dated Territoire Jeune sessions and anything a family booked or registered stay behind.
    const tj = copies.find((a) => a.code === "tj_sorties_ateliers");
    if (!tj) throw new Error("no tj");
    expect(
      db.select().from(activitySessions).where(eq(activitySessions.activityId, tj.id)).all(),
    ).toEqual([]);
    expect(db.select().from(registrations).where(eq(registrations.seasonId, next)).all()).toEqual(
      [],
    );
    expect(
      db
        .select({ id: registrations.id })
        .from(registrations)
        .where(eq(registrations.childId, family.childId))
        .all(),
    ).toHaveLength(1);
    expect(
      db
        .select({ action: auditLog.action })
        .from(auditLog)
        .where(
          and(eq(auditLog.action, "catalogue.copySeason"), eq(auditLog.entityId, String(next))),
        )
        .all(),
    ).toHaveLength(1);
  });

  it("copying twice adds nothing: the activities already there are named and left alone", async () => {
    const { db, admin, current, next } = await setup();
    await admin.admin.catalogue.copySeason({ fromSeasonId: current, toSeasonId: next });
    const count = activitiesOf(db, next).length;
    const again = await admin.admin.catalogue.copySeason({
      fromSeasonId: current,
      toSeasonId: next,
    });
    expect(again.copied).toEqual([]);
    expect(again.skipped).toHaveLength(count);
    expect(again.skipped).toContain("Restauration scolaire (midi)");
    expect(activitiesOf(db, next)).toHaveLength(count);
  });

  it("a tariff changed on the copy leaves the running season's price alone", async () => {
    const { db, admin, current, next } = await setup();
    const { copied } = await admin.admin.catalogue.copySeason({
      fromSeasonId: current,
      toSeasonId: next,
    });
    const restoId = activityId(db, "restauration");
    const copy = copied.find((c) => c.name === "Restauration scolaire (midi)");
    if (!copy) throw new Error("no copy");
    const before = await admin.admin.catalogue.activity({ activityId: restoId });
    const lines = before.tariffs.map((l) => ({ ...l, priceCents: l.priceCents + 10 }));
    await admin.admin.catalogue.setTariffs({ activityId: copy.id, lines });
    expect((await admin.admin.catalogue.activity({ activityId: copy.id })).tariffs).toEqual(lines);
    expect((await admin.admin.catalogue.activity({ activityId: restoId })).tariffs).toEqual(
      before.tariffs,
    );
  });

  it("refuses the same season, an unknown season, and a season with nothing to copy", async () => {
    const { admin, current, next } = await setup();
    expect(
      (await errorOf(admin.admin.catalogue.copySeason({ fromSeasonId: next, toSeasonId: next })))
        .code,
    ).toBe("BAD_REQUEST");
    expect(
      await errorOf(admin.admin.catalogue.copySeason({ fromSeasonId: 9999, toSeasonId: next })),
    ).toMatchObject({ code: "NOT_FOUND", message: "Cette saison est introuvable." });
    expect(
      await errorOf(admin.admin.catalogue.copySeason({ fromSeasonId: next, toSeasonId: current })),
    ).toMatchObject({ message: "La saison 2027-2028 n'a aucune activité à copier." });
  });
});

describe("two seasons open at once", () => {
  it("the next year's activities reach families only once published and registrations open", async () => {
    const { db, admin, current, next } = await setup();
    const family = addFamily(db, { age: 8 });
    const options = () =>
      family.caller.registrations.options({
        householdId: family.householdId,
        childId: family.childId,
      });
    const { copied } = await admin.admin.catalogue.copySeason({
      fromSeasonId: current,
      toSeasonId: next,
    });
    const matin = copied.find((c) => c.name.startsWith("Accueil du matin"));
    if (!matin) throw new Error(`no accueil du matin in ${copied.map((c) => c.name)}`);
    await admin.admin.catalogue.setActivityActive({ activityId: matin.id, active: true });
    // Published, but the season's registrations are closed: nothing new for families.
    expect((await options()).map((o) => o.seasonCode)).not.toContain("2027-2028");
    expect(
      await errorOf(
        family.caller.registrations.create({
          householdId: family.householdId,
          childId: family.childId,
          activityId: matin.id,
        }),
      ),
    ).toMatchObject({ message: "Les inscriptions de cette saison ne sont pas ouvertes." });

    await admin.admin.seasons.setRegistrationOpen({ seasonId: next, open: true });
    const list = await options();
    const codes = list.map((o) => o.seasonCode);
    // The running year first, then the next one, each activity saying its year.
    expect(codes.indexOf("2027-2028")).toBeGreaterThan(codes.lastIndexOf("2026-2027"));
    expect(list.filter((o) => o.seasonCode === "2027-2028").map((o) => o.id)).toEqual([matin.id]);
    const same = list.filter((o) => o.name === list.find((x) => x.id === matin.id)?.name);
    expect(same.map((o) => o.seasonCode).sort()).toEqual(["2026-2027", "2027-2028"]);

    // No dossier for 2027-2028 yet: the registration waits for an agent, in its own season.
    const made = await family.caller.registrations.create({
      householdId: family.householdId,
      childId: family.childId,
      activityId: matin.id,
    });
    expect(made.status).toBe("pending");
    expect(
      db
        .select({ seasonId: registrations.seasonId })
        .from(registrations)
        .where(eq(registrations.id, made.id))
        .get(),
    ).toEqual({ seasonId: next });
    const overview = await family.caller.household.overview({ householdId: family.householdId });
    const child = overview.children.find((c) => c.id === family.childId);
    expect(child?.registrations.map((r) => [r.activityId, r.seasonCode, r.status])).toEqual([
      [matin.id, "2027-2028", "pending"],
    ]);
    // The running season is still "the" season of the dossier.
    expect(overview.dossier?.seasonCode).toBe("2026-2027");
    // The guichet sees which year it waits for, and that year's (missing) dossier.
    const agent = makeCaller(db, { who: "agent" }).caller;
    expect((await agent.staff.registrations.pending()).find((r) => r.id === made.id)).toMatchObject(
      { seasonCode: "2027-2028", dossierStatus: "missing" },
    );

    await admin.admin.seasons.setRegistrationOpen({ seasonId: next, open: false });
    expect((await options()).map((o) => o.seasonCode)).not.toContain("2027-2028");
    const audits = db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.entityId, String(next)))
      .all()
      .map((a) => a.action);
    expect(audits).toContain("season.openRegistrations");
    expect(audits).toContain("season.closeRegistrations");
  });

  it("next year's class decides next year's class-level activities", async () => {
    const { db, admin, current, next } = await setup();
    const family = addFamily(db, { age: 5 });
    db.update(children).set({ classLevel: "GS" }).where(eq(children.id, family.childId)).run();
    const { copied } = await admin.admin.catalogue.copySeason({
      fromSeasonId: current,
      toSeasonId: next,
    });
    const copy = copied.find((c) => c.name.startsWith("Accueil du matin"));
    if (!copy) throw new Error("no copy");
    const running = activityId(db, "accueil_matin");
    // Both years' morning care for the CP only, no age rule.
    for (const id of [running, copy.id]) {
      db.update(activities)
        .set({ classLevels: ["CP"], minAge: null, maxAge: null })
        .where(eq(activities.id, id))
        .run();
    }
    await admin.admin.catalogue.setActivityActive({ activityId: copy.id, active: true });
    await admin.admin.seasons.setRegistrationOpen({ seasonId: next, open: true });
    const options = await family.caller.registrations.options({
      householdId: family.householdId,
      childId: family.childId,
    });
    // In GS this year, in CP next year.
    expect(options.find((o) => o.id === running)).toMatchObject({
      eligible: false,
      reason: "réservé aux classes CP",
    });
    expect(options.find((o) => o.id === copy.id)).toMatchObject({ eligible: true });
    const made = await family.caller.registrations.create({
      householdId: family.householdId,
      childId: family.childId,
      activityId: copy.id,
    });
    expect(made.status).toBe("pending");
    expect(
      (
        await errorOf(
          family.caller.registrations.create({
            householdId: family.householdId,
            childId: family.childId,
            activityId: running,
          }),
        )
      ).message,
    ).toContain("réservé aux classes CP");
  });

  it("« Inscriptions en paiement » lists the next year's EMS activity after the running one, named with its year", async () => {
    const { db, admin, current, next } = await setup();
    const family = addFamily(db, { age: 8 });
    const { copied } = await admin.admin.catalogue.copySeason({
      fromSeasonId: current,
      toSeasonId: next,
    });
    const copy = copied.find((c) => c.name === "Multisports");
    if (!copy) throw new Error(`no Multisports in ${copied.map((c) => c.name)}`);
    await admin.admin.catalogue.setActivityActive({ activityId: copy.id, active: true });
    await admin.admin.seasons.setRegistrationOpen({ seasonId: next, open: true });
    const [child] = await family.caller.paidRegistrations.options({
      householdId: family.householdId,
    });
    const names = child?.activities.map((a) => a.name) ?? [];
    expect(names.indexOf("Multisports (2027-2028)")).toBeGreaterThan(names.indexOf("Multisports"));
    expect(names.indexOf("Multisports")).toBeGreaterThanOrEqual(0);
    const nextYear = child?.activities.find((a) => a.activityId === copy.id);
    expect(nextYear?.items.some((i) => i.available)).toBe(true);
  });

  it("the planning leads from the running year into the next one once it exists", async () => {
    const db = freshDb();
    const admin = makeCaller(db, { who: "admin" }).caller;
    const family = addFamily(db, { activityCodes: ["restauration"] });
    const month = (m: string) =>
      family.caller.planning.month({ householdId: family.householdId, month: m });
    // July 2027 is the last month of 2026-2027: no season after it yet.
    expect((await month("2027-07")).next).toBeNull();
    await admin.admin.seasons.create({ ...NEXT, startsOn: "2027-08-30" });
    expect((await month("2027-07")).next).toBe("2027-08");
    expect((await month("2027-08")).previous).toBe("2027-07");
  });

  it("opening the registrations of an unknown season is refused", async () => {
    const { admin } = await setup();
    expect(
      await errorOf(admin.admin.seasons.setRegistrationOpen({ seasonId: 9999, open: true })),
    ).toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("public holidays in one click", () => {
  it("adds the next season's public holidays once; a second click adds nothing", async () => {
    const { db, admin, next } = await setup();
    const first = await admin.admin.seasons.addPublicHolidays({ seasonId: next });
    // 1 September 2027 to 1 July 2028: nine of the eleven (not 14 July nor 15 August).
    expect(first.added.map((h) => h.date)).toEqual([
      "2027-11-01",
      "2027-11-11",
      "2027-12-25",
      "2028-01-01",
      "2028-04-17",
      "2028-05-01",
      "2028-05-08",
      "2028-05-25",
      "2028-06-05",
    ]);
    const { periods } = await admin.admin.seasons.get({ seasonId: next });
    expect(periods.find((p) => p.label === "Lundi de Pâques")).toMatchObject({
      kind: "public_holiday",
      startsOn: "2028-04-17",
      endsOn: "2028-04-17",
    });
    expect(await admin.admin.seasons.addPublicHolidays({ seasonId: next })).toEqual({
      added: [],
      already: 9,
    });
    expect(
      db.select().from(calendarPeriods).where(eq(calendarPeriods.seasonId, next)).all(),
    ).toHaveLength(9);
  });

  it("the running season already has them all (the seed's dates are the computed ones)", async () => {
    const { admin, current } = await setup();
    expect(await admin.admin.seasons.addPublicHolidays({ seasonId: current })).toEqual({
      added: [],
      already: 9,
    });
  });

  it("refuses, adding nothing, when families booked one of the days", async () => {
    const { db, admin, current } = await setup();
    const family = addFamily(db, { activityCodes: ["restauration"] });
    // Easter Monday 2027 forgotten in the calendar, and a lunch booked that day.
    db.delete(calendarPeriods)
      .where(and(eq(calendarPeriods.seasonId, current), eq(calendarPeriods.startsOn, "2027-03-29")))
      .run();
    db.delete(calendarPeriods)
      .where(and(eq(calendarPeriods.seasonId, current), eq(calendarPeriods.startsOn, "2027-05-17")))
      .run();
    db.insert(reservations)
      .values({
        childId: family.childId,
        activityId: activityId(db, "restauration"),
        date: "2027-03-29",
        status: "booked",
        priceCents: 400,
        createdAt: new Date().toISOString(),
      })
      .run();
    expect(
      await errorOf(admin.admin.seasons.addPublicHolidays({ seasonId: current })),
    ).toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("Lundi de Pâques (lundi 29 mars 2027) : 1 jour réservé"),
    });
    // Whit Monday, free of bookings, was not added either: all or nothing.
    expect(
      db
        .select()
        .from(calendarPeriods)
        .where(
          and(eq(calendarPeriods.seasonId, current), eq(calendarPeriods.startsOn, "2027-05-17")),
        )
        .all(),
    ).toEqual([]);
  });
});

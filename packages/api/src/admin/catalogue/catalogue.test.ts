import { activities, auditLog, registrations, reservations, seasons } from "@ef/db";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  activityId,
  addFamily,
  DEMO_NOW,
  errorOf,
  freshDb,
  householdId,
  makeCaller,
} from "../../../test/helpers";

function setup() {
  const db = freshDb();
  const admin = makeCaller(db, { who: "admin" }).caller;
  const season = db.select({ id: seasons.id }).from(seasons).get();
  if (!season) throw new Error("no season");
  return { db, admin, seasonId: season.id };
}

const group = {
  name: "Groupe 6-8 ans — mardi soir",
  weekday: 2,
  startTime: "17:00",
  endTime: "18:00",
  location: "Gymnase du Champ de Mars",
  minAge: 6,
  maxAge: 8,
  capacity: 2,
  coach: "Julien Perrier",
};

describe("places never go below what families took", () => {
  it("a weekday activity: booked days and live holds in open paniers count, with the count in the refusal", async () => {
    const s = setup();
    const mercredis = activityId(s.db, "mercredis_elementaires");
    // Two booked on Wednesday 16, and a third family holding a place in its open panier.
    for (let i = 0; i < 2; i++) {
      const f = addFamily(s.db, { activityCodes: ["mercredis_elementaires"] });
      s.db
        .insert(reservations)
        .values({
          childId: f.childId,
          activityId: mercredis,
          date: "2026-12-16",
          status: "booked",
          priceCents: 800,
          createdAt: DEMO_NOW.toISOString(),
        })
        .run();
    }
    const holder = addFamily(s.db, { activityCodes: ["mercredis_elementaires"] });
    await holder.caller.basket.setDays({
      householdId: holder.householdId,
      version: 0,
      changes: [{ childId: holder.childId, activityId: mercredis, date: "2026-12-16", want: true }],
    });
    const current = await s.admin.admin.catalogue.activity({ activityId: mercredis });
    expect(current.upcoming.busiest).toEqual({ day: "2026-12-16", used: 3 });
    const fields = { ...current.activity };
    const update = (capacity: number) =>
      s.admin.admin.catalogue.updateActivity({
        activityId: mercredis,
        activity: {
          code: fields.code,
          name: fields.name,
          description: fields.description,
          billingMode: fields.billingMode,
          scheduleKind: fields.scheduleKind,
          dayKind: fields.dayKind,
          weekdays: fields.weekdays,
          startTime: fields.startTime,
          endTime: fields.endTime,
          location: fields.location,
          capacity,
          minAge: fields.minAge,
          maxAge: fields.maxAge,
          classLevels: null,
          deadlineDays: fields.deadlineDays,
          deadlineTime: fields.deadlineTime,
          deadlineSkipWeekends: fields.deadlineSkipWeekends,
          position: fields.position,
        },
      });
    const refused = await errorOf(update(2));
    expect(refused.code).toBe("CONFLICT");
    expect(refused.message).toContain("mercredi 16 décembre");
    expect(refused.message).toContain("3 places sont déjà prises");
    expect(s.db.select().from(activities).where(eq(activities.id, mercredis)).get()?.capacity).toBe(
      36,
    );
    await update(3);
    expect(s.db.select().from(activities).where(eq(activities.id, mercredis)).get()?.capacity).toBe(
      3,
    );
    const row = s.db
      .select({ before: auditLog.before, after: auditLog.after })
      .from(auditLog)
      .where(eq(auditLog.action, "activity.update"))
      .get();
    expect(row?.before).toMatchObject({ capacity: 36 });
    expect(row?.after).toMatchObject({ capacity: 3 });
  });

  it("a weekday activity's days cannot change under booked days", async () => {
    const s = setup();
    const resto = activityId(s.db, "restauration");
    const f = addFamily(s.db, { activityCodes: ["restauration"] });
    s.db
      .insert(reservations)
      .values({
        childId: f.childId,
        activityId: resto,
        date: "2026-12-17",
        status: "booked",
        priceCents: 340,
        createdAt: DEMO_NOW.toISOString(),
      })
      .run();
    const { activity: a } = await s.admin.admin.catalogue.activity({ activityId: resto });
    const err = await errorOf(
      s.admin.admin.catalogue.updateActivity({
        activityId: resto,
        activity: {
          ...a,
          classLevels: null,
          // Thursdays out.
          weekdays: [1, 2, 5],
        },
      }),
    );
    expect(err.code).toBe("CONFLICT");
    expect(err.message).toMatch(/réservations? à venir/);
  });

  it("an EMS group: registrations and held places count; deleting a taken group is refused", async () => {
    const s = setup();
    const multisports = activityId(s.db, "ems_multisports");
    const { groupId } = await s.admin.admin.catalogue.createGroup({
      activityId: multisports,
      group,
    });
    // One registered, one held in a panier (Léa, 8 years old).
    const f = addFamily(s.db, { age: 7 });
    s.db
      .insert(registrations)
      .values({
        childId: f.childId,
        activityId: multisports,
        groupId,
        seasonId: s.seasonId,
        status: "validated",
        createdAt: DEMO_NOW.toISOString(),
      })
      .run();
    const martin = makeCaller(s.db, { who: "F00001" }).caller;
    const lea = (
      await martin.paidRegistrations.options({ householdId: householdId(s.db, "F00001") })
    ).find((c) => c.firstName === "Léa");
    const item = lea?.activities
      .find((a) => a.activityId === multisports)
      ?.items.find((i) => i.groupId === groupId);
    expect(item).toMatchObject({ available: true, placesLeft: 1 });
    await martin.paidRegistrations.setItems({
      householdId: householdId(s.db, "F00001"),
      version: 0,
      items: [
        {
          childId: lea?.childId ?? 0,
          activityId: multisports,
          groupId,
          sessionId: null,
          want: true,
        },
      ],
    });
    const err = await errorOf(
      s.admin.admin.catalogue.updateGroup({ groupId, group: { ...group, capacity: 1 } }),
    );
    expect(err.code).toBe("CONFLICT");
    expect(err.message).toContain("2 places sont déjà prises");
    const del = await errorOf(s.admin.admin.catalogue.deleteGroup({ groupId }));
    expect(del.message).toContain("1 inscription(s), 1 panier(s)");
    const moved = await errorOf(
      s.admin.admin.catalogue.updateGroup({ groupId, group: { ...group, weekday: 4 } }),
    );
    expect(moved.message).toContain("Le jour et l'horaire ne peuvent plus changer : 2 places");
    await s.admin.admin.catalogue.updateGroup({
      groupId,
      group: { ...group, capacity: 3, location: "Gymnase du Val des Roses" },
    });
    const got = await s.admin.admin.catalogue.activity({ activityId: multisports });
    expect(got.groups.find((g) => g.id === groupId)).toMatchObject({ capacity: 3, taken: 2 });
  });

  it("an overlapping group time at the same place or with the same coach is refused, naming the other group", async () => {
    const s = setup();
    const multisports = activityId(s.db, "ems_multisports");
    const escalade = activityId(s.db, "ems_escalade");
    await s.admin.admin.catalogue.createGroup({ activityId: multisports, group });
    const samePlace = await errorOf(
      s.admin.admin.catalogue.createGroup({
        activityId: escalade,
        group: { ...group, name: "Autre", startTime: "17:30", endTime: "18:30", coach: "" },
      }),
    );
    expect(samePlace.message).toContain("Horaire en conflit");
    expect(samePlace.message).toContain(group.name);
    const sameCoach = await errorOf(
      s.admin.admin.catalogue.createGroup({
        activityId: escalade,
        group: { ...group, name: "Autre", location: "Halle olympique" },
      }),
    );
    expect(sameCoach.message).toContain("Julien Perrier encadre déjà");
    // Touching ends are fine.
    await s.admin.admin.catalogue.createGroup({
      activityId: escalade,
      group: { ...group, name: "Après", startTime: "18:00", endTime: "19:00" },
    });
  });

  it("a Territoire Jeune session: places and date hold while families are registered", async () => {
    const s = setup();
    const tj = activityId(s.db, "tj_sorties_ateliers");
    const session = {
      title: "Atelier cuisine",
      description: "",
      date: "2027-01-20",
      startTime: "14:00",
      endTime: "17:00",
      location: "Espace Territoire Jeune",
      minAge: 11,
      maxAge: 17,
      capacity: 4,
      priceCents: 300,
    };
    const { sessionId } = await s.admin.admin.catalogue.createSession({ activityId: tj, session });
    for (let i = 0; i < 2; i++) {
      const f = addFamily(s.db, { age: 13 });
      s.db
        .insert(registrations)
        .values({
          childId: f.childId,
          activityId: tj,
          sessionId,
          seasonId: s.seasonId,
          status: "validated",
          createdAt: DEMO_NOW.toISOString(),
        })
        .run();
    }
    // Hugo (12) holds a third place in the Martins' open panier.
    const martinId = householdId(s.db, "F00001");
    const martin = makeCaller(s.db, { who: "F00001" }).caller;
    const hugo = (await martin.paidRegistrations.options({ householdId: martinId })).find(
      (c) => c.firstName === "Hugo",
    );
    await martin.paidRegistrations.setItems({
      householdId: martinId,
      version: 0,
      items: [
        { childId: hugo?.childId ?? 0, activityId: tj, groupId: null, sessionId, want: true },
      ],
    });
    const err = await errorOf(
      s.admin.admin.catalogue.updateSession({ sessionId, session: { ...session, capacity: 2 } }),
    );
    expect(err.message).toContain("3 places sont déjà prises");
    const moved = await errorOf(
      s.admin.admin.catalogue.updateSession({
        sessionId,
        session: { ...session, date: "2027-01-27" },
      }),
    );
    expect(moved.message).toContain("La date et l'horaire ne peuvent plus changer");
    await s.admin.admin.catalogue.updateSession({
      sessionId,
      session: { ...session, capacity: 3 },
    });
    expect((await errorOf(s.admin.admin.catalogue.deleteSession({ sessionId }))).code).toBe(
      "CONFLICT",
    );
  });
});

describe("activities and tariff grids", () => {
  it("creates an activity out of the catalogue until its grid covers every QF", async () => {
    const s = setup();
    const types = await s.admin.admin.catalogue.types();
    const ems = types.find((t) => t.code === "ems");
    if (!ems) throw new Error("no EMS type");
    // Multisports, Natation, Escalade, Ski de fond.
    expect(ems.activities).toBe(4);
    const activity = {
      code: "ems_judo",
      name: "Judo",
      description: "Initiation au judo.",
      billingMode: "at_registration" as const,
      scheduleKind: "groups" as const,
      dayKind: null,
      weekdays: null,
      startTime: null,
      endTime: null,
      location: "Dojo municipal",
      capacity: null,
      minAge: 6,
      maxAge: 11,
      classLevels: null,
      deadlineDays: 2,
      deadlineTime: "12:00",
      deadlineSkipWeekends: true,
      position: 10,
    };
    const wrongType = await errorOf(
      s.admin.admin.catalogue.createActivity({
        seasonId: s.seasonId,
        typeId: ems.id,
        activity: { ...activity, scheduleKind: "sessions" },
      }),
    );
    expect(wrongType.message).toContain("groupes hebdomadaires");
    const { activityId: judo } = await s.admin.admin.catalogue.createActivity({
      seasonId: s.seasonId,
      typeId: ems.id,
      activity,
    });
    expect(
      (await errorOf(s.admin.admin.catalogue.setActivityActive({ activityId: judo, active: true })))
        .message,
    ).toContain("grille des tarifs");
    const gap = await errorOf(
      s.admin.admin.catalogue.setTariffs({
        activityId: judo,
        lines: [
          { qfMin: 0, qfMax: 500, resident: true, priceCents: 3000 },
          { qfMin: 600, qfMax: null, resident: true, priceCents: 5000 },
          { qfMin: 0, qfMax: null, resident: false, priceCents: 8000 },
        ],
      }),
    );
    expect(gap.code).toBe("BAD_REQUEST");
    expect(gap.message).toContain("aucune tranche ne couvre QF 501 à 599");
    await s.admin.admin.catalogue.setTariffs({
      activityId: judo,
      lines: [
        { qfMin: 0, qfMax: 500, resident: true, priceCents: 3000 },
        { qfMin: 501, qfMax: null, resident: true, priceCents: 5000 },
        { qfMin: 0, qfMax: null, resident: false, priceCents: 8000 },
      ],
    });
    await s.admin.admin.catalogue.setActivityActive({ activityId: judo, active: true });
    expect((await s.admin.admin.catalogue.types()).find((t) => t.code === "ems")?.activities).toBe(
      5,
    );
    const list = await s.admin.admin.catalogue.activities({ seasonId: s.seasonId });
    expect(list.activities.find((a) => a.id === judo)).toMatchObject({
      name: "Judo",
      active: true,
      typeCode: "ems",
    });
    const dup = await errorOf(
      s.admin.admin.catalogue.createActivity({ seasonId: s.seasonId, typeId: ems.id, activity }),
    );
    expect(dup.message).toContain("déjà celui de « Judo »");
  });

  it("refuses to take out of the catalogue an activity with booked days to come", async () => {
    const s = setup();
    const resto = activityId(s.db, "restauration");
    const lunch = addFamily(s.db, { activityCodes: ["restauration"] });
    s.db
      .insert(reservations)
      .values({
        childId: lunch.childId,
        activityId: resto,
        date: "2026-12-17",
        status: "booked",
        priceCents: 340,
        createdAt: DEMO_NOW.toISOString(),
      })
      .run();
    const err = await errorOf(
      s.admin.admin.catalogue.setActivityActive({ activityId: resto, active: false }),
    );
    expect(err.code).toBe("CONFLICT");
    expect(err.message).toMatch(/jours? réservés? à venir/);
  });
});

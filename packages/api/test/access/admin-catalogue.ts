import { activities, activityGroups, activityTypes, seasons } from "@ef/db";
import { eq } from "drizzle-orm";
import type { TAccessCase, TAccessFixtures } from "./case";

/** Access cases of the admins' seasons, calendars and catalogue (admins only). */
export default function cases(fx: TAccessFixtures): Record<string, TAccessCase> {
  const idOf = (row: { id: number } | undefined) => {
    if (!row) throw new Error("missing demo row");
    return row.id;
  };
  const seasonId = idOf(fx.db.select({ id: seasons.id }).from(seasons).get());
  const activityByCode = (code: string) =>
    idOf(
      fx.db.select({ id: activities.id }).from(activities).where(eq(activities.code, code)).get(),
    );
  const multisports = activityByCode("ems_multisports");
  const tj = activityByCode("tj_sorties_ateliers");
  const groupId = idOf(
    fx.db
      .select({ id: activityGroups.id })
      .from(activityGroups)
      .where(eq(activityGroups.activityId, multisports))
      .get(),
  );
  const periscolaire = idOf(
    fx.db
      .select({ id: activityTypes.id })
      .from(activityTypes)
      .where(eq(activityTypes.code, "periscolaire"))
      .get(),
  );
  const closure = {
    op: "savePeriod" as const,
    seasonId,
    periodId: null,
    period: {
      kind: "closure" as const,
      label: "Fermeture exceptionnelle",
      startsOn: "2027-06-14",
      endsOn: "2027-06-14",
    },
  };
  const group = {
    name: "Groupe d'essai",
    weekday: 7,
    startTime: "10:00",
    endTime: "11:00",
    location: "Salle d'essai",
    minAge: 6,
    maxAge: 8,
    capacity: 5,
    coach: "",
  };
  const session = {
    title: "Séance d'essai",
    description: "",
    date: "2027-03-10",
    startTime: "14:00",
    endTime: "16:00",
    location: "Espace Territoire Jeune",
    minAge: 11,
    maxAge: 17,
    capacity: 5,
    priceCents: null,
  };
  return {
    "admin.seasons.list": { audience: "admin", call: (c) => c.admin.seasons.list() },
    "admin.seasons.get": { audience: "admin", call: (c) => c.admin.seasons.get({ seasonId }) },
    "admin.seasons.create": {
      audience: "admin",
      call: (c) =>
        c.admin.seasons.create({
          code: "2027-2028",
          label: "Année scolaire 2027-2028",
          startsOn: "2027-09-01",
          endsOn: "2028-07-04",
          zone: "A",
          schoolWeekdays: [1, 2, 4, 5],
          registrationOpen: false,
        }),
    },
    "admin.seasons.impact": { audience: "admin", call: (c) => c.admin.seasons.impact(closure) },
    "admin.seasons.applyChange": {
      audience: "admin",
      call: (c) =>
        c.admin.seasons.applyChange({ change: closure, cancellation: { expected: 0, reason: "" } }),
    },
    "admin.catalogue.types": { audience: "admin", call: (c) => c.admin.catalogue.types() },
    "admin.catalogue.updateType": {
      audience: "admin",
      call: (c) =>
        c.admin.catalogue.updateType({
          typeId: periscolaire,
          label: "Accueils périscolaires",
          description: "",
          position: 1,
        }),
    },
    "admin.catalogue.activities": {
      audience: "admin",
      call: (c) => c.admin.catalogue.activities({ seasonId }),
    },
    "admin.catalogue.activity": {
      audience: "admin",
      call: (c) => c.admin.catalogue.activity({ activityId: fx.soir }),
    },
    "admin.catalogue.createActivity": {
      audience: "admin",
      call: (c) =>
        c.admin.catalogue.createActivity({
          seasonId,
          typeId: periscolaire,
          activity: {
            code: "essai",
            name: "Activité d'essai",
            description: "",
            billingMode: "postpaid",
            scheduleKind: "weekdays",
            dayKind: "school_days",
            weekdays: null,
            startTime: null,
            endTime: null,
            location: "",
            capacity: null,
            minAge: null,
            maxAge: null,
            classLevels: null,
            deadlineDays: 2,
            deadlineTime: "12:00",
            deadlineSkipWeekends: true,
            position: 0,
          },
        }),
    },
    "admin.catalogue.updateActivity": {
      audience: "admin",
      call: (c) =>
        c.admin.catalogue.updateActivity({
          activityId: fx.soir,
          activity: {
            code: "accueil_soir",
            name: "Accueil du soir",
            description: "",
            billingMode: "postpaid",
            scheduleKind: "weekdays",
            dayKind: "school_days",
            weekdays: [1, 2, 4, 5],
            startTime: "16:30",
            endTime: "18:30",
            location: "Dans l'école de l'enfant",
            capacity: null,
            minAge: 3,
            maxAge: 11,
            classLevels: null,
            deadlineDays: 2,
            deadlineTime: "12:00",
            deadlineSkipWeekends: true,
            position: 3,
          },
        }),
    },
    "admin.catalogue.setActivityActive": {
      audience: "admin",
      call: (c) => c.admin.catalogue.setActivityActive({ activityId: fx.soir, active: true }),
    },
    "admin.catalogue.setTariffs": {
      audience: "admin",
      call: (c) =>
        c.admin.catalogue.setTariffs({
          activityId: fx.soir,
          lines: [
            { qfMin: 0, qfMax: null, resident: true, priceCents: 120 },
            { qfMin: 0, qfMax: null, resident: false, priceCents: 230 },
          ],
        }),
    },
    "admin.catalogue.createGroup": {
      audience: "admin",
      call: (c) => c.admin.catalogue.createGroup({ activityId: multisports, group }),
    },
    "admin.catalogue.updateGroup": {
      audience: "admin",
      call: (c) => c.admin.catalogue.updateGroup({ groupId, group: { ...group, capacity: 12 } }),
    },
    "admin.catalogue.deleteGroup": {
      audience: "admin",
      call: (c) => c.admin.catalogue.deleteGroup({ groupId: 999 }),
    },
    "admin.catalogue.createSession": {
      audience: "admin",
      call: (c) => c.admin.catalogue.createSession({ activityId: tj, session }),
    },
    "admin.catalogue.updateSession": {
      audience: "admin",
      call: (c) => c.admin.catalogue.updateSession({ sessionId: 999, session }),
    },
    "admin.catalogue.deleteSession": {
      audience: "admin",
      call: (c) => c.admin.catalogue.deleteSession({ sessionId: 999 }),
    },
  };
}

/**
 * Activities of a season: their billing, eligibility, days, places, deadline and tariff grid.
 * An activity is never deleted (bookings and invoices point to it): it is put out of the
 * catalogue, which is refused while families hold upcoming days or registrations.
 */
import { parseWeekdays } from "@ef/core";
import {
  activities,
  activityGroups,
  activitySessions,
  activityTypes,
  immediate,
  seasons,
  type TDb,
  tariffs,
} from "@ef/db";
import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { audit } from "../../audit";
import { appError } from "../../errors";
import { adminProcedure } from "../../trpc";
import {
  type TActivityFields,
  ZActivitiesListSchema,
  ZActivityIdSchema,
  ZCreateActivitySchema,
  ZSetActivityActiveSchema,
  ZSetTariffsSchema,
  ZUpdateActivitySchema,
} from "./catalogue.schemas";
import {
  assertDayPlaces,
  assertDaysKept,
  busiestUpcomingDay,
  itemTaken,
  liveRegistrations,
  upcomingBookings,
} from "./usage";

/** The type decides how an activity runs: EMS in weekly groups, Territoire Jeune in sessions. */
const scheduleOfType = {
  periscolaire: "weekdays",
  loisirs: "weekdays",
  ems: "groups",
  territoire_jeune: "sessions",
} as const;
const unitOfSchedule = { weekdays: "day", groups: "registration", sessions: "session" } as const;

const ZActivityKinds = {
  billingMode: z.enum(["postpaid", "prepaid", "at_registration"]),
  scheduleKind: z.enum(["weekdays", "groups", "sessions"]),
};

function loadActivity(db: TDb, activityId: number) {
  const row = db
    .select({ activity: activities, typeCode: activityTypes.code, typeLabel: activityTypes.label })
    .from(activities)
    .innerJoin(activityTypes, eq(activityTypes.id, activities.typeId))
    .where(eq(activities.id, activityId))
    .get();
  if (!row) throw appError("NOT_FOUND", "Cette activité est introuvable.");
  return row;
}

/** The columns written from the admin's fields. */
function columnsOf(a: TActivityFields) {
  const weekdays = a.scheduleKind === "weekdays";
  return {
    code: a.code,
    name: a.name,
    description: a.description,
    billingMode: a.billingMode,
    scheduleKind: a.scheduleKind,
    dayKind: weekdays ? a.dayKind : null,
    weekdays: weekdays && a.weekdays ? [...a.weekdays].sort().join(",") : null,
    startTime: a.startTime,
    endTime: a.endTime,
    location: a.location,
    capacity: weekdays ? a.capacity : null,
    minAge: a.minAge,
    maxAge: a.maxAge,
    classLevels: a.classLevels && a.classLevels.length > 0 ? a.classLevels : null,
    deadlineDays: a.deadlineDays,
    deadlineTime: a.deadlineTime,
    deadlineSkipWeekends: a.deadlineSkipWeekends,
    position: a.position,
  };
}

function assertScheduleFitsType(typeCode: keyof typeof scheduleOfType, a: TActivityFields) {
  if (scheduleOfType[typeCode] !== a.scheduleKind) {
    throw appError(
      "INVALID",
      typeCode === "ems"
        ? "Une activité de l'École Municipale des Sports se déroule en groupes hebdomadaires."
        : typeCode === "territoire_jeune"
          ? "Une activité Territoire Jeune se déroule en séances datées."
          : "Cette activité se réserve par jours du calendrier.",
    );
  }
}

function assertCodeFree(db: TDb, seasonId: number, code: string, exceptId: number | null) {
  const other = db
    .select({ id: activities.id, name: activities.name })
    .from(activities)
    .where(and(eq(activities.seasonId, seasonId), eq(activities.code, code)))
    .get();
  if (other && other.id !== exceptId) {
    throw appError("CONFLICT", `Le code « ${code} » est déjà celui de « ${other.name} ».`);
  }
}

const ZActivityRowSchema = z.object({
  id: z.number(),
  seasonId: z.number(),
  typeId: z.number(),
  typeCode: z.enum(["periscolaire", "loisirs", "ems", "territoire_jeune"]),
  typeLabel: z.string(),
  code: z.string(),
  name: z.string(),
  ...ZActivityKinds,
  capacity: z.number().nullable(),
  active: z.boolean(),
  groups: z.number(),
  sessions: z.number(),
});

export const listActivities = adminProcedure
  .input(ZActivitiesListSchema)
  .output(
    z.object({
      seasonId: z.number().nullable(),
      seasons: z.array(z.object({ id: z.number(), code: z.string(), label: z.string() })),
      types: z.array(
        z.object({
          id: z.number(),
          code: z.enum(["periscolaire", "loisirs", "ems", "territoire_jeune"]),
          label: z.string(),
        }),
      ),
      activities: z.array(ZActivityRowSchema),
    }),
  )
  .query(({ ctx, input }) => {
    const seasonList = ctx.db
      .select({ id: seasons.id, code: seasons.code, label: seasons.label })
      .from(seasons)
      .orderBy(sql`${seasons.startsOn} desc`)
      .all();
    const seasonId = input.seasonId ?? seasonList[0]?.id ?? null;
    const types = ctx.db
      .select({ id: activityTypes.id, code: activityTypes.code, label: activityTypes.label })
      .from(activityTypes)
      .orderBy(asc(activityTypes.position))
      .all();
    const rows =
      seasonId === null
        ? []
        : ctx.db
            .select({
              id: activities.id,
              seasonId: activities.seasonId,
              typeId: activities.typeId,
              typeCode: activityTypes.code,
              typeLabel: activityTypes.label,
              code: activities.code,
              name: activities.name,
              billingMode: activities.billingMode,
              scheduleKind: activities.scheduleKind,
              capacity: activities.capacity,
              active: activities.active,
              groups: sql<number>`(select count(*) from ${activityGroups} where ${activityGroups.activityId} = ${activities.id})`,
              sessions: sql<number>`(select count(*) from ${activitySessions} where ${activitySessions.activityId} = ${activities.id})`,
            })
            .from(activities)
            .innerJoin(activityTypes, eq(activityTypes.id, activities.typeId))
            .where(eq(activities.seasonId, seasonId))
            .orderBy(asc(activityTypes.position), asc(activities.position), asc(activities.name))
            .all();
    return { seasonId, seasons: seasonList, types, activities: rows };
  });

const ZTimeSlot = { startTime: z.string(), endTime: z.string() };

export const getActivity = adminProcedure
  .input(ZActivityIdSchema)
  .output(
    z.object({
      activity: z.object({
        id: z.number(),
        seasonId: z.number(),
        seasonCode: z.string(),
        typeId: z.number(),
        typeCode: z.enum(["periscolaire", "loisirs", "ems", "territoire_jeune"]),
        typeLabel: z.string(),
        code: z.string(),
        name: z.string(),
        description: z.string(),
        ...ZActivityKinds,
        dayKind: z.enum(["school_days", "wednesdays", "holidays"]).nullable(),
        weekdays: z.array(z.number()).nullable(),
        startTime: z.string().nullable(),
        endTime: z.string().nullable(),
        location: z.string(),
        capacity: z.number().nullable(),
        minAge: z.number().nullable(),
        maxAge: z.number().nullable(),
        classLevels: z.array(z.string()).nullable(),
        deadlineDays: z.number(),
        deadlineTime: z.string(),
        deadlineSkipWeekends: z.boolean(),
        position: z.number(),
        active: z.boolean(),
      }),
      /** Weekday activities: booked days from today on, and the busiest one (places floor). */
      upcoming: z.object({
        bookedDays: z.number(),
        busiest: z.object({ day: z.string(), used: z.number() }).nullable(),
      }),
      tariffs: z.array(
        z.object({
          qfMin: z.number(),
          qfMax: z.number().nullable(),
          resident: z.boolean(),
          priceCents: z.number(),
        }),
      ),
      groups: z.array(
        z.object({
          id: z.number(),
          name: z.string(),
          weekday: z.number(),
          ...ZTimeSlot,
          location: z.string(),
          minAge: z.number(),
          maxAge: z.number(),
          capacity: z.number(),
          coach: z.string(),
          taken: z.number(),
        }),
      ),
      sessions: z.array(
        z.object({
          id: z.number(),
          title: z.string(),
          description: z.string(),
          date: z.string(),
          ...ZTimeSlot,
          location: z.string(),
          minAge: z.number(),
          maxAge: z.number(),
          capacity: z.number(),
          priceCents: z.number().nullable(),
          taken: z.number(),
        }),
      ),
    }),
  )
  .query(({ ctx, input }) => {
    const { activity: a, typeCode, typeLabel } = loadActivity(ctx.db, input.activityId);
    const season = ctx.db
      .select({ code: seasons.code })
      .from(seasons)
      .where(eq(seasons.id, a.seasonId))
      .get();
    const grid = ctx.db
      .select({
        qfMin: tariffs.qfMin,
        qfMax: tariffs.qfMax,
        resident: tariffs.resident,
        priceCents: tariffs.priceCents,
      })
      .from(tariffs)
      .where(eq(tariffs.activityId, a.id))
      .orderBy(sql`${tariffs.resident} desc`, asc(tariffs.qfMin))
      .all();
    const groups = ctx.db
      .select()
      .from(activityGroups)
      .where(eq(activityGroups.activityId, a.id))
      .orderBy(asc(activityGroups.weekday), asc(activityGroups.startTime))
      .all()
      .map(({ activityId: _, ...g }) => ({
        ...g,
        taken: itemTaken(ctx.db, { groupId: g.id }, ctx.now),
      }));
    const sessions = ctx.db
      .select()
      .from(activitySessions)
      .where(eq(activitySessions.activityId, a.id))
      .orderBy(asc(activitySessions.date), asc(activitySessions.startTime))
      .all()
      .map(({ activityId: _, ...s }) => ({
        ...s,
        taken: itemTaken(ctx.db, { sessionId: s.id }, ctx.now),
      }));
    const booked = a.scheduleKind === "weekdays" ? upcomingBookings(ctx.db, a.id, ctx.now) : [];
    return {
      activity: {
        id: a.id,
        seasonId: a.seasonId,
        seasonCode: season?.code ?? "",
        typeId: a.typeId,
        typeCode,
        typeLabel,
        code: a.code,
        name: a.name,
        description: a.description,
        billingMode: a.billingMode,
        scheduleKind: a.scheduleKind,
        dayKind: a.dayKind,
        weekdays: parseWeekdays(a.weekdays),
        startTime: a.startTime,
        endTime: a.endTime,
        location: a.location,
        capacity: a.capacity,
        minAge: a.minAge,
        maxAge: a.maxAge,
        classLevels: a.classLevels,
        deadlineDays: a.deadlineDays,
        deadlineTime: a.deadlineTime,
        deadlineSkipWeekends: a.deadlineSkipWeekends,
        position: a.position,
        active: a.active,
      },
      upcoming: {
        bookedDays: booked.reduce((n, d) => n + d.n, 0),
        busiest: a.scheduleKind === "weekdays" ? busiestUpcomingDay(ctx.db, a.id, ctx.now) : null,
      },
      tariffs: grid,
      groups,
      sessions,
    };
  });

export const createActivity = adminProcedure
  .input(ZCreateActivitySchema)
  .output(z.object({ activityId: z.number() }))
  .mutation(({ ctx, input }) =>
    immediate(ctx.db, (tx) => {
      const type = tx
        .select({ code: activityTypes.code })
        .from(activityTypes)
        .where(eq(activityTypes.id, input.typeId))
        .get();
      if (!type) throw appError("NOT_FOUND", "Ce type d'activité est introuvable.");
      const season = tx
        .select({ id: seasons.id })
        .from(seasons)
        .where(eq(seasons.id, input.seasonId))
        .get();
      if (!season) throw appError("NOT_FOUND", "Cette saison est introuvable.");
      assertScheduleFitsType(type.code, input.activity);
      assertCodeFree(tx, input.seasonId, input.activity.code, null);
      const values = {
        ...columnsOf(input.activity),
        seasonId: input.seasonId,
        typeId: input.typeId,
        // Out of the catalogue until its tariff grid is set: nobody can book a price-less day.
        active: false,
      };
      const { id } = tx.insert(activities).values(values).returning({ id: activities.id }).get();
      audit(tx, ctx.now, {
        actorUserId: ctx.user.id,
        action: "activity.create",
        entity: "activity",
        entityId: id,
        after: { id, ...values },
      });
      return { activityId: id };
    }),
  );

export const updateActivity = adminProcedure
  .input(ZUpdateActivitySchema)
  .output(z.object({ ok: z.literal(true) }))
  .mutation(({ ctx, input }) =>
    immediate(ctx.db, (tx) => {
      const { activity: before, typeCode } = loadActivity(tx, input.activityId);
      const next = columnsOf(input.activity);
      assertScheduleFitsType(typeCode, input.activity);
      assertCodeFree(tx, before.seasonId, next.code, before.id);
      const booked = upcomingBookings(tx, before.id, ctx.now).length > 0;
      const registered = liveRegistrations(tx, before.id) > 0;
      // Days already booked were priced and paid (or not) under the old mode.
      if (next.billingMode !== before.billingMode && (booked || registered)) {
        throw appError(
          "CONFLICT",
          "Le mode de paiement ne peut plus changer : des familles ont déjà des inscriptions ou des jours réservés à venir sous le mode actuel.",
        );
      }
      if (next.scheduleKind === "weekdays" && next.dayKind) {
        assertDaysKept(
          tx,
          before,
          { dayKind: next.dayKind, weekdays: parseWeekdays(next.weekdays) },
          ctx.now,
        );
        if (next.capacity !== before.capacity)
          assertDayPlaces(tx, before.id, next.capacity, ctx.now);
      }
      tx.update(activities).set(next).where(eq(activities.id, before.id)).run();
      audit(tx, ctx.now, {
        actorUserId: ctx.user.id,
        action: "activity.update",
        entity: "activity",
        entityId: before.id,
        before,
        after: { ...before, ...next },
      });
      return { ok: true as const };
    }),
  );

export const setActivityActive = adminProcedure
  .input(ZSetActivityActiveSchema)
  .output(z.object({ ok: z.literal(true) }))
  .mutation(({ ctx, input }) =>
    immediate(ctx.db, (tx) => {
      const { activity: a } = loadActivity(tx, input.activityId);
      if (input.active) {
        const lines = tx
          .select({ qfMin: tariffs.qfMin })
          .from(tariffs)
          .where(eq(tariffs.activityId, a.id))
          .all();
        if (lines.length === 0) {
          throw appError(
            "INVALID",
            "Renseignez d'abord la grille des tarifs : une activité sans prix ne peut pas être proposée.",
          );
        }
      } else {
        const days = upcomingBookings(tx, a.id, ctx.now).reduce((n, d) => n + d.n, 0);
        const regs = a.scheduleKind === "weekdays" ? 0 : liveRegistrations(tx, a.id);
        if (days + regs > 0) {
          throw appError(
            "CONFLICT",
            `Impossible de retirer cette activité : ${days ? `${days} jour${days > 1 ? "s" : ""} réservé${days > 1 ? "s" : ""} à venir` : ""}${days && regs ? " et " : ""}${regs ? `${regs} inscription${regs > 1 ? "s" : ""} en cours` : ""}. Les familles ne seraient pas prévenues : annulez-les d'abord.`,
          );
        }
      }
      tx.update(activities).set({ active: input.active }).where(eq(activities.id, a.id)).run();
      audit(tx, ctx.now, {
        actorUserId: ctx.user.id,
        action: input.active ? "activity.activate" : "activity.deactivate",
        entity: "activity",
        entityId: a.id,
        before: { active: a.active },
        after: { active: input.active },
      });
      return { ok: true as const };
    }),
  );

/**
 * Replaces the tariff grid. Days already booked keep the price they were booked at ("billed as
 * shown"); the new grid applies to what is booked from now on.
 */
export const setTariffs = adminProcedure
  .input(ZSetTariffsSchema)
  .output(z.object({ ok: z.literal(true) }))
  .mutation(({ ctx, input }) =>
    immediate(ctx.db, (tx) => {
      const { activity: a } = loadActivity(tx, input.activityId);
      const before = tx
        .select({
          qfMin: tariffs.qfMin,
          qfMax: tariffs.qfMax,
          resident: tariffs.resident,
          priceCents: tariffs.priceCents,
        })
        .from(tariffs)
        .where(eq(tariffs.activityId, a.id))
        .all();
      tx.delete(tariffs).where(eq(tariffs.activityId, a.id)).run();
      const unit = unitOfSchedule[a.scheduleKind];
      tx.insert(tariffs)
        .values(input.lines.map((l) => ({ ...l, activityId: a.id, unit })))
        .run();
      audit(tx, ctx.now, {
        actorUserId: ctx.user.id,
        action: "activity.setTariffs",
        entity: "activity",
        entityId: a.id,
        before,
        after: input.lines,
      });
      return { ok: true as const };
    }),
  );

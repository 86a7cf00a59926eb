/**
 * Reads of the catalogue that the booking rules need: a season's calendar and an activity's rules
 * (days, places, deadline, tariff grid). Prepared once per database, since the planning reads them
 * on every request.
 */
import {
  parseWeekdays,
  type TDayKind,
  type TDeadlineRule,
  type TSeasonCalendar,
  type TTariff,
} from "@ef/core";
import { activities, activityTypes, calendarPeriods, seasons, type TDb, tariffs } from "@ef/db";
import { eq, sql } from "drizzle-orm";
import { prepared } from "../prepared";

export type TActivityRules = {
  id: number;
  name: string;
  typeCode: "periscolaire" | "loisirs" | "ems" | "territoire_jeune";
  typeLabel: string;
  seasonId: number;
  billingMode: "postpaid" | "prepaid" | "at_registration";
  scheduleKind: "weekdays" | "groups" | "sessions";
  dayKind: TDayKind | null;
  weekdays: number[] | null;
  startTime: string | null;
  endTime: string | null;
  capacity: number | null;
  minAge: number | null;
  maxAge: number | null;
  classLevels: string[] | null;
  deadline: TDeadlineRule;
  tariffs: TTariff[];
  active: boolean;
};

export function seasonCalendar(db: TDb, seasonId: number): TSeasonCalendar | null {
  const season = prepared(db, "catalogue.season", (d) =>
    d
      .select({
        startsOn: seasons.startsOn,
        endsOn: seasons.endsOn,
        schoolWeekdays: seasons.schoolWeekdays,
      })
      .from(seasons)
      .where(eq(seasons.id, sql.placeholder("id")))
      .prepare(),
  ).get({ id: seasonId });
  if (!season) return null;
  const periods = prepared(db, "catalogue.periods", (d) =>
    d
      .select({
        kind: calendarPeriods.kind,
        label: calendarPeriods.label,
        startsOn: calendarPeriods.startsOn,
        endsOn: calendarPeriods.endsOn,
      })
      .from(calendarPeriods)
      .where(eq(calendarPeriods.seasonId, sql.placeholder("id")))
      .prepare(),
  ).all({ id: seasonId });
  return {
    startsOn: season.startsOn,
    endsOn: season.endsOn,
    schoolWeekdays: parseWeekdays(season.schoolWeekdays) ?? [],
    periods,
  };
}

export function activityRules(db: TDb, ids: number[]): Map<number, TActivityRules> {
  const out = new Map<number, TActivityRules>();
  if (ids.length === 0) return out;
  const activity = prepared(db, "catalogue.activity", (d) =>
    d
      .select({
        id: activities.id,
        name: activities.name,
        typeCode: activityTypes.code,
        typeLabel: activityTypes.label,
        seasonId: activities.seasonId,
        billingMode: activities.billingMode,
        scheduleKind: activities.scheduleKind,
        dayKind: activities.dayKind,
        weekdays: activities.weekdays,
        startTime: activities.startTime,
        endTime: activities.endTime,
        capacity: activities.capacity,
        minAge: activities.minAge,
        maxAge: activities.maxAge,
        classLevels: activities.classLevels,
        deadlineDays: activities.deadlineDays,
        deadlineTime: activities.deadlineTime,
        deadlineSkipWeekends: activities.deadlineSkipWeekends,
        active: activities.active,
      })
      .from(activities)
      .innerJoin(activityTypes, eq(activityTypes.id, activities.typeId))
      .where(eq(activities.id, sql.placeholder("id")))
      .prepare(),
  );
  const grid = prepared(db, "catalogue.tariffs", (d) =>
    d
      .select({
        activityId: tariffs.activityId,
        qfMin: tariffs.qfMin,
        qfMax: tariffs.qfMax,
        resident: tariffs.resident,
        priceCents: tariffs.priceCents,
      })
      .from(tariffs)
      .where(eq(tariffs.activityId, sql.placeholder("id")))
      .prepare(),
  );
  const rows = ids.flatMap((id) => {
    const r = activity.get({ id });
    return r ? [r] : [];
  });
  for (const r of rows) {
    out.set(r.id, {
      id: r.id,
      name: r.name,
      typeCode: r.typeCode,
      typeLabel: r.typeLabel,
      seasonId: r.seasonId,
      billingMode: r.billingMode,
      scheduleKind: r.scheduleKind,
      dayKind: r.dayKind,
      weekdays: parseWeekdays(r.weekdays),
      startTime: r.startTime,
      endTime: r.endTime,
      capacity: r.capacity,
      minAge: r.minAge,
      maxAge: r.maxAge,
      classLevels: r.classLevels,
      deadline: {
        days: r.deadlineDays,
        time: r.deadlineTime,
        skipWeekends: r.deadlineSkipWeekends,
      },
      tariffs: grid.all({ id: r.id }),
      active: r.active,
    });
  }
  return out;
}

/**
 * Reads of the catalogue that the booking rules need: a season's calendar and an activity's rules
 * (days, places, deadline, tariff grid). The planning and every booking step read them, and they
 * change a few times a year: each process keeps what it read, per database, while the
 * `catalogue_version` counter (moved by triggers on every catalogue table, whoever writes) stays the
 * same. What it hands out is frozen: shared by every request.
 */
import {
  parseWeekdays,
  type TDayKind,
  type TDeadlineRule,
  type TSeasonCalendar,
  type TTariff,
} from "@ef/core";
import {
  activities,
  activityTypes,
  calendarPeriods,
  prepared,
  seasons,
  type TDb,
  tariffs,
  watchCounter,
} from "@ef/db";
import { asc, eq, sql } from "drizzle-orm";

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

type TCatalogueCache = {
  check: ReturnType<typeof watchCounter>;
  calendars: Map<number, TSeasonCalendar | null>;
  activities: Map<number, TActivityRules | null>;
  memo: Map<string, unknown>;
};

const caches = new WeakMap<TDb, TCatalogueCache>();

/**
 * This database's catalogue cache, emptied when the catalogue changed since it was filled — or
 * null: inside a transaction that sees another catalogue than the cache (its own change, not yet
 * committed, or one committed meanwhile), the caller reads the database and keeps nothing, so
 * that what a rolled-back change wrote is never kept. The cache only ever holds committed rows.
 */
function cacheOf(db: TDb): TCatalogueCache | null {
  if (held?.db === db) return held.cache;
  let cache = caches.get(db);
  if (!cache) {
    cache = {
      check: watchCounter(db, "catalogue_version"),
      calendars: new Map(),
      activities: new Map(),
      memo: new Map(),
    };
    caches.set(db, cache);
  }
  const state = cache.check();
  if (state === "bypass") return null;
  if (state === "moved") {
    cache.calendars.clear();
    cache.activities.clear();
    cache.memo.clear();
  }
  return cache;
}

/** The cache of a {@link withCatalogue} run, checked once at its start. */
let held: { db: TDb; cache: TCatalogueCache | null } | null = null;

/**
 * Runs `fn` — reads that go together, synchronously, and change nothing — with the catalogue
 * checked once at the start instead of at each read (each check is a query: a month planning made
 * four). Within `fn` every read sees the catalogue as it was then.
 */
export function withCatalogue<T>(db: TDb, fn: () => T): T {
  if (held?.db === db) return fn();
  const outer = held;
  const cache = cacheOf(db);
  held = { db, cache };
  try {
    return fn();
  } finally {
    held = outer;
  }
}

/**
 * Anything worked out from the catalogue alone (a month's days of an activity, the seasons), kept
 * under `key` until the catalogue changes. `build` must read nothing but the catalogue.
 */
export function catalogueMemo<T>(db: TDb, key: string, build: () => T): T {
  const cache = cacheOf(db);
  if (!cache) return deepFreeze(build());
  if (cache.memo.has(key)) return cache.memo.get(key) as T;
  const value = deepFreeze(build());
  if (cache.memo.size > 500) cache.memo.clear();
  cache.memo.set(key, value);
  return value;
}

export type TSeasonSpan = { id: number; startsOn: string; endsOn: string };

/** The first season (by start) overlapping `first`…`last`, or null. */
export function seasonCovering(db: TDb, first: string, last: string): TSeasonSpan | null {
  const all = catalogueMemo(db, "seasons", () =>
    db
      .select({ id: seasons.id, startsOn: seasons.startsOn, endsOn: seasons.endsOn })
      .from(seasons)
      .orderBy(asc(seasons.startsOn), asc(seasons.id))
      .all(),
  );
  return all.find((s) => s.startsOn <= last && s.endsOn >= first) ?? null;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

export function seasonCalendar(db: TDb, seasonId: number): TSeasonCalendar | null {
  const cache = cacheOf(db);
  if (!cache) return deepFreeze(readSeasonCalendar(db, seasonId));
  let calendar = cache.calendars.get(seasonId);
  if (calendar === undefined) {
    calendar = deepFreeze(readSeasonCalendar(db, seasonId));
    cache.calendars.set(seasonId, calendar);
  }
  return calendar;
}

function readSeasonCalendar(db: TDb, seasonId: number): TSeasonCalendar | null {
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
  const cache = cacheOf(db);
  if (!cache) {
    for (const [id, rules] of readActivityRules(db, ids)) out.set(id, deepFreeze(rules));
    return out;
  }
  const missing = ids.filter((id) => !cache.activities.has(id));
  if (missing.length > 0) {
    const read = readActivityRules(db, missing);
    for (const id of missing) cache.activities.set(id, deepFreeze(read.get(id) ?? null));
  }
  for (const id of ids) {
    const rules = cache.activities.get(id);
    if (rules) out.set(id, rules);
  }
  return out;
}

function readActivityRules(db: TDb, ids: number[]): Map<number, TActivityRules> {
  const out = new Map<number, TActivityRules>();
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

import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { bool, day, id } from "./common";
import { seasons } from "./seasons";

export const activityTypeCodes = ["periscolaire", "loisirs", "ems", "territoire_jeune"] as const;
export type TActivityTypeCode = (typeof activityTypeCodes)[number];

/** The four families of activities (the seed's words). */
export const activityTypes = sqliteTable(
  "activity_types",
  {
    id: id(),
    code: text("code", { enum: activityTypeCodes }).notNull(),
    label: text("label").notNull(),
    description: text("description").notNull().default(""),
    position: integer("position").notNull().default(0),
  },
  (t) => [uniqueIndex("activity_types_code_uq").on(t.code)],
);

/** postpaid: monthly invoice; prepaid: paid at booking; at_registration: paid when registering. */
export const billingModes = ["postpaid", "prepaid", "at_registration"] as const;
/** weekdays: days of the calendar; groups: EMS weekly groups; sessions: dated sessions. */
export const scheduleKinds = ["weekdays", "groups", "sessions"] as const;
/** Which days of the calendar a weekday activity runs on. */
export const dayKinds = ["school_days", "wednesdays", "holidays"] as const;

export const activities = sqliteTable(
  "activities",
  {
    id: id(),
    typeId: integer("type_id")
      .notNull()
      .references(() => activityTypes.id),
    seasonId: integer("season_id")
      .notNull()
      .references(() => seasons.id),
    code: text("code").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    billingMode: text("billing_mode", { enum: billingModes }).notNull(),
    scheduleKind: text("schedule_kind", { enum: scheduleKinds }).notNull(),
    /** For weekday activities: which calendar days. */
    dayKind: text("day_kind", { enum: dayKinds }),
    /** ISO weekdays (1 = Monday), "1,2,4,5"; null = every day of its day kind. */
    weekdays: text("weekdays"),
    startTime: text("start_time"),
    endTime: text("end_time"),
    location: text("location").notNull().default(""),
    /** Places per day (weekday activities); null = unlimited. */
    capacity: integer("capacity"),
    /** Eligibility: age in whole years on the day, both ends included. */
    minAge: integer("min_age"),
    maxAge: integer("max_age"),
    /** Eligibility by class level, JSON array; null = any. */
    classLevels: text("class_levels", { mode: "json" }).$type<string[]>(),
    /** Deadline rule: changes allowed until `deadlineDays` days before, at `deadlineTime`. */
    deadlineDays: integer("deadline_days").notNull().default(2),
    deadlineTime: text("deadline_time").notNull().default("12:00"),
    /** Week-ends not counted in the `deadlineDays`. */
    deadlineSkipWeekends: bool("deadline_skip_weekends").notNull().default(true),
    active: bool("active").notNull().default(true),
    position: integer("position").notNull().default(0),
  },
  (t) => [
    uniqueIndex("activities_season_code_uq").on(t.seasonId, t.code),
    index("activities_type_idx").on(t.typeId),
  ],
);

/**
 * Tariff grid: one price per QF bracket and residency. `qfMax` null = no upper bound.
 * `unit`: per day, per session, or for the whole registration (EMS season).
 */
export const tariffs = sqliteTable(
  "tariffs",
  {
    id: id(),
    activityId: integer("activity_id")
      .notNull()
      .references(() => activities.id, { onDelete: "cascade" }),
    qfMin: integer("qf_min").notNull(),
    qfMax: integer("qf_max"),
    resident: bool("resident").notNull(),
    priceCents: integer("price_cents").notNull(),
    unit: text("unit", { enum: ["day", "session", "registration"] }).notNull(),
  },
  (t) => [index("tariffs_activity_idx").on(t.activityId)],
);

/** EMS groups: a weekly slot with its own places. */
export const activityGroups = sqliteTable(
  "activity_groups",
  {
    id: id(),
    activityId: integer("activity_id")
      .notNull()
      .references(() => activities.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    weekday: integer("weekday").notNull(),
    startTime: text("start_time").notNull(),
    endTime: text("end_time").notNull(),
    location: text("location").notNull(),
    minAge: integer("min_age").notNull(),
    maxAge: integer("max_age").notNull(),
    capacity: integer("capacity").notNull(),
    coach: text("coach").notNull().default(""),
  },
  (t) => [index("activity_groups_activity_idx").on(t.activityId)],
);

/** Dated sessions (Territoire Jeune outings and workshops). */
export const activitySessions = sqliteTable(
  "activity_sessions",
  {
    id: id(),
    activityId: integer("activity_id")
      .notNull()
      .references(() => activities.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    date: day("date").notNull(),
    startTime: text("start_time").notNull(),
    endTime: text("end_time").notNull(),
    location: text("location").notNull(),
    minAge: integer("min_age").notNull(),
    maxAge: integer("max_age").notNull(),
    capacity: integer("capacity").notNull(),
    /** Flat price; null = the activity's tariff grid. */
    priceCents: integer("price_cents"),
  },
  (t) => [index("activity_sessions_activity_date_idx").on(t.activityId, t.date)],
);

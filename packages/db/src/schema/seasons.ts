import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { bool, day, id } from "./common";

/** A school year, e.g. `2026-2027`. */
export const seasons = sqliteTable(
  "seasons",
  {
    id: id(),
    code: text("code").notNull(),
    label: text("label").notNull(),
    startsOn: day("starts_on").notNull(),
    endsOn: day("ends_on").notNull(),
    /** School holiday zone (Albertville: A). */
    zone: text("zone").notNull(),
    /** ISO weekdays with school (1 = Monday): "1,2,4,5". */
    schoolWeekdays: text("school_weekdays").notNull(),
    /** Parents may register for this season. */
    registrationOpen: bool("registration_open").notNull().default(true),
  },
  (t) => [uniqueIndex("seasons_code_uq").on(t.code)],
);

export const calendarKinds = ["school_holiday", "public_holiday", "closure"] as const;

/** Dated spans of a season's calendar, both ends included. */
export const calendarPeriods = sqliteTable(
  "calendar_periods",
  {
    id: id(),
    seasonId: integer("season_id")
      .notNull()
      .references(() => seasons.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: calendarKinds }).notNull(),
    label: text("label").notNull(),
    startsOn: day("starts_on").notNull(),
    endsOn: day("ends_on").notNull(),
  },
  (t) => [index("calendar_periods_season_idx").on(t.seasonId, t.startsOn)],
);

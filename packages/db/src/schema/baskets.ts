import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { activities } from "./activities";
import { day, id, instant } from "./common";
import { children, households } from "./households";
import { users } from "./users";

/**
 * The panier: one open per household, kept on the server so that a reload, the back button or a
 * second phone sees the same changes. `version` grows with every change; "Terminer" confirms one
 * version, once.
 */
export const baskets = sqliteTable(
  "baskets",
  {
    id: id(),
    householdId: integer("household_id")
      .notNull()
      .references(() => households.id, { onDelete: "cascade" }),
    status: text("status", { enum: ["open", "confirmed"] }).notNull(),
    version: integer("version").notNull().default(0),
    createdAt: instant("created_at").notNull(),
    updatedAt: instant("updated_at").notNull(),
    confirmedAt: instant("confirmed_at"),
    confirmedBy: integer("confirmed_by").references(() => users.id),
    /** The confirmed version, so that a second "Terminer" of it answers the same. */
    confirmedVersion: integer("confirmed_version"),
  },
  (t) => [
    uniqueIndex("baskets_one_open_uq").on(t.householdId).where(sql`${t.status} = 'open'`),
    index("baskets_household_idx").on(t.householdId, t.status),
  ],
);

/**
 * A change in the panier: book a day (`add`) or cancel a booked one (`cancel`). An `add` on a
 * capacity-limited day holds a place until `holdExpiresAt` (20 minutes, renewed by activity).
 */
export const basketLines = sqliteTable(
  "basket_lines",
  {
    id: id(),
    basketId: integer("basket_id")
      .notNull()
      .references(() => baskets.id, { onDelete: "cascade" }),
    action: text("action", { enum: ["add", "cancel"] }).notNull(),
    childId: integer("child_id")
      .notNull()
      .references(() => children.id, { onDelete: "cascade" }),
    activityId: integer("activity_id")
      .notNull()
      .references(() => activities.id),
    date: day("date").notNull(),
    /** Price quoted at the household's QF when the line was made (cents). */
    priceCents: integer("price_cents").notNull(),
    /** Set while the line holds a place; null when the day has no limit or the hold lapsed. */
    holdExpiresAt: instant("hold_expires_at"),
    /** The hold lapsed and the place went to someone else: the line says so. */
    holdLost: integer("hold_lost", { mode: "boolean" }).notNull().default(false),
    createdAt: instant("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("basket_lines_day_uq").on(t.basketId, t.childId, t.activityId, t.date),
    // Capacity counts: live holds on an activity's day. Only lines that hold a place are in it:
    // the lines of confirmed paniers stay (history) but no longer slow the counts down. It carries
    // what the counts also ask (the line's action, its panier): they never read the table itself.
    index("basket_lines_hold_idx")
      .on(t.activityId, t.date, t.holdExpiresAt, t.action, t.basketId)
      .where(sql`${t.holdExpiresAt} is not null`),
  ],
);

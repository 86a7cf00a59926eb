import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { activities, activityGroups, activitySessions } from "./activities";
import { day, id, instant } from "./common";
import { children } from "./households";
import { seasons } from "./seasons";
import { users } from "./users";

export const registrationStatuses = ["pending", "validated", "refused", "cancelled"] as const;

/** Inscription: a child × an activity (× an EMS group or a TJ session) for a season. */
export const registrations = sqliteTable(
  "registrations",
  {
    id: id(),
    childId: integer("child_id")
      .notNull()
      .references(() => children.id, { onDelete: "cascade" }),
    activityId: integer("activity_id")
      .notNull()
      .references(() => activities.id),
    groupId: integer("group_id").references(() => activityGroups.id),
    sessionId: integer("session_id").references(() => activitySessions.id),
    seasonId: integer("season_id")
      .notNull()
      .references(() => seasons.id),
    status: text("status", { enum: registrationStatuses }).notNull(),
    createdAt: instant("created_at").notNull(),
    createdBy: integer("created_by").references(() => users.id),
    decidedAt: instant("decided_at"),
    decidedBy: integer("decided_by").references(() => users.id),
    refusalReason: text("refusal_reason"),
    /** Inscriptions en paiement: the price paid and the payment. */
    priceCents: integer("price_cents"),
    paymentId: integer("payment_id"),
  },
  (t) => [
    index("registrations_child_idx").on(t.childId, t.status),
    index("registrations_status_idx").on(t.status),
    index("registrations_activity_idx").on(t.activityId, t.status),
    index("registrations_group_idx").on(t.groupId, t.status),
    index("registrations_session_idx").on(t.sessionId, t.status),
  ],
);

/** A booked day (or session) for a child. Cancelled rows stay for history and billing. */
export const reservations = sqliteTable(
  "reservations",
  {
    id: id(),
    childId: integer("child_id")
      .notNull()
      .references(() => children.id, { onDelete: "cascade" }),
    activityId: integer("activity_id")
      .notNull()
      .references(() => activities.id),
    date: day("date").notNull(),
    status: text("status", { enum: ["booked", "cancelled"] }).notNull(),
    /** Price at the household's QF bracket and residency when booked. */
    priceCents: integer("price_cents").notNull(),
    createdAt: instant("created_at").notNull(),
    createdBy: integer("created_by").references(() => users.id),
    cancelledAt: instant("cancelled_at"),
    cancelledBy: integer("cancelled_by").references(() => users.id),
    /** The panier that booked it, for the confirmation mail and history. */
    basketId: integer("basket_id"),
    /** Paid at booking (accueils de loisirs): the payment it belongs to. */
    paymentId: integer("payment_id"),
  },
  (t) => [
    // One live booking per child, activity and day.
    uniqueIndex("reservations_booked_uq")
      .on(t.childId, t.activityId, t.date)
      .where(sql`${t.status} = 'booked'`),
    // Capacity counts: bookings of an activity on a day.
    index("reservations_activity_date_idx").on(t.activityId, t.date, t.status),
    // A household's days (planning, billing, absences): by child and date, whatever the status —
    // a query whose status is a bound parameter cannot use the partial index above.
    index("reservations_child_date_idx").on(t.childId, t.date),
  ],
);

/** Pointage: a child's presence on a booked day, marked by the staff on site. */
export const attendance = sqliteTable(
  "attendance",
  {
    id: id(),
    childId: integer("child_id")
      .notNull()
      .references(() => children.id, { onDelete: "cascade" }),
    activityId: integer("activity_id")
      .notNull()
      .references(() => activities.id),
    date: day("date").notNull(),
    status: text("status", { enum: ["present", "absent", "excused"] }).notNull(),
    note: text("note"),
    markedAt: instant("marked_at").notNull(),
    markedBy: integer("marked_by").references(() => users.id),
  },
  (t) => [uniqueIndex("attendance_child_activity_date_uq").on(t.childId, t.activityId, t.date)],
);

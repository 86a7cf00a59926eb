import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { bool, id, instant } from "./common";
import { households } from "./households";

export const roles = ["parent", "agent", "admin"] as const;
export type TRole = (typeof roles)[number];

/** Anyone who logs in: a household's account (parent) or a staff member. */
export const users = sqliteTable(
  "users",
  {
    id: id(),
    /** Lower-cased login: the household's account code for parents, a username for staff. */
    login: text("login").notNull(),
    role: text("role", { enum: roles }).notNull(),
    householdId: integer("household_id").references(() => households.id, { onDelete: "cascade" }),
    displayName: text("display_name").notNull(),
    email: text("email").notNull().default(""),
    passwordHash: text("password_hash").notNull(),
    /** Credentials handed over by the guichet: the first login asks for a new password. */
    mustChangePassword: bool("must_change_password").notNull().default(false),
    /** A temporary password stops working after this instant. */
    tempPasswordExpiresAt: instant("temp_password_expires_at"),
    passwordChangedAt: instant("password_changed_at"),
    disabledAt: instant("disabled_at"),
    createdAt: instant("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("users_login_uq").on(t.login),
    index("users_household_idx").on(t.householdId),
  ],
);

/** Sessions the Lucia way: the id is the SHA-256 of the cookie's token, never the token. */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: instant("created_at").notNull(),
    lastSeenAt: instant("last_seen_at").notNull(),
    expiresAt: instant("expires_at").notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId), index("sessions_expires_idx").on(t.expiresAt)],
);

/** Single-use password reset links; only the SHA-256 of the token is kept. */
export const passwordResets = sqliteTable(
  "password_resets",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: instant("created_at").notNull(),
    expiresAt: instant("expires_at").notNull(),
    usedAt: instant("used_at"),
  },
  (t) => [index("password_resets_user_idx").on(t.userId)],
);

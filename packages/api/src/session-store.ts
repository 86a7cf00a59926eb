import { createHash } from "node:crypto";
import {
  checkSession,
  generateToken,
  hashToken,
  newSessionTimes,
  STAFF_IDLE_MS,
  STAFF_MAX_MS,
  type TSessionKind,
} from "@ef/auth";
import { households, prepared, sessions, type TDb, type TRole, users, watchCounter } from "@ef/db";
import { eq, sql } from "drizzle-orm";

/** The logged-in person, as every procedure sees it. */
export type TSessionUser = {
  id: number;
  login: string;
  role: TRole;
  householdId: number | null;
  displayName: string;
  email: string;
  mustChangePassword: boolean;
};

/** A household as every household procedure sees it (`ctx.household`). */
export type THouseholdRef = {
  id: number;
  accountCode: string;
  name: string;
  resident: boolean;
  qf: number | null;
  email: string;
};

/** The columns of {@link THouseholdRef}, for every query that reads one. */
export const householdRefColumns = {
  id: households.id,
  accountCode: households.accountCode,
  name: households.name,
  resident: households.resident,
  qf: households.qf,
  email: households.email,
};

export type TSession = {
  id: string;
  kind: TSessionKind;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
};

export const sessionKindOf = (role: TRole): TSessionKind =>
  role === "parent" ? "parent" : "staff";

/** Opens a session: returns the token for the cookie; the database keeps only its hash. */
export function createSession(
  db: TDb,
  user: { id: number; role: TRole },
  now: Date,
): { token: string; expiresAt: Date } {
  const token = generateToken();
  const times = newSessionTimes(sessionKindOf(user.role), now);
  db.insert(sessions)
    .values({
      id: hashToken(token),
      userId: user.id,
      createdAt: times.createdAt.toISOString(),
      lastSeenAt: times.lastSeenAt.toISOString(),
      expiresAt: times.expiresAt.toISOString(),
    })
    .run();
  return { token, expiresAt: times.expiresAt };
}

type TAuthCache = { check: ReturnType<typeof watchCounter>; rows: Map<string, object> };
const authCaches = new WeakMap<TDb, TAuthCache>();
/** Rows kept at most (a town's parents and agents logged in at once fit several times over). */
const AUTH_CACHE_ROWS = 20_000;

/**
 * A row every request reads about who is asking (its session and user, its household), kept in
 * memory until `auth_version` moves — triggers move it on any change to sessions, users or
 * households, from any connection (drizzle/0012_auth_version.sql): a logout, a password change, a
 * disabled account or a changed household is seen by the very next request. Reading the counter
 * costs a fraction of the rows' own reads, which every request of the opening rush paid. Inside a
 * transaction that sees another version than the cache (its own change, not yet committed), the
 * row is read and not kept: the cache only holds committed rows. Kept rows are frozen.
 */
export function authRow<T extends object>(
  db: TDb,
  key: string,
  read: () => T | undefined,
): T | undefined {
  let cache = authCaches.get(db);
  if (!cache) {
    cache = { check: watchCounter(db, "auth_version"), rows: new Map() };
    authCaches.set(db, cache);
  }
  const state = cache.check();
  if (state === "bypass") return read();
  if (state === "moved") cache.rows.clear();
  const kept = cache.rows.get(key);
  if (kept) return kept as T;
  const row = read();
  if (row) {
    if (cache.rows.size >= AUTH_CACHE_ROWS) cache.rows.clear();
    cache.rows.set(key, Object.freeze(row));
  }
  return row;
}

/**
 * Finds the session and user behind a cookie's token, without sliding it (the procedure's
 * middleware slides it), and a parent's own household with them (one row, one check of the
 * cache). An expired session is deleted; a disabled account has no session.
 */
export function readSession(
  db: TDb,
  token: string,
  now: Date,
): { session: TSession; user: TSessionUser; household: THouseholdRef | null } | null {
  if (!/^[a-z2-7]{32}$/.test(token)) return null;
  // hashToken's SHA-256, natively: every request pays it.
  const id = createHash("sha256").update(token).digest("hex");
  const statement = prepared(db, "readSession", (d) =>
    d
      .select({
        sessionId: sessions.id,
        createdAt: sessions.createdAt,
        lastSeenAt: sessions.lastSeenAt,
        expiresAt: sessions.expiresAt,
        userId: users.id,
        login: users.login,
        role: users.role,
        householdId: users.householdId,
        displayName: users.displayName,
        email: users.email,
        mustChangePassword: users.mustChangePassword,
        disabledAt: users.disabledAt,
        household: householdRefColumns,
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .leftJoin(households, eq(households.id, users.householdId))
      .where(eq(sessions.id, sql.placeholder("id")))
      .prepare(),
  );
  const row = authRow(db, `session:${id}`, () => {
    const read = statement.get({ id });
    if (read?.household) Object.freeze(read.household);
    return read;
  });
  if (!row) return null;
  const kind = sessionKindOf(row.role);
  const times = {
    createdAt: new Date(row.createdAt),
    lastSeenAt: new Date(row.lastSeenAt),
    expiresAt: new Date(row.expiresAt),
  };
  if (row.disabledAt || !checkSession(kind, times, now, false).valid) {
    db.delete(sessions).where(eq(sessions.id, id)).run();
    return null;
  }
  return {
    session: { id, kind, ...times },
    user: {
      id: row.userId,
      login: row.login,
      role: row.role,
      householdId: row.householdId,
      displayName: row.displayName,
      email: row.email,
      mustChangePassword: row.mustChangePassword,
    },
    household: row.household,
  };
}

/**
 * Slides a session on activity (parents: renewed when half-used; staff: idle timeout restarts,
 * written at most once a minute). `force` restarts a staff idle timeout now ("Rester connecté").
 * Returns the new expiry when it changed.
 */
export function touchSession(db: TDb, session: TSession, now: Date, force = false): Date | null {
  let next: { lastSeenAt: Date; expiresAt: Date } | null = null;
  if (force && session.kind === "staff") {
    const cap = session.createdAt.getTime() + STAFF_MAX_MS;
    next = { lastSeenAt: now, expiresAt: new Date(Math.min(now.getTime() + STAFF_IDLE_MS, cap)) };
  } else {
    const decision = checkSession(session.kind, session, now, true);
    if (decision.valid && decision.renewed) next = decision.renewed;
  }
  if (!next) return null;
  db.update(sessions)
    .set({ lastSeenAt: next.lastSeenAt.toISOString(), expiresAt: next.expiresAt.toISOString() })
    .where(eq(sessions.id, session.id))
    .run();
  session.lastSeenAt = next.lastSeenAt;
  session.expiresAt = next.expiresAt;
  return next.expiresAt;
}

export function deleteSession(db: TDb, sessionId: string): void {
  db.delete(sessions).where(eq(sessions.id, sessionId)).run();
}

/** Ends every session of a user (password change, reset, account disabled). */
export function deleteUserSessions(db: TDb, userId: number): void {
  db.delete(sessions).where(eq(sessions.userId, userId)).run();
}

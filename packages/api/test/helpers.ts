import { copyFileSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  activities,
  children,
  households,
  openDb,
  registrations,
  seasons,
  type TDb,
  users,
} from "@ef/db";
import { eq } from "drizzle-orm";
import { inject } from "vitest";
import { createContextInner } from "../src/context";
import { createCaller } from "../src/root";
import { createServices } from "../src/services";
import { createSession } from "../src/session-store";

/** The demo's "now" in tests: Tuesday 1 December 2026, 08:00 in Albertville. */
export const DEMO_NOW = new Date("2026-12-01T08:00:00+01:00");

const dataDirs = new WeakMap<TDb, string>();

/** A fresh copy of the migrated, seeded template database, for one test file. */
export function freshDb(): TDb {
  const dir = mkdtempSync(join(tmpdir(), "ef-api-"));
  const path = join(dir, "test.db");
  copyFileSync(inject("templateDb"), path);
  const db = openDb(path);
  mkdirSync(join(dir, "data"));
  dataDirs.set(db, join(dir, "data"));
  return db;
}

/** The database's DATA_DIR (uploads), beside its file. */
export function dataDirOf(db: TDb): string {
  const dir = dataDirs.get(db);
  if (!dir) throw new Error("database not made by freshDb");
  return dir;
}

/** A clock the test moves by hand. */
export function manualClock(start = DEMO_NOW) {
  let t = start.getTime();
  const clock = () => new Date(t);
  clock.advance = (ms: number) => {
    t += ms;
  };
  clock.set = (d: Date) => {
    t = d.getTime();
  };
  return clock;
}

export type TTestClock = ReturnType<typeof manualClock>;

/** What the server would have put in Set-Cookie. */
export type TCookieLog = { token: string | null; cleared: boolean };

/**
 * A caller for one person. `who`: a login (`F00001`, `agent`…) to log in directly through a new
 * session, or null for anonymous; `token` reuses a cookie.
 */
export function makeCaller(
  db: TDb,
  opts: {
    who?: string | null;
    token?: string | null;
    clock?: TTestClock | (() => Date);
    ip?: string;
    services?: ReturnType<typeof createServices>;
    publicUrl?: string;
  } = {},
) {
  const clock = opts.clock ?? (() => DEMO_NOW);
  let token = opts.token ?? null;
  if (opts.who) {
    const user = db
      .select({ id: users.id, role: users.role })
      .from(users)
      .where(eq(users.login, opts.who.toLowerCase()))
      .get();
    if (!user) throw new Error(`no user ${opts.who}`);
    token = createSession(db, user, clock()).token;
  }
  const cookies: TCookieLog = { token, cleared: false };
  const services = opts.services ?? createServices();
  const caller = createCaller(() =>
    createContextInner({
      db,
      clock,
      services,
      config: {
        publicUrl: opts.publicUrl ?? "http://localhost:3000",
        production: false,
        dataDir: dataDirOf(db),
      },
      sessionToken: cookies.token,
      ip: opts.ip ?? "192.0.2.1",
      cookies: {
        setSession(t) {
          cookies.token = t;
          cookies.cleared = false;
        },
        clearSession() {
          cookies.token = null;
          cookies.cleared = true;
        },
      },
    }),
  );
  return { caller, cookies, services };
}

export function householdId(db: TDb, accountCode: string): number {
  const h = db
    .select({ id: households.id })
    .from(households)
    .where(eq(households.accountCode, accountCode))
    .get();
  if (!h) throw new Error(`no household ${accountCode}`);
  return h.id;
}

/** The tRPC error's code and French message, for `expect(...).rejects`. */
export async function errorOf(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    const err = e as { code?: string; message: string; cause?: { appCode?: string } };
    return { code: err.code, message: err.message, appCode: err.cause?.appCode };
  }
  throw new Error("expected the call to fail");
}

/** An activity's id by its seed code (`restauration`, `accueil_soir`, `mercredis_elementaires`…). */
export function activityId(db: TDb, code: string): number {
  const a = db
    .select({ id: activities.id })
    .from(activities)
    .where(eq(activities.code, code))
    .get();
  if (!a) throw new Error(`no activity ${code}`);
  return a.id;
}

export function childId(db: TDb, firstName: string): number {
  const c = db
    .select({ id: children.id })
    .from(children)
    .where(eq(children.firstName, firstName))
    .get();
  if (!c) throw new Error(`no child ${firstName}`);
  return c.id;
}

let familyCounter = 0;

/**
 * Adds a household with one child of `age` (on 1 December 2026), a complete dossier and a
 * validated registration to each activity given. Returns the ids and a logged-in caller.
 */
export function addFamily(
  db: TDb,
  opts: { age?: number; activityCodes?: string[]; clock?: TTestClock | (() => Date) } = {},
) {
  familyCounter++;
  const code = `T${String(familyCounter).padStart(5, "0")}${Math.floor(Math.random() * 1000)}`;
  const now = new Date().toISOString();
  const household = db
    .insert(households)
    .values({
      accountCode: code,
      name: `Famille Test ${code}`,
      email: `${code}@example.fr`,
      qf: 700,
      resident: true,
      createdAt: now,
    })
    .returning({ id: households.id })
    .get();
  db.insert(users)
    .values({
      login: code.toLowerCase(),
      role: "parent",
      householdId: household.id,
      displayName: `Famille Test ${code}`,
      email: `${code}@example.fr`,
      passwordHash: "x",
      createdAt: now,
    })
    .run();
  const birthYear = 2026 - (opts.age ?? 8);
  const child = db
    .insert(children)
    .values({
      householdId: household.id,
      firstName: `Enfant${code}`,
      lastName: "Test",
      birthDate: `${birthYear}-06-01`,
      classLevel: "CE1",
      createdAt: now,
    })
    .returning({ id: children.id })
    .get();
  const season = db.select({ id: seasons.id }).from(seasons).get();
  if (!season) throw new Error("no season");
  for (const c of opts.activityCodes ?? []) {
    db.insert(registrations)
      .values({
        childId: child.id,
        activityId: activityId(db, c),
        seasonId: season.id,
        status: "validated",
        createdAt: now,
      })
      .run();
  }
  const { caller } = makeCaller(db, { who: code, clock: opts.clock });
  return { householdId: household.id, childId: child.id, code, caller };
}

/** Registers an existing child, validated. */
export function register(db: TDb, child: number, activityCode: string) {
  const season = db.select({ id: seasons.id }).from(seasons).get();
  if (!season) throw new Error("no season");
  db.insert(registrations)
    .values({
      childId: child,
      activityId: activityId(db, activityCode),
      seasonId: season.id,
      status: "validated",
      createdAt: new Date().toISOString(),
    })
    .run();
}

import { copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { households, openDb, type TDb, users } from "@ef/db";
import { eq } from "drizzle-orm";
import { inject } from "vitest";
import { createContextInner } from "../src/context";
import { createCaller } from "../src/root";
import { createServices } from "../src/services";
import { createSession } from "../src/session-store";

/** The demo's "now" in tests: Tuesday 1 December 2026, 08:00 in Albertville. */
export const DEMO_NOW = new Date("2026-12-01T08:00:00+01:00");

/** A fresh copy of the migrated, seeded template database, for one test file. */
export function freshDb(): TDb {
  const dir = mkdtempSync(join(tmpdir(), "ef-api-"));
  const path = join(dir, "test.db");
  copyFileSync(inject("templateDb"), path);
  return openDb(path);
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
      config: { publicUrl: "http://localhost:3000", production: false },
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

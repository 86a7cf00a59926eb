import type { Throttle } from "@ef/auth";
import type { TDb } from "@ef/db";
import type { TClock } from "./clock";
import type { TPayfipService } from "./payment/service";
import { readSession, type TSession, type TSessionUser } from "./session-store";

/** Settings the procedures need. */
export type TAppConfig = {
  /** Where the portal is reached, for links in mails (`http://localhost:3000`). */
  publicUrl: string;
  production: boolean;
  /** `DATA_DIR`: private uploads live under its `private/` folder. */
  dataDir: string;
};

/** Long-lived helpers shared by every request of a process. */
export type TServices = {
  loginThrottle: { account: Throttle; address: Throttle };
  resetThrottle: { account: Throttle; address: Throttle };
  /** PayFiP (or its simulator); null where online payment is off. */
  payfip: TPayfipService | null;
};

/** How a procedure sets or clears the session cookie on the answer. */
export type TCookieJar = {
  setSession(token: string, expiresAt: Date): void;
  clearSession(): void;
};

export type TContextInnerOptions = {
  db: TDb;
  clock: TClock;
  config: TAppConfig;
  services: TServices;
  /** The session cookie's token, if any. */
  sessionToken?: string | null;
  /** The caller's address, for throttling. */
  ip?: string;
  cookies?: TCookieJar;
};

const noCookies: TCookieJar = { setSession() {}, clearSession() {} };

/**
 * The context without HTTP: what tests build with `createCaller`, and what the server builds
 * from each request. Resolves the session once per request.
 */
export function createContextInner(opts: TContextInnerOptions) {
  const now = opts.clock();
  const found = opts.sessionToken ? readSession(opts.db, opts.sessionToken, now) : null;
  return {
    db: opts.db,
    clock: opts.clock,
    /** The instant the request started: one request, one "now". */
    now,
    config: opts.config,
    services: opts.services,
    ip: opts.ip ?? "unknown",
    cookies: opts.cookies ?? noCookies,
    hadSessionCookie: Boolean(opts.sessionToken),
    /** Kept only to re-send the same cookie with a later expiry when a parent's session slides. */
    sessionTokenForRenewal: found ? (opts.sessionToken ?? null) : null,
    session: found?.session ?? null,
    user: found?.user ?? null,
    /** A parent's own household, read with the session (household procedures use it). */
    ownHousehold: found?.household ?? null,
  };
}

export type TContext = ReturnType<typeof createContextInner>;
export type { TSession, TSessionUser };

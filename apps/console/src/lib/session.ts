import { trpc } from "../trpc";

/** Where the console is served; the router's basepath. */
export const BASEPATH = "/console";

/** Who is logged in. Kept until a login, a logout or an expiry replaces it. */
export const meQuery = () =>
  trpc.auth.me.queryOptions(undefined, { staleTime: Number.POSITIVE_INFINITY });

/** The browser's path of a router location (`/foyers/3` → `/console/foyers/3`). */
export function publicHref(routerHref: string): string {
  return `${BASEPATH}${routerHref}`;
}

/**
 * A `redirect` search parameter, if it points inside the console. Anything else (another site,
 * `//host`, a backslash trick) is dropped: the login page must not become an open redirect.
 */
export function safeRedirect(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (!(value === BASEPATH || value.startsWith(`${BASEPATH}/`))) return undefined;
  if (value.includes("\\") || value.includes("//")) return undefined;
  return value;
}

// The session cookie is HttpOnly: the browser only remembers *that* a session existed. The mark
// is "1" while logged in, "expired" once a session ended without « Se déconnecter », and absent
// after logging out, so that a reloaded page — not only the page that met the end — says why the
// login is asked. Its own key: the parents' portal shares the origin.
const MARK = "ef-console-session";

function setMark(value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(MARK);
    else localStorage.setItem(MARK, value);
  } catch {
    // Storage refused (private browsing): only the "expired" wording is lost.
  }
}

export const markLoggedIn = () => setMark("1");

/** « Se déconnecter »: nothing to say at the next login. */
export const markLoggedOut = () => setMark(null);

/**
 * The session is gone: whether it had existed (then it expired, and stays "expired" until the
 * next login).
 */
export function markSessionGone(): boolean {
  let had = false;
  try {
    had = localStorage.getItem(MARK) !== null;
  } catch {
    return false;
  }
  if (had) setMark("expired");
  return had;
}

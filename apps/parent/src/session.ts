/**
 * Who is logged in, as the routes need it. The session cookie is HttpOnly, so the browser only
 * remembers *that* a session existed: when `auth.me` then answers null, the session expired.
 * The mark is "1" while logged in, "expired" once a session ended without « Se déconnecter »,
 * and absent after logging out: a session that ends is never silently forgotten, whichever
 * request of whichever page (or the page being reloaded) noticed it first.
 */
import { redirect } from "@tanstack/react-router";
import { queryClient, trpc } from "./trpc";

const MARK = "ef-session";

export function markLoggedIn(): void {
  try {
    localStorage.setItem(MARK, "1");
  } catch {
    // Private browsing may refuse storage: only the "expired" wording is lost.
  }
}

/** « Se déconnecter »: nothing to say at the next login. */
export function markLoggedOut(): void {
  try {
    localStorage.removeItem(MARK);
  } catch {
    // See above.
  }
}

/** The session ended under the parent's feet: the login page says so, until they log in. */
function markExpired(): void {
  try {
    if (localStorage.getItem(MARK) !== null) localStorage.setItem(MARK, "expired");
  } catch {
    // See above.
  }
}

function hadSession(): boolean {
  try {
    return localStorage.getItem(MARK) !== null;
  } catch {
    return false;
  }
}

/** Pages that need a parent's session. */
export function isProtectedPath(pathname: string): boolean {
  return (
    pathname === "/espace" ||
    pathname.startsWith("/espace/") ||
    pathname === "/mot-de-passe/changer"
  );
}

/** A path of this app to come back to after logging in; anything else is ignored. */
export function safeRedirect(target: unknown): string | undefined {
  if (typeof target !== "string") return undefined;
  if (!target.startsWith("/") || target.startsWith("//") || target.startsWith("/\\")) {
    return undefined;
  }
  return target;
}

export const meQuery = () => trpc.auth.me.queryOptions();

/** The logged-in person (fetched once, then from the cache), or null. */
export function loadMe() {
  return queryClient.ensureQueryData({ ...meQuery(), revalidateIfStale: true });
}

/**
 * Forget the cached person and everything fetched for them; `expired` when the server ended the
 * session (the mark stays, so a reload on the way still shows « Votre session a expiré »).
 */
export function forgetSession({ expired }: { expired: boolean }): void {
  if (expired) markExpired();
  else markLoggedOut();
  queryClient.setQueryData(trpc.auth.me.queryKey(), null);
  // tRPC keys start with the procedure path: keep `auth.me` (just set) and public content.
  queryClient.removeQueries({
    predicate: ({ queryKey: [path] }) => {
      const [domain, procedure] = Array.isArray(path) ? path : [];
      return domain !== "content" && !(domain === "auth" && procedure === "me");
    },
  });
}

/**
 * Route guard: a logged-in parent, or off to the login page with the way back.
 * `allowPasswordChange`: the page that performs the forced change lets such a parent in.
 */
export async function requireParent(href: string, allowPasswordChange = false) {
  const me = await loadMe();
  if (me?.role !== "parent" || me.householdId === null) {
    const expired = hadSession() ? 1 : undefined;
    markExpired();
    throw redirect({ to: "/connexion", search: { redirect: href, expired } });
  }
  markLoggedIn();
  if (me.mustChangePassword && !allowPasswordChange) {
    throw redirect({ to: "/mot-de-passe/changer" });
  }
  return { ...me, householdId: me.householdId };
}

/** Right after logging in: drop the previous person's data and learn who is here now. */
export async function startSession(): Promise<void> {
  markLoggedIn();
  queryClient.removeQueries({
    predicate: ({ queryKey: [path] }) => !(Array.isArray(path) && path[0] === "content"),
  });
  try {
    await queryClient.fetchQuery(meQuery());
  } catch {
    // The next page's guard asks again.
  }
}

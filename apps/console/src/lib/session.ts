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

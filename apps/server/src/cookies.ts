import type { IncomingMessage, ServerResponse } from "node:http";

/** The session cookie's name: `__Host-` (Secure, Path=/, no Domain) in production. */
export const sessionCookieName = (production: boolean) =>
  production ? "__Host-ef_session" : "ef_session";

export function readCookie(req: IncomingMessage, name: string): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

// The cookie outlives the session on purpose: the server decides validity, and a stale cookie
// lets it say "votre session a expiré" instead of "veuillez vous connecter".
const COOKIE_MAX_AGE_S = 30 * 24 * 3600;

export function setSessionCookie(res: ServerResponse, production: boolean, token: string): void {
  const attrs = [
    `${sessionCookieName(production)}=${token}`,
    "HttpOnly",
    "SameSite=Lax",
    "Path=/",
    `Max-Age=${COOKIE_MAX_AGE_S}`,
  ];
  if (production) attrs.push("Secure");
  res.appendHeader("Set-Cookie", attrs.join("; "));
}

export function clearSessionCookie(res: ServerResponse, production: boolean): void {
  const attrs = [
    `${sessionCookieName(production)}=`,
    "HttpOnly",
    "SameSite=Lax",
    "Path=/",
    "Max-Age=0",
  ];
  if (production) attrs.push("Secure");
  res.appendHeader("Set-Cookie", attrs.join("; "));
}

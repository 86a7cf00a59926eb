import type { IncomingMessage, ServerResponse } from "node:http";

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** Headers every answer carries. */
export function setSecurityHeaders(res: ServerResponse, production: boolean): void {
  res.setHeader("Content-Security-Policy", CSP);
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  if (production) res.setHeader("Strict-Transport-Security", "max-age=31536000");
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Refuses a state-changing request that comes from another site, or that a plain HTML form could
 * send (form-encoded or multipart bodies): the browser-side half of CSRF protection, with the
 * SameSite=Lax cookie as the other. Returns the French reason, or null when the request may go on.
 */
export function refuseCrossSite(req: IncomingMessage, allowedOrigins: string[]): string | null {
  if (SAFE_METHODS.has(req.method ?? "GET")) return null;
  const site = req.headers["sec-fetch-site"];
  if (site && site !== "same-origin" && site !== "none") {
    return "Requête refusée : elle ne vient pas de l'Espace Famille.";
  }
  const origin = req.headers.origin;
  if (origin && origin !== "null") {
    const host = req.headers.host;
    let ok = allowedOrigins.includes(origin);
    try {
      ok ||= new URL(origin).host === host;
    } catch {
      ok = false;
    }
    if (!ok) return "Requête refusée : elle ne vient pas de l'Espace Famille.";
  } else if (origin === "null") {
    return "Requête refusée : elle ne vient pas de l'Espace Famille.";
  }
  const type = String(req.headers["content-type"] ?? "")
    .split(";")[0]
    ?.trim()
    .toLowerCase();
  if (type !== "application/json") {
    return "Requête refusée : format de données non accepté.";
  }
  return null;
}

import { createReadStream } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { readSession, type TClock } from "@ef/api";
import type { TDb } from "@ef/db";
import { readCookie } from "./cookies";

/** What the file routes (`/fichiers/…`, `/factures/…`) need to know who asks. */
export type TFileRouteDeps = { db: TDb; clock: TClock; cookieName: string };

/** The session of the request's cookie, or null (none, expired, unknown). */
export function sessionOf(req: IncomingMessage, deps: TFileRouteDeps) {
  const token = readCookie(req, deps.cookieName);
  return token ? readSession(deps.db, token, deps.clock()) : null;
}

/** Staff, or the family `householdId` belongs to. */
export function mayRead(user: { role: string; householdId: number | null }, householdId: number) {
  return user.role === "agent" || user.role === "admin" || user.householdId === householdId;
}

/** A refusal in plain French text, never cached. */
export function refuseFile(res: ServerResponse, status: 401 | 404, text: string): void {
  res.writeHead(status, {
    "Content-Type": "text/plain; charset=utf-8",
    "Cache-Control": "no-store",
  });
  res.end(text);
}

/** A private file shown inline (`headers` add to its type and name); no body for HEAD. */
export function streamInlineFile(
  req: IncomingMessage,
  res: ServerResponse,
  file: { path: string; mimeType: string; fileName: string },
  headers: Record<string, string>,
): void {
  res.writeHead(200, {
    "Content-Type": file.mimeType,
    "Content-Disposition": `inline; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    ...headers,
  });
  if (req.method === "HEAD") {
    res.end();
    return;
  }
  createReadStream(file.path).pipe(res);
}

/**
 * Headers for an uploaded file (dossier piece, medical certificate): health and income documents
 * are never kept by a shared cache or the browser's disk cache, and a sandbox keeps any file from
 * running as our page (Chromium's PDF viewer still shows PDFs under it).
 */
export const PRIVATE_FILE_HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "Cache-Control": "private, no-store",
  "Content-Security-Policy":
    "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'",
} as const;

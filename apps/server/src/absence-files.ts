import { createReadStream, existsSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { normalize, resolve, sep } from "node:path";
import { readSession, type TClock } from "@ef/api";
import { absences, type TDb } from "@ef/db";
import { eq } from "drizzle-orm";
import { readCookie } from "./cookies";

/**
 * `GET /fichiers/absences/:absenceId`: a medical certificate, for the staff of the guichet unique
 * and the family that sent it. Anyone else (anonymous, another family, an unknown id) gets the
 * same 404: the file's existence is nobody else's business.
 */
export function createAbsenceFiles(deps: {
  db: TDb;
  clock: TClock;
  dataDir: string;
  cookieName: string;
}) {
  const root = resolve(deps.dataDir, "private") + sep;

  return function serveAbsenceFile(req: IncomingMessage, res: ServerResponse, idText: string) {
    const notFound = () => {
      res.writeHead(404, {
        "Content-Type": "text/plain; charset=utf-8",
        "Cache-Control": "no-store",
      });
      res.end("Fichier introuvable.");
    };
    const token = readCookie(req, deps.cookieName);
    const who = token ? readSession(deps.db, token, deps.clock()) : null;
    const id = Number(idText);
    if (!who || !Number.isSafeInteger(id)) return notFound();
    const file = deps.db
      .select({
        householdId: absences.householdId,
        filePath: absences.filePath,
        fileName: absences.fileName,
        mimeType: absences.mimeType,
      })
      .from(absences)
      .where(eq(absences.id, id))
      .get();
    const { user } = who;
    const isStaff = user.role === "agent" || user.role === "admin";
    if (!file || (!isStaff && user.householdId !== file.householdId)) return notFound();
    const full = normalize(resolve(deps.dataDir, file.filePath));
    if (!full.startsWith(root) || !existsSync(full)) return notFound();
    res.writeHead(200, {
      "Content-Type": file.mimeType,
      "Content-Disposition": `inline; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      // A health document: never kept by a shared cache or the browser's disk cache.
      "Cache-Control": "private, no-store",
    });
    if (req.method === "HEAD") {
      res.end();
      return;
    }
    createReadStream(full).pipe(res);
  };
}

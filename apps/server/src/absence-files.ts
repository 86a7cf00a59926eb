import { existsSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { normalize, resolve, sep } from "node:path";
import { absences } from "@ef/db";
import { eq } from "drizzle-orm";
import {
  mayRead,
  PRIVATE_FILE_HEADERS,
  refuseFile,
  sessionOf,
  streamInlineFile,
  type TFileRouteDeps,
} from "./file-response";

/**
 * `GET /fichiers/absences/:absenceId`: a medical certificate, for the staff of the guichet unique
 * and the family that sent it. Anyone else (anonymous, another family, an unknown id) gets the
 * same 404: the file's existence is nobody else's business.
 */
export function createAbsenceFiles(deps: TFileRouteDeps & { dataDir: string }) {
  const root = resolve(deps.dataDir, "private") + sep;

  return function serveAbsenceFile(req: IncomingMessage, res: ServerResponse, idText: string) {
    const notFound = () => refuseFile(res, 404, "Fichier introuvable.");
    const who = sessionOf(req, deps);
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
    if (!file || !mayRead(who.user, file.householdId)) return notFound();
    const full = normalize(resolve(deps.dataDir, file.filePath));
    if (!full.startsWith(root) || !existsSync(full)) return notFound();
    streamInlineFile(
      req,
      res,
      { path: full, mimeType: file.mimeType, fileName: file.fileName },
      PRIVATE_FILE_HEADERS,
    );
  };
}

import { existsSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { normalize, resolve, sep } from "node:path";
import { dossierPieces, dossiers } from "@ef/db";
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
 * The largest tRPC body of a call that carries a file: 5 MB in base64 (4/3 larger) plus the rest
 * of the JSON. Every other call keeps the small limit.
 */
export const UPLOAD_BODY_BYTES = 7_200_000;

/** Procedures that carry a file besides those named `upload…`. */
const FILE_PROCEDURES = new Set(["absences.declare"]);

/** Whether a `/trpc/…` request calls a procedure that carries a file (batched calls included). */
export function isUploadCall(pathname: string): boolean {
  return pathname
    .slice("/trpc/".length)
    .split(",")
    .some((name) => FILE_PROCEDURES.has(name) || /(^|\.)upload[A-Z]\w*$/.test(name));
}

/** Where dossier pieces may live: uploads under `private/`, the demo's scans under `dossiers/`. */
const pieceRoots = (dataDir: string) =>
  ["private", "dossiers"].map((folder) => resolve(dataDir, folder) + sep);

/**
 * `GET /fichiers/pieces/:pieceId`: a piece of a dossier Pass'Enfance Jeunesse, for the staff of
 * the guichet unique and the family it belongs to. Without a session: 401. Another family, an
 * unknown id, a missing file: the same 404 (the file's existence is nobody else's business).
 * Shown inline, never cached, sandboxed: an uploaded file can never run as our page.
 */
export function createPieceFiles(deps: TFileRouteDeps & { dataDir: string }) {
  const roots = pieceRoots(deps.dataDir);

  return function servePieceFile(req: IncomingMessage, res: ServerResponse, idText: string) {
    const who = sessionOf(req, deps);
    if (!who) return refuseFile(res, 401, "Veuillez vous connecter pour voir ce fichier.");
    const notFound = () => refuseFile(res, 404, "Fichier introuvable.");
    const id = Number(idText);
    if (!Number.isSafeInteger(id)) return notFound();
    const piece = deps.db
      .select({
        householdId: dossiers.householdId,
        filePath: dossierPieces.filePath,
        fileName: dossierPieces.fileName,
        mimeType: dossierPieces.mimeType,
      })
      .from(dossierPieces)
      .innerJoin(dossiers, eq(dossiers.id, dossierPieces.dossierId))
      .where(eq(dossierPieces.id, id))
      .get();
    if (!piece?.filePath || !piece.mimeType || !mayRead(who.user, piece.householdId)) {
      return notFound();
    }
    const full = normalize(resolve(deps.dataDir, piece.filePath));
    if (!roots.some((root) => full.startsWith(root)) || !existsSync(full)) return notFound();
    streamInlineFile(
      req,
      res,
      { path: full, mimeType: piece.mimeType, fileName: piece.fileName ?? "piece" },
      PRIVATE_FILE_HEADERS,
    );
  };
}

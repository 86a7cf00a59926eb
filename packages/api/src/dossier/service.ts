import { dossierPieces, dossiers, pieceKinds, type TDb, type TPieceKind, users } from "@ef/db";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { pieceLabels } from "../labels";
import { currentSeason } from "../seasons";

/** Where a piece's file is served, to its family and to staff only (apps/server). */
export const pieceFileUrl = (pieceId: number) => `/fichiers/pieces/${pieceId}`;

export const ZPieceDetailSchema = z.object({
  /** Null while the piece has never had a row (a dossier not yet started). */
  id: z.number().nullable(),
  kind: z.enum(pieceKinds),
  label: z.string(),
  status: z.enum(["missing", "uploaded", "accepted", "refused"]),
  refusalReason: z.string().nullable(),
  file: z
    .object({
      name: z.string(),
      mimeType: z.string(),
      sizeBytes: z.number(),
      uploadedAt: z.string().nullable(),
      url: z.string(),
    })
    .nullable(),
  reviewedAt: z.string().nullable(),
});
export type TPieceDetail = z.infer<typeof ZPieceDetailSchema>;

export const ZDossierDetailSchema = z.object({
  seasonId: z.number(),
  seasonCode: z.string(),
  seasonLabel: z.string(),
  status: z.enum(["incomplete", "complete", "missing"]),
  completedAt: z.string().nullable(),
  pieces: z.array(ZPieceDetailSchema.extend({ reviewerName: z.string().nullable() })),
});
export type TDossierDetail = z.infer<typeof ZDossierDetailSchema>;

/** This season's dossier of a household, piece by piece in the guichet's order; null without a season. */
export function readDossier(db: TDb, householdId: number, now: Date): TDossierDetail | null {
  const season = currentSeason(db, now);
  if (!season) return null;
  const dossier = db
    .select({ id: dossiers.id, status: dossiers.status, completedAt: dossiers.completedAt })
    .from(dossiers)
    .where(and(eq(dossiers.householdId, householdId), eq(dossiers.seasonId, season.id)))
    .get();
  const rows = dossier
    ? db
        .select({
          id: dossierPieces.id,
          kind: dossierPieces.kind,
          status: dossierPieces.status,
          refusalReason: dossierPieces.refusalReason,
          filePath: dossierPieces.filePath,
          fileName: dossierPieces.fileName,
          mimeType: dossierPieces.mimeType,
          sizeBytes: dossierPieces.sizeBytes,
          uploadedAt: dossierPieces.uploadedAt,
          reviewedAt: dossierPieces.reviewedAt,
          reviewerName: users.displayName,
        })
        .from(dossierPieces)
        .leftJoin(users, eq(users.id, dossierPieces.reviewedBy))
        .where(eq(dossierPieces.dossierId, dossier.id))
        .all()
    : [];
  const byKind = new Map(rows.map((r) => [r.kind, r]));
  return {
    seasonId: season.id,
    seasonCode: season.code,
    seasonLabel: season.label,
    status: dossier?.status ?? "missing",
    completedAt: dossier?.completedAt ?? null,
    pieces: pieceKinds.map((kind) => {
      const r = byKind.get(kind);
      return {
        id: r?.id ?? null,
        kind,
        label: pieceLabels[kind],
        status: r?.status ?? "missing",
        refusalReason: r?.status === "refused" ? r.refusalReason : null,
        file:
          r?.filePath && r.fileName && r.mimeType
            ? {
                name: r.fileName,
                mimeType: r.mimeType,
                sizeBytes: r.sizeBytes ?? 0,
                uploadedAt: r.uploadedAt,
                url: pieceFileUrl(r.id),
              }
            : null,
        reviewedAt: r?.reviewedAt ?? null,
        reviewerName: r?.reviewerName ?? null,
      };
    }),
  };
}

/**
 * The household's dossier for a season, created (incomplete, every piece missing) if the family
 * has none yet; missing piece rows are added. In the caller's transaction.
 */
export function ensureDossier(
  tx: TDb,
  householdId: number,
  seasonId: number,
): { id: number; status: "incomplete" | "complete" } {
  const found =
    tx
      .select({ id: dossiers.id, status: dossiers.status })
      .from(dossiers)
      .where(and(eq(dossiers.householdId, householdId), eq(dossiers.seasonId, seasonId)))
      .get() ??
    tx
      .insert(dossiers)
      .values({ householdId, seasonId, status: "incomplete" })
      .returning({ id: dossiers.id, status: dossiers.status })
      .get();
  const have = new Set(
    tx
      .select({ kind: dossierPieces.kind })
      .from(dossierPieces)
      .where(eq(dossierPieces.dossierId, found.id))
      .all()
      .map((p) => p.kind),
  );
  const absent = pieceKinds.filter((k) => !have.has(k));
  if (absent.length > 0) {
    tx.insert(dossierPieces)
      .values(absent.map((kind) => ({ dossierId: found.id, kind, status: "missing" as const })))
      .run();
  }
  return found;
}

/** Whether every required piece of a dossier is accepted. */
export function allPiecesAccepted(tx: TDb, dossierId: number): boolean {
  const accepted = new Set<TPieceKind>(
    tx
      .select({ kind: dossierPieces.kind })
      .from(dossierPieces)
      .where(and(eq(dossierPieces.dossierId, dossierId), eq(dossierPieces.status, "accepted")))
      .all()
      .map((p) => p.kind),
  );
  return pieceKinds.every((k) => accepted.has(k));
}

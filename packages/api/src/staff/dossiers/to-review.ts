import { dossierPieces, dossiers, households, pieceKinds, seasons } from "@ef/db";
import { and, asc, eq, isNotNull } from "drizzle-orm";
import { z } from "zod";
import { pieceFileUrl } from "../../dossier/service";
import { pieceLabels } from "../../labels";
import { agentProcedure } from "../../trpc";

/** At most this many at once: the oldest first; the next ones appear as these are checked. */
export const MAX_PIECES_TO_REVIEW = 200;

/** "Pièces à vérifier": every piece a family sent and no agent has looked at yet, oldest first. */
export const piecesToReview = agentProcedure
  .output(
    z.array(
      z.object({
        pieceId: z.number(),
        kind: z.enum(pieceKinds),
        label: z.string(),
        uploadedAt: z.string().nullable(),
        fileName: z.string(),
        mimeType: z.string(),
        sizeBytes: z.number(),
        url: z.string(),
        householdId: z.number(),
        accountCode: z.string(),
        householdName: z.string(),
        seasonCode: z.string(),
      }),
    ),
  )
  .query(({ ctx }) =>
    ctx.db
      .select({
        pieceId: dossierPieces.id,
        kind: dossierPieces.kind,
        uploadedAt: dossierPieces.uploadedAt,
        fileName: dossierPieces.fileName,
        mimeType: dossierPieces.mimeType,
        sizeBytes: dossierPieces.sizeBytes,
        householdId: households.id,
        accountCode: households.accountCode,
        householdName: households.name,
        seasonCode: seasons.code,
      })
      .from(dossierPieces)
      .innerJoin(dossiers, eq(dossiers.id, dossierPieces.dossierId))
      .innerJoin(households, eq(households.id, dossiers.householdId))
      .innerJoin(seasons, eq(seasons.id, dossiers.seasonId))
      .where(and(eq(dossierPieces.status, "uploaded"), isNotNull(dossierPieces.filePath)))
      .orderBy(asc(dossierPieces.uploadedAt), asc(dossierPieces.id))
      .limit(MAX_PIECES_TO_REVIEW)
      .all()
      .map((r) => ({
        ...r,
        label: pieceLabels[r.kind],
        fileName: r.fileName ?? "document",
        mimeType: r.mimeType ?? "application/octet-stream",
        sizeBytes: r.sizeBytes ?? 0,
        url: pieceFileUrl(r.pieceId),
      })),
  );

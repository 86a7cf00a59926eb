import { dossierPieces, immediate } from "@ef/db";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { audit } from "../audit";
import { appError } from "../errors";
import { removePrivateFile, withStoredFile, ZUploadSchema } from "../files/private-files";
import { pieceLabels } from "../labels";
import { currentSeason } from "../seasons";
import { householdProcedure } from "../trpc";
import { ZPieceKindSchema } from "./dossier.schemas";
import { ensureDossier } from "./service";

export const ZUploadPieceSchema = z.object({
  householdId: z.number().int().positive(),
  kind: ZPieceKindSchema,
  file: ZUploadSchema,
});

/**
 * Sends (or replaces) one piece of this season's dossier: a missing, refused or not yet reviewed
 * piece. The piece waits for an agent ("uploaded"). An accepted piece cannot be replaced here: the
 * guichet unique would have to look again at a file it already approved.
 */
export const uploadPiece = householdProcedure
  .input(ZUploadPieceSchema)
  .output(
    z.object({
      pieceId: z.number(),
      status: z.literal("uploaded"),
      fileName: z.string(),
      replaced: z.boolean(),
    }),
  )
  .mutation(({ ctx, input }) => {
    const season = currentSeason(ctx.db, ctx.now);
    if (!season) {
      throw appError(
        "NOT_FOUND",
        "Aucune année scolaire n'est ouverte : pas de dossier à compléter.",
      );
    }
    const label = pieceLabels[input.kind];
    // The file is written first and removed again if the transaction fails.
    const result = withStoredFile(ctx.config.dataDir, "pieces", input.file, (file) =>
      immediate(ctx.db, (tx) => {
        const dossier = ensureDossier(tx, ctx.household.id, season.id);
        const piece = tx
          .select({
            id: dossierPieces.id,
            status: dossierPieces.status,
            filePath: dossierPieces.filePath,
            fileName: dossierPieces.fileName,
          })
          .from(dossierPieces)
          .where(and(eq(dossierPieces.dossierId, dossier.id), eq(dossierPieces.kind, input.kind)))
          .get();
        if (!piece) throw appError("NOT_FOUND");
        if (piece.status === "accepted") {
          throw appError(
            "CONFLICT",
            `« ${label} » est déjà acceptée par le guichet unique : il n'y a rien à renvoyer.`,
          );
        }
        tx.update(dossierPieces)
          .set({
            status: "uploaded",
            filePath: file.filePath,
            fileName: file.fileName,
            mimeType: file.mimeType,
            sizeBytes: file.sizeBytes,
            uploadedAt: ctx.now.toISOString(),
            reviewedAt: null,
            reviewedBy: null,
            refusalReason: null,
          })
          .where(eq(dossierPieces.id, piece.id))
          .run();
        audit(tx, ctx.now, {
          actorUserId: ctx.user.id,
          householdId: ctx.household.id,
          action: "dossier.piece.upload",
          entity: "dossier_piece",
          entityId: piece.id,
          before: { status: piece.status, fileName: piece.fileName },
          after: {
            status: "uploaded",
            kind: input.kind,
            fileName: file.fileName,
            mimeType: file.mimeType,
            sizeBytes: file.sizeBytes,
          },
        });
        return { piece, fileName: file.fileName };
      }),
    );
    // The replaced file is no longer referenced: remove it (only our own uploads, never the
    // demo's files).
    const old = result.piece.filePath;
    if (old?.startsWith("private/")) {
      try {
        removePrivateFile(ctx.config.dataDir, old);
      } catch {
        // Best effort: an orphan file is harmless, a failed upload answer is not.
      }
    }
    return {
      pieceId: result.piece.id,
      status: "uploaded" as const,
      fileName: result.fileName,
      replaced: result.piece.status !== "missing",
    };
  });

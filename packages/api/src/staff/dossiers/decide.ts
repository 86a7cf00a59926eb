import { dossierPieces, dossiers, households, immediate, seasons } from "@ef/db";
import { dossierCompleteMail, dossierPieceRefusedMail, queueMail } from "@ef/mail";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { audit } from "../../audit";
import { ZDecidePieceSchema } from "../../dossier/dossier.schemas";
import { allPiecesAccepted } from "../../dossier/service";
import { appError } from "../../errors";
import { pieceLabels } from "../../labels";
import { agentProcedure } from "../../trpc";
import { validatePendingRegistrations } from "../registrations";

/**
 * An agent accepts or refuses a piece the family sent. A refusal needs a reason, mailed to the
 * family. Accepting the last piece completes the dossier: the household's registrations that
 * waited for it are validated, and one mail tells the family both.
 */
export const decidePiece = agentProcedure
  .input(ZDecidePieceSchema)
  .output(
    z.object({
      status: z.enum(["accepted", "refused"]),
      dossierComplete: z.boolean(),
      validatedRegistrations: z.number(),
    }),
  )
  .mutation(({ ctx, input }) =>
    immediate(ctx.db, (tx) => {
      const piece = tx
        .select({
          id: dossierPieces.id,
          kind: dossierPieces.kind,
          status: dossierPieces.status,
          uploadedAt: dossierPieces.uploadedAt,
          dossierId: dossiers.id,
          dossierStatus: dossiers.status,
          seasonId: dossiers.seasonId,
          seasonLabel: seasons.label,
          householdId: households.id,
          householdName: households.name,
          email: households.email,
        })
        .from(dossierPieces)
        .innerJoin(dossiers, eq(dossiers.id, dossierPieces.dossierId))
        .innerJoin(seasons, eq(seasons.id, dossiers.seasonId))
        .innerJoin(households, eq(households.id, dossiers.householdId))
        .where(eq(dossierPieces.id, input.pieceId))
        .get();
      if (!piece) throw appError("NOT_FOUND", "Cette pièce est introuvable.");
      if (piece.status !== "uploaded") {
        throw appError(
          "CONFLICT",
          piece.status === "missing"
            ? "La famille n'a pas encore envoyé cette pièce."
            : "Cette pièce a déjà été vérifiée.",
        );
      }
      if (input.uploadedAt !== undefined && input.uploadedAt !== piece.uploadedAt) {
        throw appError(
          "CONFLICT",
          "La famille a remplacé ce fichier entre-temps : ouvrez le nouveau fichier avant de décider.",
        );
      }
      const label = pieceLabels[piece.kind];
      const accepted = input.decision === "accept";
      const status = accepted ? ("accepted" as const) : ("refused" as const);
      const reason = accepted ? null : (input.reason ?? "").trim();
      const at = ctx.now.toISOString();
      tx.update(dossierPieces)
        .set({ status, reviewedAt: at, reviewedBy: ctx.user.id, refusalReason: reason })
        .where(and(eq(dossierPieces.id, piece.id), eq(dossierPieces.status, "uploaded")))
        .run();
      audit(tx, ctx.now, {
        actorUserId: ctx.user.id,
        householdId: piece.householdId,
        action: accepted ? "dossier.piece.accept" : "dossier.piece.refuse",
        entity: "dossier_piece",
        entityId: piece.id,
        before: { status: "uploaded" },
        after: { status, kind: piece.kind, reason },
      });
      const portalUrl = `${ctx.config.publicUrl}/espace/dossier`;
      if (!accepted) {
        queueMail(
          tx,
          {
            kind: "dossier_piece_refused",
            to: piece.email,
            ...dossierPieceRefusedMail({
              name: piece.householdName,
              pieceLabel: label,
              seasonLabel: piece.seasonLabel,
              reason: reason ?? "",
              portalUrl,
            }),
            householdId: piece.householdId,
            userId: ctx.user.id,
          },
          ctx.now,
        );
        return { status, dossierComplete: false, validatedRegistrations: 0 };
      }
      if (piece.dossierStatus === "complete" || !allPiecesAccepted(tx, piece.dossierId)) {
        return {
          status,
          dossierComplete: piece.dossierStatus === "complete",
          validatedRegistrations: 0,
        };
      }
      tx.update(dossiers)
        .set({ status: "complete", completedAt: at })
        .where(eq(dossiers.id, piece.dossierId))
        .run();
      audit(tx, ctx.now, {
        actorUserId: ctx.user.id,
        householdId: piece.householdId,
        action: "dossier.complete",
        entity: "dossier",
        entityId: piece.dossierId,
        before: { status: piece.dossierStatus },
        after: { status: "complete" },
      });
      const validated = validatePendingRegistrations(tx, {
        householdId: piece.householdId,
        seasonId: piece.seasonId,
        actorUserId: ctx.user.id,
        now: ctx.now,
        cause: "dossier.complete",
      });
      queueMail(
        tx,
        {
          kind: "dossier_complete",
          to: piece.email,
          ...dossierCompleteMail({
            name: piece.householdName,
            seasonLabel: piece.seasonLabel,
            validated,
            portalUrl: validated.length > 0 ? `${ctx.config.publicUrl}/espace` : portalUrl,
          }),
          householdId: piece.householdId,
          userId: ctx.user.id,
        },
        ctx.now,
      );
      return { status, dossierComplete: true, validatedRegistrations: validated.length };
    }),
  );

/**
 * The dossier's input schemas, shared by the server and the apps' forms. Browser-safe: the
 * upload's bytes are checked on the server (`files/private-files.ts`); the apps only check the
 * size and the declared type before sending, to answer at once.
 */
import type { TPieceKind } from "@ef/db";
import { z } from "zod";

export const dossierPieceKinds = [
  "fiche_sanitaire",
  "vaccinations",
  "assurance",
  "justificatif_qf",
  "reglement",
] as const satisfies readonly TPieceKind[];

export const ZPieceKindSchema = z.enum(dossierPieceKinds, { error: "Pièce inconnue." });

/** 5 MB, as the server counts it. */
export const PIECE_MAX_BYTES = 5 * 1024 * 1024;
/** What the file picker offers. */
export const PIECE_ACCEPT = "application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png";
const acceptedTypes = ["application/pdf", "image/jpeg", "image/png"];
const acceptedExtensions = /\.(pdf|jpe?g|png)$/i;

/**
 * The browser's first look at a chosen file (its size and declared type): a French message, or
 * null. The server still decides from the content.
 */
export function pieceFileProblem(file: {
  name: string;
  size: number;
  type: string;
}): string | null {
  if (file.size === 0) return "Ce fichier est vide. Choisissez un autre fichier.";
  if (file.size > PIECE_MAX_BYTES) {
    return `Ce fichier pèse ${(file.size / 1_000_000).toFixed(1).replace(".", ",")} Mo : 5 Mo au plus. Envoyez une photo moins lourde ou un PDF plus léger.`;
  }
  const typeOk = file.type ? acceptedTypes.includes(file.type) : acceptedExtensions.test(file.name);
  if (!typeOk) return "Envoyez un PDF ou une image JPEG ou PNG.";
  return null;
}

export const ZDecidePieceSchema = z
  .object({
    pieceId: z.number().int().positive(),
    decision: z.enum(["accept", "refuse"]),
    reason: z.string().trim().max(500, "500 caractères au plus.").optional(),
    /** When the file the agent looked at was sent: a file replaced meanwhile is not decided blind. */
    uploadedAt: z.string().max(40).nullable().optional(),
  })
  .refine((v) => v.decision === "accept" || (v.reason && v.reason.length >= 3), {
    path: ["reason"],
    message: "Indiquez le motif du refus : la famille le recevra par e-mail.",
  });
export type TDecidePieceInput = z.infer<typeof ZDecidePieceSchema>;

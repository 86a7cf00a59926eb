import type { TRPCRouterRecord } from "@trpc/server";
import { getDossier } from "./get";
import { uploadPiece } from "./upload-piece";

/** The family's dossier Pass'Enfance Jeunesse ("Mon dossier"). */
export const dossierRouter = {
  get: getDossier,
  uploadPiece,
} satisfies TRPCRouterRecord;

import { householdProcedure } from "../trpc";
import { readDossier, ZDossierDetailSchema } from "./service";

/** "Mon dossier": this season's pieces, with the file sent for each (the family or staff). */
export const getDossier = householdProcedure
  .output(
    ZDossierDetailSchema.omit({ pieces: true })
      .extend({
        pieces: ZDossierDetailSchema.shape.pieces.element.omit({ reviewerName: true }).array(),
      })
      .nullable(),
  )
  .query(({ ctx }) => {
    const dossier = readDossier(ctx.db, ctx.household.id, ctx.now);
    if (!dossier) return null;
    // Who reviewed a piece is the guichet's business.
    return { ...dossier, pieces: dossier.pieces.map(({ reviewerName: _, ...p }) => p) };
  });

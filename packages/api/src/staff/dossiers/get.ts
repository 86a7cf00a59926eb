import { households } from "@ef/db";
import { eq } from "drizzle-orm";
import { readDossier, ZDossierDetailSchema } from "../../dossier/service";
import { appError } from "../../errors";
import { ZHouseholdIdSchema } from "../../schemas";
import { agentProcedure } from "../../trpc";

/** One household's dossier at the desk: each piece, its file, who reviewed it and when. */
export const getHouseholdDossier = agentProcedure
  .input(ZHouseholdIdSchema)
  .output(ZDossierDetailSchema.nullable())
  .query(({ ctx, input }) => {
    const found = ctx.db
      .select({ id: households.id })
      .from(households)
      .where(eq(households.id, input.householdId))
      .get();
    if (!found) throw appError("NOT_FOUND", "Ce foyer est introuvable.");
    return readDossier(ctx.db, found.id, ctx.now);
  });

import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { householdProcedure } from "../trpc";
import { getDossier, listChildren, ZChildSchema, ZDossierSchema } from "./queries";

/** A household's own page: its parent, or staff. */
export const householdRouter = {
  overview: householdProcedure
    .output(
      z.object({
        household: z.object({ id: z.number(), accountCode: z.string(), name: z.string() }),
        children: z.array(ZChildSchema),
        dossier: ZDossierSchema.nullable(),
      }),
    )
    .query(({ ctx }) => ({
      household: {
        id: ctx.household.id,
        accountCode: ctx.household.accountCode,
        name: ctx.household.name,
      },
      children: listChildren(ctx.db, ctx.household.id, ctx.now),
      dossier: getDossier(ctx.db, ctx.household.id, ctx.now),
    })),
} satisfies TRPCRouterRecord;

import { households, immediate } from "@ef/db";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { audit } from "../../audit";
import { appError } from "../../errors";
import { ZUpdateQfSchema } from "../../schemas";
import { agentProcedure } from "../../trpc";

/** Sets the quotient familial with its validity and the proof it came from. */
export const updateQf = agentProcedure
  .input(ZUpdateQfSchema)
  .output(z.object({ ok: z.literal(true) }))
  .mutation(({ ctx, input }) =>
    immediate(ctx.db, (tx) => {
      const before = tx
        .select({
          qf: households.qf,
          validUntil: households.qfValidUntil,
          source: households.qfSource,
        })
        .from(households)
        .where(eq(households.id, input.householdId))
        .get();
      if (!before) throw appError("NOT_FOUND", "Ce foyer est introuvable.");
      tx.update(households)
        .set({
          qf: input.qf,
          qfValidUntil: input.validUntil,
          qfSource: input.source,
          qfUpdatedAt: ctx.now.toISOString(),
        })
        .where(eq(households.id, input.householdId))
        .run();
      audit(tx, ctx.now, {
        actorUserId: ctx.user.id,
        householdId: input.householdId,
        action: "household.updateQf",
        entity: "household",
        entityId: input.householdId,
        before,
        after: { qf: input.qf, validUntil: input.validUntil, source: input.source },
      });
      return { ok: true as const };
    }),
  );

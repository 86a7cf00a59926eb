import { households, immediate } from "@ef/db";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { audit } from "../../audit";
import { appError } from "../../errors";
import { ZUpdateContactSchema } from "../../schemas";
import { agentProcedure } from "../../trpc";

/** Edits a household's address, residency, e-mail and phone; the audit log keeps before/after. */
export const updateContact = agentProcedure
  .input(ZUpdateContactSchema)
  .output(z.object({ ok: z.literal(true) }))
  .mutation(({ ctx, input }) =>
    immediate(ctx.db, (tx) => {
      const { householdId, ...after } = input;
      const before = tx
        .select({
          addressLine: households.addressLine,
          postalCode: households.postalCode,
          city: households.city,
          resident: households.resident,
          email: households.email,
          phone: households.phone,
        })
        .from(households)
        .where(eq(households.id, householdId))
        .get();
      if (!before) throw appError("NOT_FOUND", "Ce foyer est introuvable.");
      tx.update(households).set(after).where(eq(households.id, householdId)).run();
      audit(tx, ctx.now, {
        actorUserId: ctx.user.id,
        householdId,
        action: "household.updateContact",
        entity: "household",
        entityId: householdId,
        before,
        after,
      });
      return { ok: true as const };
    }),
  );

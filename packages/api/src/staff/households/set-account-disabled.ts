import { immediate, users } from "@ef/db";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { audit } from "../../audit";
import { ZSetAccountDisabledSchema } from "../../schemas";
import { deleteUserSessions } from "../../session-store";
import { agentProcedure } from "../../trpc";
import { loadAccount } from "./account";

/** "Désactiver le compte" (its sessions end at once) or "Réactiver le compte". */
export const setAccountDisabled = agentProcedure
  .input(ZSetAccountDisabledSchema)
  .output(z.object({ disabled: z.boolean() }))
  .mutation(({ ctx, input }) =>
    immediate(ctx.db, (tx) => {
      const { household, user } = loadAccount(tx, input.householdId);
      const wasDisabled = user.disabledAt !== null;
      if (wasDisabled !== input.disabled) {
        tx.update(users)
          .set({ disabledAt: input.disabled ? ctx.now.toISOString() : null })
          .where(eq(users.id, user.id))
          .run();
        audit(tx, ctx.now, {
          actorUserId: ctx.user.id,
          householdId: household.id,
          action: input.disabled ? "account.disable" : "account.enable",
          entity: "user",
          entityId: user.id,
          before: { disabled: wasDisabled },
          after: { disabled: input.disabled },
        });
      }
      if (input.disabled) deleteUserSessions(tx, user.id);
      return { disabled: input.disabled };
    }),
  );

import { immediate, users } from "@ef/db";
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { audit } from "../../audit";
import { appError } from "../../errors";
import { deleteUserSessions } from "../../session-store";
import { adminProcedure } from "../../trpc";
import { ZSetStaffAccountDisabledSchema } from "./staff-accounts.schemas";

/** "Désactiver" (the person is logged out at once) or "Réactiver" a staff account. */
export const setStaffAccountDisabled = adminProcedure
  .input(ZSetStaffAccountDisabledSchema)
  .output(z.object({ disabled: z.boolean() }))
  .mutation(({ ctx, input }) =>
    immediate(ctx.db, (tx) => {
      const user = tx
        .select({ id: users.id, login: users.login, disabledAt: users.disabledAt })
        .from(users)
        .where(and(eq(users.id, input.userId), inArray(users.role, ["agent", "admin"])))
        .get();
      if (!user) throw appError("NOT_FOUND", "Ce compte du personnel est introuvable.");
      if (user.id === ctx.user.id && input.disabled) {
        throw appError("FORBIDDEN", "Vous ne pouvez pas désactiver votre propre compte.");
      }
      const wasDisabled = user.disabledAt !== null;
      if (wasDisabled !== input.disabled) {
        tx.update(users)
          .set({ disabledAt: input.disabled ? ctx.now.toISOString() : null })
          .where(eq(users.id, user.id))
          .run();
        audit(tx, ctx.now, {
          actorUserId: ctx.user.id,
          action: input.disabled ? "staffAccount.disable" : "staffAccount.enable",
          entity: "user",
          entityId: user.id,
          before: { login: user.login, disabled: wasDisabled },
          after: { login: user.login, disabled: input.disabled },
        });
      }
      if (input.disabled) deleteUserSessions(tx, user.id);
      return { disabled: input.disabled };
    }),
  );

import { hashPassword, verifyPassword } from "@ef/auth";
import { immediate, users } from "@ef/db";
import { passwordChangedMail, queueMail } from "@ef/mail";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { audit } from "../audit";
import { appError } from "../errors";
import { ZChangePasswordSchema } from "../schemas";
import { createSession, deleteUserSessions } from "../session-store";
import { authedProcedure } from "../trpc";

/**
 * Changes one's password (and ends the forced change of a first login). Every other session of
 * the account ends; this device gets a fresh one.
 */
export const changePassword = authedProcedure
  .input(ZChangePasswordSchema)
  .output(z.object({ ok: z.literal(true) }))
  .mutation(async ({ ctx, input }) => {
    const row = ctx.db
      .select({ passwordHash: users.passwordHash })
      .from(users)
      .where(eq(users.id, ctx.user.id))
      .get();
    if (!row || !(await verifyPassword(row.passwordHash, input.currentPassword))) {
      throw appError("INVALID", "Le mot de passe actuel est incorrect.");
    }
    if (input.newPassword.toLowerCase().includes(ctx.user.login.toLowerCase())) {
      throw appError("INVALID", "Le mot de passe ne doit pas contenir votre identifiant.");
    }
    const passwordHash = await hashPassword(input.newPassword);
    const user = ctx.user;
    const { token, expiresAt } = immediate(ctx.db, (tx) => {
      tx.update(users)
        .set({
          passwordHash,
          mustChangePassword: false,
          tempPasswordExpiresAt: null,
          passwordChangedAt: ctx.now.toISOString(),
        })
        .where(eq(users.id, user.id))
        .run();
      deleteUserSessions(tx, user.id);
      if (user.email) {
        queueMail(
          tx,
          {
            kind: "password_changed",
            to: user.email,
            ...passwordChangedMail({ name: user.displayName }),
            householdId: user.householdId,
            userId: user.id,
          },
          ctx.now,
        );
      }
      if (user.role !== "parent") {
        audit(tx, ctx.now, {
          actorUserId: user.id,
          action: "password.change",
          entity: "user",
          entityId: user.id,
        });
      }
      return createSession(tx, user, ctx.now);
    });
    ctx.cookies.setSession(token, expiresAt);
    return { ok: true as const };
  });

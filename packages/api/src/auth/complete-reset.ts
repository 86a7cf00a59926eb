import { hashPassword, hashToken } from "@ef/auth";
import { immediate, passwordResets, users } from "@ef/db";
import { passwordChangedMail, queueMail } from "@ef/mail";
import { and, eq, gt, isNull } from "drizzle-orm";
import { z } from "zod";
import { appError } from "../errors";
import { ZCompleteResetSchema } from "../schemas";
import { createSession, deleteUserSessions } from "../session-store";
import { publicProcedure } from "../trpc";

const EXPIRED =
  "Ce lien n'est plus valide. Demandez un nouveau lien depuis « Mot de passe oublié ? ».";

/** Sets a new password from a reset link: the link is used up and every session ends. */
export const completePasswordReset = publicProcedure
  .input(ZCompleteResetSchema)
  .output(z.object({ role: z.enum(["parent", "agent", "admin"]) }))
  .mutation(async ({ ctx, input }) => {
    const id = hashToken(input.token);
    const nowIso = ctx.now.toISOString();
    const valid = () =>
      ctx.db
        .select({
          userId: passwordResets.userId,
          role: users.role,
          email: users.email,
          displayName: users.displayName,
          householdId: users.householdId,
          disabledAt: users.disabledAt,
        })
        .from(passwordResets)
        .innerJoin(users, eq(users.id, passwordResets.userId))
        .where(
          and(
            eq(passwordResets.id, id),
            isNull(passwordResets.usedAt),
            gt(passwordResets.expiresAt, nowIso),
          ),
        )
        .get();
    const found = valid();
    if (!found || found.disabledAt) throw appError("INVALID", EXPIRED);
    const passwordHash = await hashPassword(input.newPassword);

    const session = immediate(ctx.db, (tx) => {
      // Single use: claim the link inside the transaction.
      const claimed = tx
        .update(passwordResets)
        .set({ usedAt: nowIso })
        .where(and(eq(passwordResets.id, id), isNull(passwordResets.usedAt)))
        .run();
      if (claimed.changes !== 1) throw appError("INVALID", EXPIRED);
      tx.update(users)
        .set({
          passwordHash,
          mustChangePassword: false,
          tempPasswordExpiresAt: null,
          passwordChangedAt: nowIso,
        })
        .where(eq(users.id, found.userId))
        .run();
      deleteUserSessions(tx, found.userId);
      if (found.email) {
        queueMail(
          tx,
          {
            kind: "password_changed",
            to: found.email,
            ...passwordChangedMail({ name: found.displayName }),
            householdId: found.householdId,
            userId: found.userId,
          },
          ctx.now,
        );
      }
      return createSession(tx, { id: found.userId, role: found.role }, ctx.now);
    });
    ctx.cookies.setSession(session.token, session.expiresAt);
    return { role: found.role };
  });

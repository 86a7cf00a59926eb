import { generateToken, hashToken } from "@ef/auth";
import { immediate, passwordResets, users } from "@ef/db";
import { passwordResetMail, queueMail } from "@ef/mail";
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { appError } from "../errors";
import { formatTimeFr } from "../format";
import { ZRequestResetSchema } from "../schemas";
import { publicProcedure } from "../trpc";

/** A reset link is valid one hour. */
export const RESET_TTL_MS = 60 * 60_000;

/**
 * "Mot de passe oublié ?": mails a single-use link. The answer is the same whether the account
 * exists or not.
 */
export const requestPasswordReset = publicProcedure
  .input(ZRequestResetSchema)
  .output(z.object({ ok: z.literal(true) }))
  .mutation(({ ctx, input }) => {
    const key = input.login.toLowerCase();
    const { account, address } = ctx.services.resetThrottle;
    const retryAt = address.retryAt(ctx.ip, ctx.now);
    if (retryAt) {
      throw appError(
        "TOO_MANY_REQUESTS",
        `Trop de demandes. Réessayez à partir de ${formatTimeFr(retryAt)}.`,
        { retryAt: retryAt.toISOString() },
      );
    }
    address.fail(ctx.ip, ctx.now);
    // Past the per-account limit, say the same thing and send nothing more.
    if (account.retryAt(key, ctx.now)) return { ok: true as const };
    account.fail(key, ctx.now);

    const user = ctx.db
      .select({
        id: users.id,
        role: users.role,
        email: users.email,
        displayName: users.displayName,
        householdId: users.householdId,
        disabledAt: users.disabledAt,
      })
      .from(users)
      .where(eq(users.login, key))
      .get();
    const isStaff = user ? user.role !== "parent" : false;
    if (!user || user.disabledAt || !user.email || isStaff !== (input.audience === "staff")) {
      return { ok: true as const };
    }

    const token = generateToken();
    const expiresAt = new Date(ctx.now.getTime() + RESET_TTL_MS);
    const path = isStaff ? "/console/reinitialiser" : "/mot-de-passe/nouveau";
    const link = `${ctx.config.publicUrl}${path}?jeton=${token}`;
    immediate(ctx.db, (tx) => {
      // A new link replaces the ones not yet used.
      tx.update(passwordResets)
        .set({ usedAt: ctx.now.toISOString() })
        .where(and(eq(passwordResets.userId, user.id), isNull(passwordResets.usedAt)))
        .run();
      tx.insert(passwordResets)
        .values({
          id: hashToken(token),
          userId: user.id,
          createdAt: ctx.now.toISOString(),
          expiresAt: expiresAt.toISOString(),
        })
        .run();
      queueMail(
        tx,
        {
          kind: "password_reset",
          to: user.email,
          ...passwordResetMail({ name: user.displayName, link, validUntil: expiresAt }),
          householdId: user.householdId,
          userId: user.id,
        },
        ctx.now,
      );
    });
    return { ok: true as const };
  });

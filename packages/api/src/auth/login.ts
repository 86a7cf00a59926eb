import { verifyDecoy, verifyPassword } from "@ef/auth";
import { users } from "@ef/db";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { appError } from "../errors";
import { formatTimeFr } from "../format";
import { ZLoginSchema } from "../schemas";
import { createSession } from "../session-store";
import { publicProcedure } from "../trpc";

export const ZLoginOutputSchema = z.object({
  role: z.enum(["parent", "agent", "admin"]),
  displayName: z.string(),
  mustChangePassword: z.boolean(),
});

const WRONG = "Identifiant ou mot de passe incorrect.";

/**
 * Logs in with an account code (parents) or a username (staff). One message for a wrong
 * identifier or a wrong password; throttled per account and per address.
 */
export const login = publicProcedure
  .input(ZLoginSchema)
  .output(ZLoginOutputSchema)
  .mutation(async ({ ctx, input }) => {
    const key = input.login.toLowerCase();
    const { account, address } = ctx.services.loginThrottle;
    const retryAt = latest(account.retryAt(key, ctx.now), address.retryAt(ctx.ip, ctx.now));
    if (retryAt) {
      throw appError(
        "TOO_MANY_REQUESTS",
        `Trop de tentatives de connexion. Réessayez à partir de ${formatTimeFr(retryAt)}.`,
        { retryAt: retryAt.toISOString() },
      );
    }

    const user = ctx.db
      .select({
        id: users.id,
        role: users.role,
        displayName: users.displayName,
        passwordHash: users.passwordHash,
        mustChangePassword: users.mustChangePassword,
        tempPasswordExpiresAt: users.tempPasswordExpiresAt,
        disabledAt: users.disabledAt,
      })
      .from(users)
      .where(eq(users.login, key))
      .get();

    const ok = user
      ? await verifyPassword(user.passwordHash, input.password)
      : await verifyDecoy(input.password);
    if (!user || !ok) {
      account.fail(key, ctx.now);
      address.fail(ctx.ip, ctx.now);
      throw appError("UNAUTHORIZED", WRONG);
    }

    // The password was right: from here the messages may say more.
    if (user.disabledAt) {
      throw appError("FORBIDDEN", "Ce compte est désactivé. Adressez-vous au guichet unique.");
    }
    const isStaff = user.role !== "parent";
    if (isStaff !== (input.audience === "staff")) {
      throw appError(
        "FORBIDDEN",
        isStaff
          ? "Ce compte est un compte du personnel : connectez-vous sur la console."
          : "Ce compte est un compte famille : connectez-vous sur l'Espace Famille.",
      );
    }
    if (
      user.mustChangePassword &&
      user.tempPasswordExpiresAt &&
      user.tempPasswordExpiresAt <= ctx.now.toISOString()
    ) {
      throw appError(
        "FORBIDDEN",
        "Ce mot de passe provisoire a expiré. Demandez-en un nouveau au guichet unique.",
      );
    }

    account.reset(key);
    const { token, expiresAt } = createSession(ctx.db, user, ctx.now);
    ctx.cookies.setSession(token, expiresAt);
    return {
      role: user.role,
      displayName: user.displayName,
      mustChangePassword: user.mustChangePassword,
    };
  });

function latest(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a > b ? a : b;
}

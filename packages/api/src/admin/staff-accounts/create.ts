import { generateTemporaryPassword, hashPassword } from "@ef/auth";
import { immediate, users } from "@ef/db";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { audit } from "../../audit";
import { appError } from "../../errors";
import { adminProcedure } from "../../trpc";
import { ZCreateStaffAccountSchema } from "./staff-accounts.schemas";

/** A temporary password works 14 days, as the families' (the first login asks for a new one). */
export const STAFF_TEMP_PASSWORD_MS = 14 * 24 * 60 * 60 * 1000;

export const LOGIN_TAKEN = "Ce nom d'utilisateur est déjà pris : choisissez-en un autre.";

/**
 * "Nouveau compte": an agent or an admin, with a temporary password shown once to the admin who
 * hands it over; the first login asks for a new one. The password never reaches the audit log.
 */
export const createStaffAccount = adminProcedure
  .input(ZCreateStaffAccountSchema)
  .output(
    z.object({
      id: z.number(),
      login: z.string(),
      temporaryPassword: z.string(),
      validUntil: z.string(),
    }),
  )
  .mutation(async ({ ctx, input }) => {
    const taken = () =>
      ctx.db.select({ id: users.id }).from(users).where(eq(users.login, input.login)).get();
    // Said before the slow hash; checked again under the write lock.
    if (taken()) throw appError("CONFLICT", LOGIN_TAKEN);
    const temporaryPassword = generateTemporaryPassword();
    const passwordHash = await hashPassword(temporaryPassword);
    const validUntil = new Date(ctx.now.getTime() + STAFF_TEMP_PASSWORD_MS);
    const id = immediate(ctx.db, (tx) => {
      if (taken()) throw appError("CONFLICT", LOGIN_TAKEN);
      const row = tx
        .insert(users)
        .values({
          login: input.login,
          role: input.role,
          householdId: null,
          displayName: input.displayName,
          email: input.email,
          passwordHash,
          mustChangePassword: true,
          tempPasswordExpiresAt: validUntil.toISOString(),
          createdAt: ctx.now.toISOString(),
        })
        .returning({ id: users.id })
        .get();
      audit(tx, ctx.now, {
        actorUserId: ctx.user.id,
        action: "staffAccount.create",
        entity: "user",
        entityId: row.id,
        after: {
          login: input.login,
          displayName: input.displayName,
          email: input.email,
          role: input.role,
        },
      });
      return row.id;
    });
    return {
      id,
      login: input.login,
      temporaryPassword,
      validUntil: validUntil.toISOString(),
    };
  });

import { generateTemporaryPassword, hashPassword } from "@ef/auth";
import { immediate, users } from "@ef/db";
import { credentialsMail, queueMail } from "@ef/mail";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { audit } from "../../audit";
import { appError } from "../../errors";
import { ZIssueCredentialsSchema } from "../../schemas";
import { deleteUserSessions } from "../../session-store";
import { agentProcedure } from "../../trpc";
import { loadAccount } from "./account";

/** A temporary password works 14 days; the first login then asks for a new one. */
const TEMP_PASSWORD_MS = 14 * 24 * 60 * 60 * 1000;

/**
 * "Remettre les identifiants": a new temporary password for the family's account (the previous
 * one and every open session stop working), shown once for the printed letter and, if asked,
 * mailed to the household.
 */
export const issueCredentials = agentProcedure
  .input(ZIssueCredentialsSchema)
  .output(
    z.object({
      login: z.string(),
      temporaryPassword: z.string(),
      validUntil: z.string(),
      mailed: z.boolean(),
    }),
  )
  .mutation(async ({ ctx, input }) => {
    const { household, user } = loadAccount(ctx.db, input.householdId);
    if (user.disabledAt) {
      throw appError(
        "CONFLICT",
        "Ce compte est désactivé : réactivez-le avant de remettre les identifiants.",
      );
    }
    if (input.sendByMail && !household.email) {
      throw appError(
        "INVALID",
        "Ce foyer n'a pas d'adresse e-mail : renseignez-la ou imprimez la lettre.",
      );
    }
    const temporaryPassword = generateTemporaryPassword();
    // argon2 is slow on purpose: hash before taking the write lock.
    const passwordHash = await hashPassword(temporaryPassword);
    const validUntil = new Date(ctx.now.getTime() + TEMP_PASSWORD_MS);
    const login = household.accountCode;
    immediate(ctx.db, (tx) => {
      tx.update(users)
        .set({
          passwordHash,
          mustChangePassword: true,
          tempPasswordExpiresAt: validUntil.toISOString(),
        })
        .where(eq(users.id, user.id))
        .run();
      deleteUserSessions(tx, user.id);
      if (input.sendByMail) {
        queueMail(
          tx,
          {
            kind: "credentials",
            to: household.email,
            ...credentialsMail({
              name: household.name,
              login,
              temporaryPassword,
              portalUrl: `${ctx.config.publicUrl}/`,
              validUntil,
            }),
            householdId: household.id,
            userId: user.id,
          },
          ctx.now,
        );
      }
      audit(tx, ctx.now, {
        actorUserId: ctx.user.id,
        householdId: household.id,
        action: "account.issueCredentials",
        entity: "user",
        entityId: user.id,
        after: { validUntil: validUntil.toISOString(), sendByMail: input.sendByMail },
      });
    });
    return {
      login,
      temporaryPassword,
      validUntil: validUntil.toISOString(),
      mailed: input.sendByMail,
    };
  });

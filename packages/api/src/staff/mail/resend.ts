import { immediate, mailOutbox } from "@ef/db";
import { resendMail } from "@ef/mail";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { audit } from "../../audit";
import { appError } from "../../errors";
import { agentProcedure } from "../../trpc";
import { secretMailKinds } from "./kinds";
import { ZResendMailSchema } from "./mail.schemas";

/** "Renvoyer": the message goes back to the queue and the worker sends it again. */
export const resendHouseholdMail = agentProcedure
  .input(ZResendMailSchema)
  .output(z.object({ id: z.number(), status: z.literal("pending") }))
  .mutation(({ ctx, input }) =>
    immediate(ctx.db, (tx) => {
      const mail = tx
        .select({
          id: mailOutbox.id,
          kind: mailOutbox.kind,
          status: mailOutbox.status,
          toAddress: mailOutbox.toAddress,
          subject: mailOutbox.subject,
          attempts: mailOutbox.attempts,
          lastError: mailOutbox.lastError,
        })
        .from(mailOutbox)
        .where(and(eq(mailOutbox.id, input.mailId), eq(mailOutbox.householdId, input.householdId)))
        .get();
      if (!mail) throw appError("NOT_FOUND", "Ce message est introuvable.");
      if (secretMailKinds.has(mail.kind)) {
        throw appError(
          "INVALID",
          "Ce message contient un mot de passe provisoire ou un lien à usage unique : il ne peut pas être renvoyé. Remettez de nouveaux identifiants à la famille.",
        );
      }
      if (mail.status === "pending") {
        throw appError("CONFLICT", "Ce message est déjà en attente d'envoi.");
      }
      if (mail.toAddress === "") {
        throw appError(
          "INVALID",
          "Ce message n'a pas d'adresse e-mail : renseignez celle du foyer, la famille recevra les prochains messages.",
        );
      }
      if (!resendMail(tx, mail.id, ctx.now)) throw appError("CONFLICT");
      audit(tx, ctx.now, {
        actorUserId: ctx.user.id,
        householdId: input.householdId,
        action: "mail.resend",
        entity: "mail",
        entityId: mail.id,
        before: { status: mail.status, attempts: mail.attempts, lastError: mail.lastError },
        after: { status: "pending", to: mail.toAddress, subject: mail.subject },
      });
      return { id: mail.id, status: "pending" as const };
    }),
  );

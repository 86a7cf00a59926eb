import { households, mailOutbox } from "@ef/db";
import { desc, eq } from "drizzle-orm";
import { z } from "zod";
import { appError } from "../../errors";
import { agentProcedure } from "../../trpc";
import { mailKindLabels, secretMailKinds } from "./kinds";
import { ZMailHistorySchema } from "./mail.schemas";

/** The newest messages shown; older ones stay in the outbox. */
export const MAIL_HISTORY_LIMIT = 100;

export const ZMailHistoryItemSchema = z.object({
  id: z.number(),
  kind: z.string(),
  kindLabel: z.string(),
  toAddress: z.string(),
  subject: z.string(),
  status: z.enum(["pending", "sent", "failed"]),
  attempts: z.number(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  /** The text of the message; null for those carrying a password or a single-use link. */
  text: z.string().nullable(),
  /** "Renvoyer" is offered: sent or failed, with an address, and no secret inside. */
  canResend: z.boolean(),
});

/** "Messages envoyés": a household's messages from the outbox, newest first. */
export const listMail = agentProcedure
  .input(ZMailHistorySchema)
  .output(z.array(ZMailHistoryItemSchema))
  .query(({ ctx, input }) => {
    const household = ctx.db
      .select({ id: households.id })
      .from(households)
      .where(eq(households.id, input.householdId))
      .get();
    if (!household) throw appError("NOT_FOUND", "Ce foyer est introuvable.");
    return ctx.db
      .select({
        id: mailOutbox.id,
        kind: mailOutbox.kind,
        toAddress: mailOutbox.toAddress,
        subject: mailOutbox.subject,
        status: mailOutbox.status,
        attempts: mailOutbox.attempts,
        lastError: mailOutbox.lastError,
        createdAt: mailOutbox.createdAt,
        sentAt: mailOutbox.sentAt,
        textBody: mailOutbox.textBody,
      })
      .from(mailOutbox)
      .where(eq(mailOutbox.householdId, household.id))
      .orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id))
      .limit(MAIL_HISTORY_LIMIT)
      .all()
      .map(({ textBody, ...m }) => {
        const secret = secretMailKinds.has(m.kind);
        return {
          ...m,
          kindLabel: mailKindLabels[m.kind] ?? m.kind,
          text: secret ? null : textBody,
          canResend: !secret && m.status !== "pending" && m.toAddress !== "",
        };
      });
  });

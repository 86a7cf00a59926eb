import { mailOutbox, type TDb } from "@ef/db";
import { and, eq, inArray, ne } from "drizzle-orm";

/** A message to write to the outbox. `kind` names it for the console (`password-reset`…). */
export type TQueuedMail = {
  kind: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  householdId?: number | null;
  userId?: number | null;
};

/** What the console reads as the reason of a message that had nowhere to go. */
export const NO_ADDRESS_ERROR = "Aucune adresse e-mail";

/**
 * Writes a message to the outbox and returns its id. Synchronous, so the caller writes it inside
 * the transaction of the change it reports: no change without its message, no message without
 * its change. The worker sends it from `now` on.
 *
 * A message without an address is not an error for the caller (a household may have no e-mail
 * yet): it is written already `failed`, with the reason, so the console shows what the family
 * did not receive.
 */
export function queueMail(db: TDb, mail: TQueuedMail, now: Date): number {
  const to = mail.to.trim();
  const at = now.toISOString();
  const row = db
    .insert(mailOutbox)
    .values({
      householdId: mail.householdId ?? null,
      userId: mail.userId ?? null,
      kind: mail.kind,
      toAddress: to,
      subject: mail.subject,
      textBody: mail.text,
      htmlBody: mail.html ?? null,
      status: to ? "pending" : "failed",
      attempts: 0,
      nextAttemptAt: at,
      lastError: to ? null : NO_ADDRESS_ERROR,
      createdAt: at,
    })
    .returning({ id: mailOutbox.id })
    .get();
  return row.id;
}

/**
 * Puts a sent or failed message back in the queue, as if new (the console's "re-send"). Returns
 * false when there is nothing to re-send: unknown id, still pending, or no address.
 */
export function resendMail(db: TDb, id: number, now: Date): boolean {
  const result = db
    .update(mailOutbox)
    .set({
      status: "pending",
      attempts: 0,
      nextAttemptAt: now.toISOString(),
      lastError: null,
      sentAt: null,
    })
    .where(
      and(
        eq(mailOutbox.id, id),
        inArray(mailOutbox.status, ["sent", "failed"]),
        // An empty address would only fail again.
        ne(mailOutbox.toAddress, ""),
      ),
    )
    .run();
  return result.changes === 1;
}

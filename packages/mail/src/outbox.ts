import { mailOutbox, prepared, type TDb } from "@ef/db";
import { and, eq, inArray, ne, sql } from "drizzle-orm";

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
  const row = prepared(db, "mail.outbox.insert", prepareInsert).get({
    householdId: mail.householdId ?? null,
    userId: mail.userId ?? null,
    kind: mail.kind,
    to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html ?? null,
    status: to ? "pending" : "failed",
    lastError: to ? null : NO_ADDRESS_ERROR,
    at: now.toISOString(),
  });
  if (!row) throw new Error("outbox: the message was not written");
  return row.id;
}

const p = (name: string) => sql.placeholder(name);
/** Payments and bookings write a message each: the insert is compiled once per database. */
function prepareInsert(db: TDb) {
  return db
    .insert(mailOutbox)
    .values({
      householdId: sql`${p("householdId")}`,
      userId: sql`${p("userId")}`,
      kind: sql`${p("kind")}`,
      toAddress: sql`${p("to")}`,
      subject: sql`${p("subject")}`,
      textBody: sql`${p("text")}`,
      htmlBody: sql`${p("html")}`,
      status: sql`${p("status")}`,
      attempts: 0,
      nextAttemptAt: sql`${p("at")}`,
      lastError: sql`${p("lastError")}`,
      createdAt: sql`${p("at")}`,
    })
    .returning({ id: mailOutbox.id })
    .prepare();
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

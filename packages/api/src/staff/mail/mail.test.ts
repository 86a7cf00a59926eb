import { auditLog, mailOutbox } from "@ef/db";
import { queueMail } from "@ef/mail";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { DEMO_NOW, errorOf, freshDb, householdId, makeCaller } from "../../../test/helpers";

const db = freshDb();
const clock = () => new Date(DEMO_NOW.getTime() + 3_600_000);
const agent = makeCaller(db, { who: "agent", clock }).caller;
const martin = householdId(db, "F00001");
const bernard = householdId(db, "F00002");

const at = (minutes: number) => new Date(DEMO_NOW.getTime() - minutes * 60_000);
function queue(kind: string, to: string, subject: string, minutesAgo: number, household = martin) {
  return queueMail(
    db,
    { kind, to, subject, text: `Texte : ${subject}`, householdId: household },
    at(minutesAgo),
  );
}
const sent = queue(
  "booking_confirmation",
  "famille.martin@example.fr",
  "Réservations confirmées",
  50,
);
db.update(mailOutbox)
  .set({ status: "sent", attempts: 1, sentAt: at(49).toISOString() })
  .where(eq(mailOutbox.id, sent))
  .run();
const failed = queue(
  "registration_decision",
  "famille.martin@example.fr",
  "Inscription validée",
  40,
);
db.update(mailOutbox)
  .set({ status: "failed", attempts: 6, lastError: "550 Mailbox unavailable" })
  .where(eq(mailOutbox.id, failed))
  .run();
const noAddress = queue("payment_ticket", "", "Ticket de paiement", 30);
const credentials = queue("credentials", "famille.martin@example.fr", "Vos identifiants", 20);
db.update(mailOutbox).set({ status: "sent" }).where(eq(mailOutbox.id, credentials)).run();
const pending = queue("password_changed", "famille.martin@example.fr", "Mot de passe modifié", 10);
const other = queue(
  "booking_confirmation",
  "famille.bernard@example.fr",
  "Réservations",
  5,
  bernard,
);

describe("staff.mail.list", () => {
  it("lists the household's messages, newest first, with their state; secrets stay hidden", async () => {
    const list = await agent.staff.mail.list({ householdId: martin });
    expect(list.map((m) => [m.id, m.status, m.canResend])).toEqual([
      [pending, "pending", false],
      [credentials, "sent", false],
      [noAddress, "failed", false],
      [failed, "failed", true],
      [sent, "sent", true],
    ]);
    expect(list.find((m) => m.id === failed)).toMatchObject({
      kindLabel: "Décision d'inscription",
      toAddress: "famille.martin@example.fr",
      subject: "Inscription validée",
      attempts: 6,
      lastError: "550 Mailbox unavailable",
      text: "Texte : Inscription validée",
    });
    expect(list.find((m) => m.id === noAddress)?.lastError).toBe("Aucune adresse e-mail");
    // The temporary password stays in the outbox, not on the screen.
    expect(list.find((m) => m.id === credentials)?.text).toBeNull();
    expect(list.some((m) => m.id === other)).toBe(false);
  });

  it("answers NOT_FOUND for a household that does not exist", async () => {
    expect((await errorOf(agent.staff.mail.list({ householdId: 99999 }))).code).toBe("NOT_FOUND");
  });
});

describe("staff.mail.resend", () => {
  it("puts a failed message back in the queue and writes the audit log", async () => {
    expect(await agent.staff.mail.resend({ householdId: martin, mailId: failed })).toEqual({
      id: failed,
      status: "pending",
    });
    const row = db.select().from(mailOutbox).where(eq(mailOutbox.id, failed)).get();
    expect(row).toMatchObject({
      status: "pending",
      attempts: 0,
      lastError: null,
      nextAttemptAt: clock().toISOString(),
    });
    const line = db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "mail.resend"), eq(auditLog.entityId, String(failed))))
      .get();
    expect(line).toMatchObject({
      householdId: martin,
      before: { status: "failed", attempts: 6, lastError: "550 Mailbox unavailable" },
      after: { status: "pending", to: "famille.martin@example.fr", subject: "Inscription validée" },
    });
    // Once queued, a second click is refused rather than sending twice.
    const again = await errorOf(agent.staff.mail.resend({ householdId: martin, mailId: failed }));
    expect(again).toMatchObject({
      code: "CONFLICT",
      message: "Ce message est déjà en attente d'envoi.",
    });
  });

  it("re-sends a sent message too", async () => {
    await agent.staff.mail.resend({ householdId: martin, mailId: sent });
    expect(db.select().from(mailOutbox).where(eq(mailOutbox.id, sent)).get()).toMatchObject({
      status: "pending",
      sentAt: null,
    });
  });

  it("refuses credentials, a message without address, and another household's message", async () => {
    const secret = await errorOf(
      agent.staff.mail.resend({ householdId: martin, mailId: credentials }),
    );
    expect(secret.code).toBe("BAD_REQUEST");
    expect(secret.message).toContain("Remettez de nouveaux identifiants");
    const nowhere = await errorOf(
      agent.staff.mail.resend({ householdId: martin, mailId: noAddress }),
    );
    expect(nowhere.message).toContain("n'a pas d'adresse e-mail");
    expect(
      (await errorOf(agent.staff.mail.resend({ householdId: martin, mailId: other }))).code,
    ).toBe("NOT_FOUND");
    expect(
      db
        .select({ status: mailOutbox.status })
        .from(mailOutbox)
        .where(eq(mailOutbox.id, credentials))
        .get()?.status,
    ).toBe("sent");
    expect(
      db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entity, "mail"), eq(auditLog.entityId, String(credentials))))
        .all(),
    ).toEqual([]);
  });
});

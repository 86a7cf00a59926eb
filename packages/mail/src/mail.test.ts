import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mailOutbox, migrate, openDb, type TDb } from "@ef/db";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestSmtp, type TTestSmtp } from "../../../test/support/smtp-server";
import {
  credentialsMail,
  formatDateTimeFr,
  passwordChangedMail,
  passwordResetMail,
  queueMail,
  resendMail,
  startMailWorker,
  type TMailWorker,
} from "./index";

const FROM = "Espace Famille <ne-pas-repondre@albertville.fr>";
const T0 = new Date("2026-11-30T13:05:00.000Z"); // 14:05 in Albertville

let db: TDb;
let smtp: TTestSmtp | undefined;
const workers: TMailWorker[] = [];

function worker(url: string, now: () => Date = () => T0): TMailWorker {
  const w = startMailWorker({ db, smtpUrl: url, from: FROM, now, intervalMs: 0 });
  workers.push(w);
  return w;
}

function row(id: number) {
  const found = db.select().from(mailOutbox).where(eq(mailOutbox.id, id)).get();
  if (!found) throw new Error(`no outbox row ${id}`);
  return found;
}

function queueReset(to = "claire.martin@example.fr"): number {
  const content = passwordResetMail({
    name: "Claire Martin",
    link: "https://famille.albertville.fr/mot-de-passe/nouveau?jeton=abc123",
    validUntil: new Date("2026-11-30T14:05:00.000Z"),
  });
  return queueMail(db, { kind: "password-reset", to, ...content }, T0);
}

/** A loopback port nothing listens on (a server listened there a moment ago). */
async function deadPort(): Promise<number> {
  const s = await startTestSmtp();
  await s.close();
  return s.port;
}

beforeEach(async () => {
  db = openDb(join(mkdtempSync(join(tmpdir(), "ef-")), "t.db"));
  migrate(db);
});

afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.stop()));
  await smtp?.close();
  smtp = undefined;
  db.$client.close();
});

describe("outbox and worker", () => {
  it("sends a queued message over SMTP and marks it sent", async () => {
    smtp = await startTestSmtp();
    const id = queueReset();
    expect(row(id)).toMatchObject({ status: "pending", attempts: 0 });

    expect(await worker(smtp.url).flush()).toBe(1);

    const mail = await smtp.waitFor((m) => m.to.includes("claire.martin@example.fr"));
    expect(mail.subject).toBe("Réinitialisation de votre mot de passe — Espace Famille");
    expect(mail.from).toContain("ne-pas-repondre@albertville.fr");
    expect(mail.text).toContain("Bonjour Claire Martin,");
    expect(mail.text).toContain("https://famille.albertville.fr/mot-de-passe/nouveau?jeton=abc123");
    expect(mail.text).toContain("qu'une seule fois");
    expect(mail.text).toContain("jusqu'au lundi 30 novembre 2026 à 15:05");
    expect(mail.text).toContain(
      "Ce message est envoyé automatiquement, merci de ne pas y répondre.",
    );
    expect(mail.html).toContain("Espace Famille — Ville d&#39;Albertville");
    expect(row(id)).toMatchObject({
      status: "sent",
      attempts: 1,
      sentAt: T0.toISOString(),
      lastError: null,
    });
  });

  it("keeps a message pending and retries it 1 minute later when the server is down", async () => {
    const port = await deadPort();
    const id = queueReset();

    expect(await worker(`smtp://127.0.0.1:${port}`).flush()).toBe(0);
    const failed = row(id);
    expect(failed).toMatchObject({
      status: "pending",
      attempts: 1,
      nextAttemptAt: new Date(T0.getTime() + 60_000).toISOString(),
    });
    expect(failed.lastError).toBeTruthy();

    smtp = await startTestSmtp({ port });
    let now = new Date(T0.getTime() + 30_000);
    const w = worker(smtp.url, () => now);
    // Not due yet: the server waits for the retry time.
    expect(await w.flush()).toBe(0);
    expect(smtp.messages).toHaveLength(0);

    now = new Date(T0.getTime() + 60_000);
    expect(await w.flush()).toBe(1);
    await smtp.waitFor((m) => m.subject.startsWith("Réinitialisation"));
    expect(row(id)).toMatchObject({ status: "sent", attempts: 2, sentAt: now.toISOString() });
  });

  it("backs off 1 min, 5 min, 15 min, 1 h, 6 h, then gives up after 6 attempts", async () => {
    const port = await deadPort();
    const id = queueReset();
    let now = T0;
    const w = worker(`smtp://127.0.0.1:${port}`, () => now);
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 6; attempt++) {
      await w.flush();
      const r = row(id);
      expect(r.attempts).toBe(attempt);
      if (attempt < 6) {
        expect(r.status).toBe("pending");
        const next = new Date(r.nextAttemptAt);
        waits.push((next.getTime() - now.getTime()) / 60_000);
        now = next;
      }
    }
    expect(waits).toEqual([1, 5, 15, 60, 360]);
    expect(row(id).status).toBe("failed");
    expect(row(id).lastError).toBeTruthy();

    // The console's re-send puts it back in the queue.
    smtp = await startTestSmtp({ port });
    expect(resendMail(db, id, now)).toBe(true);
    expect(row(id)).toMatchObject({ status: "pending", attempts: 0, lastError: null });
    expect(await w.flush()).toBe(1);
    expect(row(id).status).toBe("sent");
    expect(resendMail(db, 9999, now)).toBe(false);
  });

  it("sends a message once when two workers flush at the same time", async () => {
    smtp = await startTestSmtp();
    const ids = Array.from({ length: 25 }, (_, i) => queueReset(`parent${i}@example.fr`));
    const a = worker(smtp.url);
    const b = worker(smtp.url);

    const [sentA, sentB, sentA2] = await Promise.all([a.flush(), b.flush(), a.flush()]);

    expect(sentA + sentB + sentA2).toBe(25);
    expect(smtp.messages).toHaveLength(25);
    const recipients = smtp.messages.flatMap((m) => m.to);
    expect(new Set(recipients).size).toBe(25);
    for (const id of ids) expect(row(id).status).toBe("sent");
  });

  it("records a message without an address as failed, without sending it", async () => {
    smtp = await startTestSmtp();
    const id = queueReset("  ");
    expect(row(id)).toMatchObject({ status: "failed", lastError: "Aucune adresse e-mail" });
    expect(await worker(smtp.url).flush()).toBe(0);
    expect(resendMail(db, id, T0)).toBe(false);
    expect(smtp.messages).toHaveLength(0);
  });

  it("polls on its own every intervalMs", async () => {
    smtp = await startTestSmtp();
    const w = startMailWorker({
      db,
      smtpUrl: smtp.url,
      from: FROM,
      now: () => T0,
      intervalMs: 20,
    });
    workers.push(w);
    const id = queueReset();
    await smtp.waitFor((m) => m.to.includes("claire.martin@example.fr"));
    await w.stop();
    expect(row(id).status).toBe("sent");
  });

  it("logs ids and kinds, never the content", async () => {
    smtp = await startTestSmtp();
    const events: Array<[string, Record<string, unknown>]> = [];
    const w = startMailWorker({
      db,
      smtpUrl: smtp.url,
      from: FROM,
      now: () => T0,
      intervalMs: 0,
      log: (event, data) => events.push([event, data]),
    });
    workers.push(w);
    const id = queueReset();
    await w.flush();
    expect(events).toEqual([["mail.sent", { id, kind: "password-reset", attempts: 1 }]]);
    expect(JSON.stringify(events)).not.toContain("abc123");
  });
});

describe("templates", () => {
  it("escapes HTML in every value", () => {
    const name = '<script>alert("x")</script>';
    for (const content of [
      passwordResetMail({ name, link: "https://x.fr/?a=1&b=<2>", validUntil: T0 }),
      passwordChangedMail({ name }),
      credentialsMail({
        name,
        login: "F00001",
        temporaryPassword: "<b>&'\"",
        portalUrl: "https://famille.albertville.fr",
        validUntil: T0,
      }),
    ]) {
      expect(content.html).not.toContain("<script>");
      expect(content.html).not.toContain("<b>");
      expect(content.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
      // The text version is for reading, not rendering: the name stays as written.
      expect(content.text).toContain(name);
    }
  });

  it("does not turn a non-web address into a link", () => {
    const content = passwordResetMail({ name: "A", link: "javascript:alert(1)", validUntil: T0 });
    expect(content.html).not.toContain("href=");
  });

  it("gives the identifier, the temporary password and the first-login steps", () => {
    const content = credentialsMail({
      name: "Famille Martin",
      login: "F00001",
      temporaryPassword: "Tmp-7q2x-9KpR",
      portalUrl: "https://famille.albertville.fr",
      validUntil: new Date("2026-12-07T17:00:00.000Z"),
    });
    expect(content.subject).toBe("Vos identifiants Espace Famille");
    expect(content.text).toContain("Identifiant : F00001");
    expect(content.text).toContain("Mot de passe provisoire : Tmp-7q2x-9KpR");
    expect(content.text).toContain("lundi 7 décembre 2026 à 18:00");
    expect(content.text).toContain("Adresse du portail : https://famille.albertville.fr");
    expect(content.text).toContain("1. Rendez-vous sur le portail");
    expect(content.html).toContain('<a href="https://famille.albertville.fr"');
    expect(content.text).toContain("« Se connecter »");
    expect(content.text).toContain("4. Choisissez votre nouveau mot de passe.");
    expect(passwordChangedMail({ name: "" }).text).toContain("Bonjour,");
  });

  it("formats instants in Albertville's time, in French", () => {
    expect(formatDateTimeFr(new Date("2026-11-30T13:05:00.000Z"))).toBe(
      "lundi 30 novembre 2026 à 14:05",
    );
    // Summer time, and the first of the month.
    expect(formatDateTimeFr(new Date("2027-07-01T06:30:00.000Z"))).toBe(
      "jeudi 1er juillet 2027 à 08:30",
    );
    // The same minute, then the next one: each instant gets its own minute's wording.
    expect(formatDateTimeFr(new Date("2027-07-01T06:30:59.000Z"))).toBe(
      "jeudi 1er juillet 2027 à 08:30",
    );
    expect(formatDateTimeFr(new Date("2027-07-01T06:31:00.000Z"))).toBe(
      "jeudi 1er juillet 2027 à 08:31",
    );
    expect(formatDateTimeFr(new Date("2026-11-30T13:05:00.000Z"))).toBe(
      "lundi 30 novembre 2026 à 14:05",
    );
  });
});

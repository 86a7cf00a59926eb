import { documents, mailOutbox, news, users } from "@ef/db";
import type { TAccessCase, TAccessFixtures } from "./case";

/** A tiny PDF: enough for the type check (it starts with %PDF-). */
const PDF_BASE64 = Buffer.from("%PDF-1.4\n% accès\n%%EOF\n").toString("base64");

/**
 * Access cases of the console's mail history, dashboard, content, staff accounts and audit log.
 * Rows of their own, so that no call touches what the other cases log in as.
 */
export default function cases(fx: TAccessFixtures): Record<string, TAccessCase> {
  const at = new Date("2026-12-01T07:00:00Z").toISOString();
  const mail = fx.db
    .insert(mailOutbox)
    .values({
      householdId: fx.martin,
      kind: "registration_decision",
      toAddress: "famille.martin@example.fr",
      subject: "Inscription validée",
      textBody: "Bonjour",
      status: "sent",
      attempts: 1,
      nextAttemptAt: at,
      createdAt: at,
      sentAt: at,
    })
    .returning({ id: mailOutbox.id })
    .get();
  const item = fx.db
    .insert(news)
    .values({ title: "Accès", body: "Texte", status: "draft", createdAt: at, updatedAt: at })
    .returning({ id: news.id })
    .get();
  const doc = fx.db
    .insert(documents)
    .values({
      title: "Accès",
      category: "autre",
      filePath: "documents/acces.pdf",
      fileName: "acces.pdf",
      mimeType: "application/pdf",
      sizeBytes: 10,
      createdAt: at,
    })
    .returning({ id: documents.id })
    .get();
  const staff = fx.db
    .insert(users)
    .values({
      login: "acces.agent",
      role: "agent",
      displayName: "Agent Accès",
      passwordHash: "x",
      createdAt: at,
    })
    .returning({ id: users.id })
    .get();
  return {
    "staff.mail.list": {
      audience: "agent",
      call: (c) => c.staff.mail.list({ householdId: fx.martin }),
    },
    "staff.mail.resend": {
      audience: "agent",
      call: (c) => c.staff.mail.resend({ householdId: fx.martin, mailId: mail.id }),
    },
    "staff.dashboard.get": { audience: "agent", call: (c) => c.staff.dashboard.get() },
    "admin.staffAccounts.list": { audience: "admin", call: (c) => c.admin.staffAccounts.list() },
    "admin.staffAccounts.create": {
      audience: "admin",
      call: (c) =>
        c.admin.staffAccounts.create({
          login: "acces.nouveau",
          displayName: "Nouvel Agent",
          email: "",
          role: "agent",
        }),
    },
    "admin.staffAccounts.setDisabled": {
      audience: "admin",
      call: (c) => c.admin.staffAccounts.setDisabled({ userId: staff.id, disabled: true }),
    },
    "admin.content.news.list": { audience: "admin", call: (c) => c.admin.content.news.list() },
    "admin.content.news.create": {
      audience: "admin",
      call: (c) => c.admin.content.news.create({ title: "Titre", body: "Texte", publish: false }),
    },
    "admin.content.news.update": {
      audience: "admin",
      call: (c) => c.admin.content.news.update({ id: item.id, title: "Titre", body: "Texte" }),
    },
    "admin.content.news.setStatus": {
      audience: "admin",
      call: (c) => c.admin.content.news.setStatus({ id: item.id, status: "published" }),
    },
    "admin.content.documents.list": {
      audience: "admin",
      call: (c) => c.admin.content.documents.list(),
    },
    "admin.content.documents.uploadPdf": {
      audience: "admin",
      call: (c) =>
        c.admin.content.documents.uploadPdf({
          title: "Menus",
          description: "",
          category: "menus",
          published: false,
          file: { fileName: "menus.pdf", contentBase64: PDF_BASE64 },
        }),
    },
    "admin.content.documents.update": {
      audience: "admin",
      call: (c) =>
        c.admin.content.documents.update({
          id: doc.id,
          title: "Accès",
          description: "",
          category: "autre",
        }),
    },
    "admin.content.documents.setPublished": {
      audience: "admin",
      call: (c) => c.admin.content.documents.setPublished({ id: doc.id, published: false }),
    },
    "admin.content.documents.remove": {
      audience: "admin",
      call: (c) => c.admin.content.documents.remove({ id: doc.id }),
    },
    "admin.audit.list": {
      audience: "admin",
      call: (c) => c.admin.audit.list({ household: "", actorUserId: null, before: null }),
    },
  };
}

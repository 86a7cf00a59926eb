import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { bool, id, instant } from "./common";
import { households } from "./households";
import { users } from "./users";

export const news = sqliteTable(
  "news",
  {
    id: id(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    status: text("status", { enum: ["draft", "published", "unpublished"] }).notNull(),
    publishedAt: instant("published_at"),
    createdAt: instant("created_at").notNull(),
    updatedAt: instant("updated_at").notNull(),
  },
  (t) => [index("news_status_published_idx").on(t.status, t.publishedAt)],
);

export const documentCategories = ["reglement", "tarifs", "menus", "autre"] as const;

/** Public documents (règlement, tarifs, menus) shown on the public home. */
export const documents = sqliteTable("documents", {
  id: id(),
  title: text("title").notNull(),
  description: text("description").notNull().default(""),
  category: text("category", { enum: documentCategories }).notNull(),
  /** Path under DATA_DIR. */
  filePath: text("file_path").notNull(),
  fileName: text("file_name").notNull(),
  mimeType: text("mime_type").notNull(),
  sizeBytes: integer("size_bytes").notNull(),
  published: bool("published").notNull().default(true),
  createdAt: instant("created_at").notNull(),
});

/** Every message goes through here, written in the transaction of the change it reports. */
export const mailOutbox = sqliteTable(
  "mail_outbox",
  {
    id: id(),
    householdId: integer("household_id").references(() => households.id, { onDelete: "set null" }),
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    kind: text("kind").notNull(),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    textBody: text("text_body").notNull(),
    htmlBody: text("html_body"),
    status: text("status", { enum: ["pending", "sent", "failed"] }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: instant("next_attempt_at").notNull(),
    lastError: text("last_error"),
    createdAt: instant("created_at").notNull(),
    sentAt: instant("sent_at"),
  },
  (t) => [
    index("mail_outbox_due_idx").on(t.status, t.nextAttemptAt),
    index("mail_outbox_household_idx").on(t.householdId, t.createdAt),
  ],
);

/** Who did what and when, with before/after. Append-only. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: id(),
    at: instant("at").notNull(),
    actorUserId: integer("actor_user_id").references(() => users.id),
    householdId: integer("household_id").references(() => households.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    entity: text("entity").notNull(),
    entityId: text("entity_id"),
    before: text("before", { mode: "json" }),
    after: text("after", { mode: "json" }),
  },
  (t) => [
    index("audit_log_household_idx").on(t.householdId, t.at),
    index("audit_log_actor_idx").on(t.actorUserId, t.at),
  ],
);

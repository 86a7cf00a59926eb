import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { activities, activityGroups, activitySessions } from "./activities";
import { baskets } from "./baskets";
import { bool, day, id, instant } from "./common";
import { children, households } from "./households";
import { users } from "./users";

export const paymentStatuses = ["pending", "paid", "refused", "cancelled", "expired"] as const;

/** How the guichet refunded a payment flagged for refund (`avoir`: turned into household credit). */
export const refundMethods = ["virement", "payfip", "cheque_tresor", "avoir"] as const;

/**
 * A payment through PayFiP. It goes from `pending` to exactly one final state; the server trusts
 * only `recupererDetailPaiementSecurise`. `refdet` is ours (unique); `idOp` is PayFiP's.
 */
export const payments = sqliteTable(
  "payments",
  {
    id: id(),
    householdId: integer("household_id")
      .notNull()
      .references(() => households.id),
    basketId: integer("basket_id").references(() => baskets.id),
    /** Paying a monthly invoice (its id; no panier then). */
    invoiceId: integer("invoice_id"),
    /** The panier version being paid: "Payer" twice on it resumes the same payment. */
    basketVersion: integer("basket_version"),
    /** What PayFiP is asked for (after credits). */
    amountCents: integer("amount_cents").notNull(),
    /** Credit (avoir) taken from the household for this payment. */
    creditCents: integer("credit_cents").notNull().default(0),
    refdet: text("refdet").notNull(),
    exer: integer("exer").notNull(),
    objet: text("objet").notNull(),
    mel: text("mel").notNull(),
    idOp: text("id_op"),
    status: text("status", { enum: paymentStatuses }).notNull(),
    /** PayFiP's answer: resultrans, numauto, dattrans, heurtrans. */
    resultrans: text("resultrans"),
    numauto: text("numauto"),
    paidAt: instant("paid_at"),
    /** Places are held until then while PayFiP has not answered. */
    expiresAt: instant("expires_at").notNull(),
    /** Paid but the places could not be booked: an agent refunds it; the family was told. */
    needsRefund: bool("needs_refund").notNull().default(false),
    refundNote: text("refund_note"),
    /** The refund an agent recorded (the flag is cleared, the history stays). */
    refundedAt: instant("refunded_at"),
    refundedBy: integer("refunded_by").references(() => users.id),
    refundMethod: text("refund_method", { enum: refundMethods }),
    refundReference: text("refund_reference"),
    createdAt: instant("created_at").notNull(),
    createdBy: integer("created_by").references(() => users.id),
    updatedAt: instant("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("payments_refdet_uq").on(t.refdet),
    uniqueIndex("payments_id_op_uq").on(t.idOp),
    index("payments_status_idx").on(t.status, t.createdAt),
    index("payments_household_idx").on(t.householdId, t.createdAt),
    // One payment in progress per panier.
    uniqueIndex("payments_one_pending_per_basket_uq")
      .on(t.basketId)
      .where(sql`${t.status} = 'pending'`),
    // One payment in progress per invoice: two tabs resume the same one.
    uniqueIndex("payments_one_pending_per_invoice_uq")
      .on(t.invoiceId)
      .where(sql`${t.status} = 'pending' and ${t.invoiceId} is not null`),
  ],
);

/** The household's credit (avoir): + when a paid day is cancelled in time, − when it pays. */
export const credits = sqliteTable(
  "credits",
  {
    id: id(),
    householdId: integer("household_id")
      .notNull()
      .references(() => households.id),
    amountCents: integer("amount_cents").notNull(),
    reason: text("reason").notNull(),
    paymentId: integer("payment_id").references(() => payments.id),
    createdAt: instant("created_at").notNull(),
    createdBy: integer("created_by").references(() => users.id),
  },
  (t) => [index("credits_household_idx").on(t.householdId)],
);

/**
 * The panier's registrations in payment (EMS group, Territoire Jeune session): a held place until
 * paid, like a day line.
 */
export const basketRegistrationLines = sqliteTable(
  "basket_registration_lines",
  {
    id: id(),
    basketId: integer("basket_id")
      .notNull()
      .references(() => baskets.id, { onDelete: "cascade" }),
    childId: integer("child_id")
      .notNull()
      .references(() => children.id, { onDelete: "cascade" }),
    activityId: integer("activity_id")
      .notNull()
      .references(() => activities.id),
    groupId: integer("group_id").references(() => activityGroups.id),
    sessionId: integer("session_id").references(() => activitySessions.id),
    priceCents: integer("price_cents").notNull(),
    holdExpiresAt: instant("hold_expires_at"),
    holdLost: bool("hold_lost").notNull().default(false),
    createdAt: instant("created_at").notNull(),
  },
  (t) => [
    // One line per child and activity (EMS: one group), or per session (Territoire Jeune).
    uniqueIndex("basket_registration_lines_item_uq").on(
      t.basketId,
      t.childId,
      t.activityId,
      sql`coalesce(${t.sessionId}, 0)`,
    ),
    index("basket_registration_lines_group_idx").on(t.groupId, t.holdExpiresAt),
    index("basket_registration_lines_session_idx").on(t.sessionId, t.holdExpiresAt),
  ],
);

/**
 * Liste d'attente: a family waiting for a day, an EMS group or a TJ session. When a place frees,
 * the first waiting family is offered it (held in its panier for 24 hours).
 */
export const waitingList = sqliteTable(
  "waiting_list",
  {
    id: id(),
    householdId: integer("household_id")
      .notNull()
      .references(() => households.id, { onDelete: "cascade" }),
    childId: integer("child_id")
      .notNull()
      .references(() => children.id, { onDelete: "cascade" }),
    activityId: integer("activity_id")
      .notNull()
      .references(() => activities.id),
    date: day("date"),
    groupId: integer("group_id").references(() => activityGroups.id),
    sessionId: integer("session_id").references(() => activitySessions.id),
    status: text("status", {
      enum: ["waiting", "offered", "taken", "expired", "cancelled"],
    }).notNull(),
    offerExpiresAt: instant("offer_expires_at"),
    createdAt: instant("created_at").notNull(),
    updatedAt: instant("updated_at").notNull(),
  },
  (t) => [
    index("waiting_list_day_idx").on(t.activityId, t.date, t.status, t.createdAt),
    index("waiting_list_group_idx").on(t.groupId, t.status, t.createdAt),
    index("waiting_list_session_idx").on(t.sessionId, t.status, t.createdAt),
    index("waiting_list_household_idx").on(t.householdId, t.status),
  ],
);

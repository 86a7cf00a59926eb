/**
 * Paying an invoice: online through PayFiP (refdet = the invoice number, exer = its year), or at
 * the guichet (cash, cheque, CESU, the household's avoir). An invoice is settled once: money
 * arriving for an invoice already paid is flagged for a refund, never counted twice.
 */
import { formatEuros, formatInstantFr } from "@ef/core";
import { credits, immediate, invoiceSettlements, invoices, payments, type TDb } from "@ef/db";
import { invoicePaidMail, queueMail } from "@ef/mail";
import { MONTANT_MIN, toPayfipObjet } from "@ef/payfip";
import { and, eq, sql } from "drizzle-orm";
import { appError } from "../errors";
import type { TPayfipService } from "../payment/service";
import { settlementMethodLabels } from "./billing.schemas";

/** As for a panier: PayFiP keeps an idOp 15 minutes; past 20 without an answer, it expired. */
const PAYMENT_TTL_MS = 20 * 60_000;

/** What has been received for an invoice, in cents. */
export function settledCents(db: TDb, invoiceId: number): number {
  return (
    db
      .select({ total: sql<number>`coalesce(sum(${invoiceSettlements.amountCents}), 0)` })
      .from(invoiceSettlements)
      .where(eq(invoiceSettlements.invoiceId, invoiceId))
      .get()?.total ?? 0
  );
}

/** The household's invoice (a credit note or another family's id answers NOT_FOUND). */
function loadInvoice(db: TDb, householdId: number, invoiceId: number) {
  const invoice = db
    .select()
    .from(invoices)
    .where(and(eq(invoices.id, invoiceId), eq(invoices.householdId, householdId)))
    .get();
  if (!invoice) throw appError("NOT_FOUND", "Cette facture est introuvable.");
  return invoice;
}

/**
 * "Payer" on an invoice: creates the PayFiP payment of what is left to pay, or resumes the one in
 * progress (two tabs, a double tap: the same idOp). A paid invoice is refused.
 */
export async function startInvoicePayment(
  db: TDb,
  payfip: TPayfipService,
  args: {
    household: { id: number; name: string; email: string };
    invoiceId: number;
    now: Date;
    userId: number;
    publicUrl: string;
  },
): Promise<{ paymentId: number; url: string }> {
  const prepared = immediate(db, (tx) => {
    const invoice = loadInvoice(tx, args.household.id, args.invoiceId);
    if (invoice.kind !== "facture") throw appError("INVALID", "Un avoir ne se paie pas.");
    if (invoice.status === "paid") throw appError("CONFLICT", "Cette facture est déjà payée.");
    const pending = tx
      .select({ id: payments.id, idOp: payments.idOp })
      .from(payments)
      .where(and(eq(payments.invoiceId, invoice.id), eq(payments.status, "pending")))
      .get();
    if (pending) return { paymentId: pending.id, idOp: pending.idOp };
    const remaining = invoice.totalCents - settledCents(tx, invoice.id);
    if (remaining <= 0) throw appError("CONFLICT", "Cette facture est déjà payée.");
    if (remaining < MONTANT_MIN) {
      throw appError(
        "INVALID",
        "Le montant restant est inférieur à 1 € : PayFiP ne l'accepte pas. Réglez-le au guichet unique.",
      );
    }
    // refdet: the invoice number in letters and digits; a new attempt after a refused or
    // cancelled one gets R2, R3… (our refdet is unique per payment).
    const base = invoice.number.replaceAll("-", "");
    const attempts =
      tx
        .select({ n: sql<number>`count(*)` })
        .from(payments)
        .where(eq(payments.invoiceId, invoice.id))
        .get()?.n ?? 0;
    const refdet = attempts === 0 ? base : `${base}R${attempts + 1}`;
    const nowIso = args.now.toISOString();
    const row = tx
      .insert(payments)
      .values({
        householdId: args.household.id,
        invoiceId: invoice.id,
        amountCents: remaining,
        refdet,
        exer: invoice.year,
        objet: toPayfipObjet(`Facture ${invoice.number} Espace Famille ${args.household.name}`),
        mel: args.household.email,
        status: "pending",
        expiresAt: new Date(args.now.getTime() + PAYMENT_TTL_MS).toISOString(),
        createdAt: nowIso,
        createdBy: args.userId,
        updatedAt: nowIso,
      })
      .returning({ id: payments.id })
      .get();
    return { paymentId: row.id, idOp: null as string | null };
  });
  if (prepared.idOp) return { paymentId: prepared.paymentId, url: payfip.pageUrl(prepared.idOp) };
  const payment = db.select().from(payments).where(eq(payments.id, prepared.paymentId)).get();
  if (!payment) throw appError("NOT_FOUND");
  let idOp: string;
  try {
    const created = await payfip.client.creerPaiementSecurise({
      exer: payment.exer,
      refdet: payment.refdet,
      montant: payment.amountCents,
      mel: payment.mel,
      objet: payment.objet,
      urlnotif: `${args.publicUrl}/payfip/notification`,
      urlredirect: `${args.publicUrl}/espace/paiements?facture=${args.invoiceId}&paiement=${payment.id}`,
    });
    idOp = created.idOp;
  } catch (error) {
    immediate(db, (tx) => {
      tx.update(payments)
        .set({
          status: "cancelled",
          updatedAt: new Date().toISOString(),
          refundNote: String(error).slice(0, 300),
        })
        .where(and(eq(payments.id, payment.id), eq(payments.status, "pending")))
        .run();
    });
    throw appError(
      "PAYMENT_FAILED",
      "Le service de paiement PayFiP ne répond pas. Réessayez dans un instant.",
    );
  }
  db.update(payments)
    .set({ idOp, updatedAt: new Date().toISOString() })
    .where(and(eq(payments.id, payment.id), sql`${payments.idOp} is null`))
    .run();
  const stored = db
    .select({ idOp: payments.idOp })
    .from(payments)
    .where(eq(payments.id, payment.id))
    .get();
  return { paymentId: payment.id, url: payfip.pageUrl(stored?.idOp ?? idOp) };
}

type TFlagRefund = (reason: string) => void;

/**
 * PayFiP paid an invoice payment (called once, in the transaction that marks the payment paid):
 * one settlement, the invoice paid when nothing is left, the receipt mailed. An invoice already
 * settled meanwhile (another payment, the guichet) sends this one to a refund.
 */
export function settleInvoicePaymentIn(
  tx: TDb,
  payment: { id: number; invoiceId: number | null; amountCents: number; refdet: string },
  household: { id: number; name: string; email: string },
  numauto: string | null,
  now: Date,
  publicUrl: string,
  flagRefund: TFlagRefund,
): void {
  const invoice = payment.invoiceId
    ? tx.select().from(invoices).where(eq(invoices.id, payment.invoiceId)).get()
    : undefined;
  if (!invoice) {
    flagRefund("la facture payée est introuvable.");
    return;
  }
  const remaining = invoice.totalCents - settledCents(tx, invoice.id);
  if (invoice.status === "paid" || remaining < payment.amountCents) {
    flagRefund(`la facture ${invoice.number} était déjà réglée.`);
    return;
  }
  const reference = numauto ? `${payment.refdet} (autorisation ${numauto})` : payment.refdet;
  recordSettlementIn(tx, {
    invoice,
    household,
    amountCents: payment.amountCents,
    method: "payfip",
    reference,
    paymentId: payment.id,
    userId: null,
    now,
    publicUrl,
  });
}

/**
 * One settlement of an invoice, in the caller's transaction: the invoice is paid when what was
 * received covers it; the family gets the receipt.
 */
export function recordSettlementIn(
  tx: TDb,
  args: {
    invoice: { id: number; number: string; totalCents: number };
    household: { id: number; name: string; email: string };
    amountCents: number;
    method: "payfip" | "especes" | "cheque" | "cesu" | "avoir";
    reference: string;
    paymentId: number | null;
    userId: number | null;
    now: Date;
    publicUrl: string;
  },
): { paid: boolean; remainingCents: number } {
  const nowIso = args.now.toISOString();
  tx.insert(invoiceSettlements)
    .values({
      invoiceId: args.invoice.id,
      amountCents: args.amountCents,
      method: args.method,
      reference: args.reference,
      paymentId: args.paymentId,
      recordedAt: nowIso,
      recordedBy: args.userId,
    })
    .run();
  if (args.method === "avoir") {
    tx.insert(credits)
      .values({
        householdId: args.household.id,
        amountCents: -args.amountCents,
        reason: `Utilisé pour la facture ${args.invoice.number}`,
        createdAt: nowIso,
        createdBy: args.userId,
      })
      .run();
  }
  const remainingCents = args.invoice.totalCents - settledCents(tx, args.invoice.id);
  const paid = remainingCents <= 0;
  if (paid) {
    tx.update(invoices)
      .set({ status: "paid", paidAt: nowIso })
      .where(and(eq(invoices.id, args.invoice.id), eq(invoices.status, "unpaid")))
      .run();
  }
  queueMail(
    tx,
    {
      kind: "invoice_receipt",
      to: args.household.email,
      ...invoicePaidMail({
        name: args.household.name,
        number: args.invoice.number,
        amount: formatEuros(args.amountCents),
        method: settlementMethodLabels[args.method] ?? args.method,
        reference: args.reference,
        paidAt: formatInstantFr(args.now),
        link: `${publicUrl(args.publicUrl)}/espace/paiements`,
      }),
      householdId: args.household.id,
    },
    args.now,
  );
  return { paid, remainingCents: Math.max(0, remainingCents) };
}

const publicUrl = (u: string) => u.replace(/\/$/, "");

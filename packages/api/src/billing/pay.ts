/**
 * Paying an invoice: online through PayFiP (refdet = the invoice number, exer = its year), the
 * household's avoir first, or at the guichet (cash, cheque, CESU, the household's avoir). An
 * invoice is settled once: money arriving for an invoice already paid is flagged for a refund,
 * never counted twice.
 */
import { formatEuros, formatInstantFr } from "@ef/core";
import {
  credits,
  eqConst,
  immediate,
  invoiceSettlements,
  invoices,
  payments,
  type TDb,
} from "@ef/db";
import { invoicePaidMail, queueMail } from "@ef/mail";
import { MONTANT_MIN, toPayfipObjet } from "@ef/payfip";
import { and, eq, sql } from "drizzle-orm";
import { bookingStatements } from "../booking/statements";
import { appError } from "../errors";
import { PAYMENT_TTL_MS, payfipPageFor } from "../payment/payfip-page";
import type { TPayfipService } from "../payment/service";
import { settlementMethodLabels } from "./billing.schemas";

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

/** The household's avoir in cents: credits in, minus what payments and invoices took. */
export function creditBalance(db: TDb, householdId: number): number {
  return bookingStatements(db).creditBalance.get({ householdId })?.total ?? 0;
}

/**
 * The avoir an online "Payer" may plan to use: the balance less what payments still in progress
 * (a panier or another invoice, on PayFiP's page) mean to take when they succeed.
 */
export function availableCredit(db: TDb, householdId: number): number {
  const reserved = bookingStatements(db).creditReserved.get({ householdId })?.total ?? 0;
  return Math.max(0, creditBalance(db, householdId) - reserved);
}

/**
 * What is left to pay, split as "Payer" takes it: the avoir first, PayFiP for the rest. PayFiP
 * takes at least 1 €, so the avoir never leaves less than that to pay (it then covers less).
 */
export function splitWithCredit(
  remainingCents: number,
  availableCents: number,
): { creditCents: number; payfipCents: number } {
  let credit = Math.max(0, Math.min(availableCents, remainingCents));
  if (credit < remainingCents && remainingCents - credit < MONTANT_MIN) {
    credit = Math.max(0, remainingCents - MONTANT_MIN);
  }
  return { creditCents: credit, payfipCents: remainingCents - credit };
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
 * "Payer" on an invoice: the household's avoir covers what it can, PayFiP the rest. Creates the
 * PayFiP payment, or resumes the one in progress (two tabs, a double tap: the same idOp). The avoir
 * is only taken when PayFiP pays (a refused or cancelled payment takes nothing); when it covers
 * everything, the invoice is paid at once without PayFiP. A paid invoice is refused.
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
): Promise<{ status: "redirect" | "paid"; paymentId: number; url: string }> {
  const returnUrl = (paymentId: number) =>
    `${args.publicUrl}/espace/paiements?facture=${args.invoiceId}&paiement=${paymentId}`;
  const prepared = immediate(db, (tx) => {
    const invoice = loadInvoice(tx, args.household.id, args.invoiceId);
    if (invoice.kind !== "facture") throw appError("INVALID", "Un avoir ne se paie pas.");
    if (invoice.status === "paid") throw appError("CONFLICT", "Cette facture est déjà payée.");
    const pending = tx
      .select({ id: payments.id, idOp: payments.idOp })
      .from(payments)
      .where(and(eq(payments.invoiceId, invoice.id), eqConst(payments.status, "pending")))
      .get();
    if (pending) return { kind: "pending" as const, paymentId: pending.id, idOp: pending.idOp };
    const remaining = invoice.totalCents - settledCents(tx, invoice.id);
    if (remaining <= 0) throw appError("CONFLICT", "Cette facture est déjà payée.");
    const split = splitWithCredit(remaining, availableCredit(tx, args.household.id));
    if (split.payfipCents > 0 && split.payfipCents < MONTANT_MIN) {
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
    const coveredByCredit = split.payfipCents === 0;
    const row = tx
      .insert(payments)
      .values({
        householdId: args.household.id,
        invoiceId: invoice.id,
        amountCents: split.payfipCents,
        creditCents: split.creditCents,
        refdet,
        exer: invoice.year,
        objet: toPayfipObjet(`Facture ${invoice.number} Espace Famille ${args.household.name}`),
        mel: args.household.email,
        // The avoir covers it all: no PayFiP, the invoice is paid now.
        status: coveredByCredit ? "paid" : "pending",
        numauto: coveredByCredit ? "AVOIR" : null,
        paidAt: coveredByCredit ? nowIso : null,
        expiresAt: new Date(args.now.getTime() + PAYMENT_TTL_MS).toISOString(),
        createdAt: nowIso,
        createdBy: args.userId,
        updatedAt: nowIso,
      })
      .returning({ id: payments.id })
      .get();
    if (coveredByCredit) {
      recordSettlementIn(tx, {
        invoice,
        household: args.household,
        amountCents: split.creditCents,
        method: "avoir",
        reference: `Paiement en ligne ${refdet}`,
        paymentId: row.id,
        userId: args.userId,
        now: args.now,
        publicUrl: args.publicUrl,
      });
      return { kind: "paid" as const, paymentId: row.id, idOp: null };
    }
    return { kind: "new" as const, paymentId: row.id, idOp: null as string | null };
  });
  if (prepared.kind === "paid") {
    return { status: "paid", paymentId: prepared.paymentId, url: returnUrl(prepared.paymentId) };
  }
  // "Payer" again resumes the stored idOp; without one (new, or a crash before it was stored),
  // PayFiP is asked, with the same refdet.
  const url = await payfipPageFor(db, payfip, {
    paymentId: prepared.paymentId,
    idOp: prepared.idOp,
    publicUrl: args.publicUrl,
    returnUrl: returnUrl(prepared.paymentId),
    failureMessage: "Le service de paiement PayFiP ne répond pas. Réessayez dans un instant.",
  });
  return { status: "redirect", paymentId: prepared.paymentId, url };
}

type TFlagRefund = (reason: string) => void;

/**
 * PayFiP paid an invoice payment (called once, in the transaction that marks the payment paid):
 * one settlement (and one from the avoir planned at "Payer"), the invoice paid when nothing is
 * left, the receipt mailed. An invoice already settled meanwhile (another payment, the guichet)
 * sends this one to a refund.
 */
export function settleInvoicePaymentIn(
  tx: TDb,
  payment: {
    id: number;
    invoiceId: number | null;
    amountCents: number;
    creditCents: number;
    refdet: string;
  },
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
  // The avoir planned at "Payer" is taken now — as far as the household still has it (another
  // payment or the guichet may have used it meanwhile) and the invoice still needs it.
  const creditCents = Math.max(
    0,
    Math.min(payment.creditCents, remaining - payment.amountCents, creditBalance(tx, household.id)),
  );
  if (creditCents !== payment.creditCents) {
    tx.update(payments).set({ creditCents }).where(eq(payments.id, payment.id)).run();
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
    creditCents,
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
    /** The household's avoir used beside an online payment: its own settlement, one receipt. */
    creditCents?: number;
  },
): { paid: boolean; remainingCents: number } {
  const nowIso = args.now.toISOString();
  const fromCredit = args.creditCents ?? 0;
  // A payment settles once (unique payment_id): the avoir's settlement beside it names it in
  // its reference; its credit row keeps the payment's id.
  const parts = [
    {
      amountCents: args.amountCents,
      method: args.method,
      reference: args.reference,
      paymentId: args.paymentId,
    },
    ...(fromCredit > 0
      ? [
          {
            amountCents: fromCredit,
            method: "avoir" as const,
            reference: `Avec le paiement en ligne ${args.reference}`,
            paymentId: null,
          },
        ]
      : []),
  ];
  for (const part of parts) {
    tx.insert(invoiceSettlements)
      .values({
        invoiceId: args.invoice.id,
        amountCents: part.amountCents,
        method: part.method,
        reference: part.reference,
        paymentId: part.paymentId,
        recordedAt: nowIso,
        recordedBy: args.userId,
      })
      .run();
    if (part.method === "avoir") {
      tx.insert(credits)
        .values({
          householdId: args.household.id,
          amountCents: -part.amountCents,
          reason: `Utilisé pour la facture ${args.invoice.number}`,
          paymentId: args.paymentId,
          createdAt: nowIso,
          createdBy: args.userId,
        })
        .run();
    }
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
        credit: fromCredit > 0 ? formatEuros(fromCredit) : null,
      }),
      householdId: args.household.id,
    },
    args.now,
  );
  return { paid, remainingCents: Math.max(0, remainingCents) };
}

const publicUrl = (u: string) => u.replace(/\/$/, "");

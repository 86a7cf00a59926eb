/**
 * Asking PayFiP for its payment page, the same step for a panier and for an invoice: the pending
 * payment's refdet, amount and objet go to `creerPaiementSecurise`, and the idOp it answers is
 * stored once (a "Payer" racing this one keeps the idOp stored first). PayFiP failing cancels the
 * pending payment — the panier or the invoice stays as it was — and answers PAYMENT_FAILED.
 */
import { eqConst, immediate, payments, type TDb } from "@ef/db";
import { and, eq } from "drizzle-orm";
import { bookingStatements } from "../booking/statements";
import { appError } from "../errors";
import type { TPayfipService } from "./service";

/** PayFiP keeps an idOp 15 minutes; past 20 without an answer, the payment has expired. */
export const PAYMENT_TTL_MS = 20 * 60_000;

/**
 * The PayFiP page of pending payment `paymentId`: its stored `idOp`'s when it has one, else a new
 * one from PayFiP, which sends the payer back to `returnUrl`.
 */
export async function payfipPageFor(
  db: TDb,
  payfip: TPayfipService,
  args: {
    paymentId: number;
    idOp: string | null;
    publicUrl: string;
    returnUrl: string;
    failureMessage: string;
  },
): Promise<string> {
  if (args.idOp) return payfip.pageUrl(args.idOp);
  const q = bookingStatements(db);
  const payment = q.payment.get({ paymentId: args.paymentId });
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
      urlredirect: args.returnUrl,
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
        .where(and(eq(payments.id, payment.id), eqConst(payments.status, "pending")))
        .run();
    });
    throw appError("PAYMENT_FAILED", args.failureMessage);
  }
  q.storeIdOp.run({ idOp, updatedAt: new Date().toISOString(), paymentId: payment.id });
  const stored = q.payment.get({ paymentId: payment.id });
  return payfip.pageUrl(stored?.idOp ?? idOp);
}

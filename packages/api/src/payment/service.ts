/**
 * Payments through PayFiP. A payment goes from `pending` to exactly one final state, decided only
 * by `recupererDetailPaiementSecurise` (a notification is a hint to ask, never an answer). Places
 * stay held while PayFiP has not answered; paid → the panier is confirmed and the ticket mailed;
 * refused or cancelled → nothing booked, nothing lost from the panier.
 */
import { formatDayFr, formatEuros, parisDay } from "@ef/core";
import {
  basketLines,
  basketRegistrationLines,
  credits,
  durable,
  eqConst,
  payments,
  type TDb,
} from "@ef/db";
import { paymentRefundMail, paymentTicketMail, queueMail } from "@ef/mail";
import { type TPayfipClient, type TPaymentOutcome, toPayfipObjet } from "@ef/payfip";
import { TRPCError } from "@trpc/server";
import { and, asc, eq, lt, sql } from "drizzle-orm";
import { availableCredit, settleInvoicePaymentIn, splitWithCredit } from "../billing/pay";
import {
  bookingStep,
  confirmBasketIn,
  HOLD_MS,
  openBasket,
  pendingPaymentOf,
  type TActor,
  type THouseholdForBooking,
  validateBasketIn,
} from "../booking/basket-service";
import { activityRules } from "../booking/catalogue";
import { registrationLinesOf } from "../booking/registration-lines";
import { bookingStatements } from "../booking/statements";
import { AppError, appError } from "../errors";
import { PAYMENT_TTL_MS, payfipPageFor } from "./payfip-page";

/** What the API needs of PayFiP: the client and where to send the payer. */
export type TPayfipService = {
  client: TPayfipClient;
  pageUrl: (idOp: string) => string;
};

export type TStartResult =
  | { status: "redirect"; paymentId: number; url: string }
  | { status: "paid"; paymentId: number };

/** What the panier costs now: its paid-at-once lines (days of loisirs). */
function amountToPay(db: TDb, basketId: number): number {
  const q = bookingStatements(db);
  const lines = q.linesAsStored.all({ basketId });
  const rules = activityRules(db, [...new Set(lines.map((l) => l.activityId))]);
  const days = lines
    .filter((l) => l.action === "add" && rules.get(l.activityId)?.billingMode !== "postpaid")
    .reduce((s, l) => s + l.priceCents, 0);
  const regs = q.registrationTotal.get({ basketId })?.total ?? 0;
  return days + regs;
}

/**
 * "Payer": judges the panier again, takes the household's credit first, and creates (or resumes)
 * the PayFiP payment. "Payer" twice on the same panier version resumes the same payment: the
 * stored idOp is reused, never a second one.
 */
export async function startBasketPayment(
  db: TDb,
  payfip: TPayfipService,
  args: {
    household: THouseholdForBooking;
    basketId: number;
    version: number;
    now: Date;
    actor: TActor;
    publicUrl: string;
  },
): Promise<TStartResult> {
  const { household, now } = args;
  const prepared = bookingStep(db, (tx) => {
    const basket = openBasket(tx, household.id);
    if (!basket || basket.id !== args.basketId)
      throw appError("NOT_FOUND", "Ce panier est introuvable.");
    const pending = pendingPaymentOf(tx, basket.id);
    if (pending) {
      if (pending.basketVersion !== args.version)
        throw appError("CONFLICT", "Ce panier a changé : rechargez la page.");
      return { kind: "resume" as const, paymentId: pending.id, idOp: pending.idOp };
    }
    if (basket.version !== args.version) {
      throw appError(
        "CONFLICT",
        "Votre panier a été modifié depuis un autre écran ou un autre appareil. Vérifiez-le puis payez à nouveau.",
      );
    }
    // Every line must still be bookable (deadline, registration, places) before money is asked.
    validateBasketIn(tx, { household, basketId: basket.id, now });
    const total = amountToPay(tx, basket.id);
    if (total === 0) throw appError("INVALID", "Il n'y a rien à payer dans ce panier.");
    // The avoir first — less what an invoice payment in progress plans to take — and never
    // less than PayFiP's 1 € left to pay (see billing/pay.ts).
    const { creditCents: credit, payfipCents: amount } = splitWithCredit(
      total,
      availableCredit(tx, household.id),
    );
    const nowIso = now.toISOString();
    const expiresAt = new Date(now.getTime() + PAYMENT_TTL_MS).toISOString();
    const exer = Number(parisDay(now).slice(0, 4));
    const q = bookingStatements(tx);
    const row = q.insertPayment.get({
      householdId: household.id,
      basketId: basket.id,
      basketVersion: basket.version,
      amountCents: amount,
      creditCents: credit,
      refdet: `TMP${crypto.randomUUID().replaceAll("-", "")}`.slice(0, 30),
      exer,
      objet: toPayfipObjet(`Espace Famille ${household.name} reservations`),
      mel: household.email,
      expiresAt,
      at: nowIso,
      userId: args.actor.userId,
    });
    // refdet: letters and digits, unique, readable at the desk: EF + year + number.
    const refdet = `EF${exer}${String(row.id).padStart(8, "0")}`;
    q.setRefdet.run({ refdet, paymentId: row.id });
    // The places stay held while the payment is in progress.
    q.holdForPayment.run({ until: expiresAt, basketId: basket.id });
    q.registrationHoldsForPayment.run({ until: expiresAt, basketId: basket.id });
    if (amount === 0) {
      // Credit covers it all: no PayFiP, the panier is confirmed now.
      settleIn(
        tx,
        row.id,
        { status: "paid", numauto: "AVOIR", resultrans: null, montant: 0 },
        now,
        args.publicUrl,
      );
      return { kind: "paid" as const, paymentId: row.id };
    }
    return {
      kind: "new" as const,
      paymentId: row.id,
      idOp: null as string | null,
      refdet,
      amount,
      exer,
    };
  });
  if (prepared.kind === "paid") return { status: "paid", paymentId: prepared.paymentId };
  // "Payer" again resumes the stored idOp; without one (new, or a crash before it was stored),
  // PayFiP is asked, with the same refdet.
  const url = await payfipPageFor(db, payfip, {
    paymentId: prepared.paymentId,
    idOp: prepared.idOp,
    publicUrl: args.publicUrl,
    returnUrl: `${args.publicUrl}/espace/paiement/retour?paiement=${prepared.paymentId}`,
    failureMessage:
      "Le service de paiement PayFiP ne répond pas. Votre panier est intact : réessayez dans un instant.",
  });
  return { status: "redirect", paymentId: prepared.paymentId, url };
}

type TSettlement =
  | { status: "paid"; numauto: string | null; resultrans: string | null; montant: number }
  | { status: "refused" | "cancelled" | "expired"; resultrans: string | null };

/**
 * Applies PayFiP's answer, once: a payment no longer pending is left as it is (a replayed or late
 * notification changes nothing), except that money PayFiP took for a payment we had given up is
 * flagged for a refund — never lost silently.
 */
function settleIn(
  tx: TDb,
  paymentId: number,
  outcome: TSettlement,
  now: Date,
  publicUrl: string,
): string {
  const q = bookingStatements(tx);
  const payment = q.payment.get({ paymentId });
  if (!payment) return "unknown";
  const household = q.householdForBooking.get({ householdId: payment.householdId });
  if (!household) return "unknown";
  const nowIso = now.toISOString();
  if (payment.status !== "pending") {
    if (outcome.status === "paid" && payment.status !== "paid" && !payment.needsRefund) {
      flagRefund(
        tx,
        payment,
        household,
        "le paiement est arrivé après l'expiration de la demande.",
        now,
      );
    }
    return payment.status;
  }
  if (outcome.status !== "paid") {
    tx.update(payments)
      .set({ status: outcome.status, resultrans: outcome.resultrans, updatedAt: nowIso })
      .where(and(eq(payments.id, payment.id), eqConst(payments.status, "pending")))
      .run();
    // The panier is untouched; the places stay held for the usual 20 minutes from now.
    if (payment.basketId) {
      tx.update(basketLines)
        .set({ holdExpiresAt: new Date(now.getTime() + HOLD_MS).toISOString() })
        .where(
          and(
            eq(basketLines.basketId, payment.basketId),
            sql`${basketLines.holdExpiresAt} is not null`,
          ),
        )
        .run();
      tx.update(basketRegistrationLines)
        .set({ holdExpiresAt: new Date(now.getTime() + HOLD_MS).toISOString() })
        .where(eq(basketRegistrationLines.basketId, payment.basketId))
        .run();
    }
    return outcome.status;
  }
  // Paid. The amount must be ours; anything else goes to an agent.
  q.markPaid.run({
    resultrans: outcome.resultrans,
    numauto: outcome.numauto,
    paidAt: nowIso,
    paymentId: payment.id,
  });
  if (outcome.montant !== payment.amountCents) {
    flagRefund(tx, payment, household, "le montant reçu ne correspond pas à la demande.", now);
    return "paid";
  }
  if (payment.invoiceId !== null) {
    // A monthly invoice: settled once; already settled → refund.
    settleInvoicePaymentIn(tx, payment, household, outcome.numauto, now, publicUrl, (reason) =>
      flagRefund(tx, payment, household, reason, now),
    );
    return "paid";
  }
  const basket = payment.basketId ? q.basketById.get({ basketId: payment.basketId }) : undefined;
  if (basket?.status !== "open" || basket.version !== payment.basketVersion) {
    flagRefund(tx, payment, household, "le panier payé n'existe plus.", now);
    return "paid";
  }
  const booking = tryBook(tx, {
    household,
    basketId: basket.id,
    version: basket.version,
    now,
    paymentId: payment.id,
    userId: payment.createdBy,
    publicUrl,
  });
  if (!booking.ok) {
    flagRefund(tx, payment, household, booking.reason, now);
    return "paid";
  }
  if (payment.creditCents > 0) {
    tx.insert(credits)
      .values({
        householdId: household.id,
        amountCents: -payment.creditCents,
        reason: `Utilisé pour le paiement ${payment.refdet}`,
        paymentId: payment.id,
        createdAt: nowIso,
      })
      .run();
  }
  queueMail(
    tx,
    {
      kind: "payment_ticket",
      to: household.email,
      ...paymentTicketMail({
        name: household.name,
        refdet: payment.refdet,
        numauto: outcome.numauto ?? "—",
        paidAt: now,
        amount: formatEuros(payment.amountCents),
        credit: payment.creditCents > 0 ? formatEuros(payment.creditCents) : null,
        children: booking.children,
        portalUrl: `${publicUrl}/espace/planning`,
      }),
      householdId: household.id,
    },
    now,
  );
  return "paid";
}

/** Books the paid panier in a savepoint: all or nothing. */
function tryBook(
  tx: TDb,
  args: {
    household: THouseholdForBooking;
    basketId: number;
    version: number;
    now: Date;
    paymentId: number;
    userId: number | null;
    publicUrl: string;
  },
):
  | { ok: true; children: { childName: string; lines: { label: string; amount: string }[] }[] }
  | { ok: false; reason: string } {
  const q = bookingStatements(tx);
  const lines = q.lines.all({ basketId: args.basketId });
  const regLines = registrationLinesOf(tx, args.basketId, args.household, args.now);
  const savepoint = tx.$client.transaction(() =>
    confirmBasketIn(tx, {
      household: args.household,
      basketId: args.basketId,
      version: args.version,
      now: args.now,
      actor: { userId: args.userId ?? 0, isStaff: false },
      planningUrl: `${args.publicUrl}/espace/planning`,
      paymentId: args.paymentId,
      // A payment arriving late books what is still free; the rules of the day are the payer's.
      lateAllowed: true,
    }),
  );
  try {
    savepoint();
  } catch (error) {
    const reason =
      error instanceof TRPCError && error.cause instanceof AppError
        ? error.cause.message
        : "erreur inattendue.";
    return { ok: false, reason };
  }
  const rules = activityRules(tx, [...new Set(lines.map((l) => l.activityId))]);
  const names = new Map<number, string>();
  for (const l of lines) names.set(l.childId, names.get(l.childId) ?? String(l.childId));
  const byChild = new Map<
    number,
    { childName: string; lines: { label: string; amount: string }[] }
  >();
  const childNames = q.childNames.all({ householdId: args.household.id });
  for (const l of lines) {
    if (l.action !== "add") continue;
    const rule = rules.get(l.activityId);
    if (!rule || rule.billingMode === "postpaid") continue;
    const entry = byChild.get(l.childId) ?? {
      childName: childNames.find((c) => c.id === l.childId)?.name ?? "",
      lines: [],
    };
    entry.lines.push({
      label: `${rule.name} — ${formatDayFr(l.date)}`,
      amount: formatEuros(l.priceCents),
    });
    byChild.set(l.childId, entry);
  }
  for (const r of regLines) {
    const entry = byChild.get(r.childId) ?? { childName: r.childName, lines: [] };
    entry.lines.push({ label: r.label, amount: formatEuros(r.priceCents) });
    byChild.set(r.childId, entry);
  }
  return { ok: true, children: [...byChild.values()] };
}

function flagRefund(
  tx: TDb,
  payment: typeof payments.$inferSelect,
  household: { id: number; name: string; email: string },
  reason: string,
  now: Date,
): void {
  tx.update(payments)
    .set({ needsRefund: true, refundNote: reason, updatedAt: now.toISOString() })
    .where(eq(payments.id, payment.id))
    .run();
  queueMail(
    tx,
    {
      kind: "payment_refund",
      to: household.email,
      ...paymentRefundMail({
        name: household.name,
        refdet: payment.refdet,
        amount: formatEuros(payment.amountCents),
        reason,
      }),
      householdId: household.id,
    },
    now,
  );
}

function settlementOf(outcome: TPaymentOutcome): TSettlement | null {
  switch (outcome.status) {
    case "paid":
      return {
        status: "paid",
        numauto: outcome.detail.numauto,
        resultrans: outcome.detail.resultrans,
        montant: outcome.detail.montant,
      };
    case "refused":
    case "cancelled":
      return { status: outcome.status, resultrans: outcome.detail.resultrans };
    default:
      return null;
  }
}

/**
 * Asks PayFiP about a pending payment and applies the answer. P5 (not known yet) waits until the
 * payment is 20 minutes old, then it expires; P1 (unknown idOp) expires it at once.
 */
export async function checkPayment(
  db: TDb,
  payfip: TPayfipService,
  paymentId: number,
  now: () => Date,
  publicUrl: string,
): Promise<string> {
  const payment = bookingStatements(db).payment.get({ paymentId });
  if (!payment) return "unknown";
  if (!payment.idOp) {
    if (payment.status === "pending" && payment.expiresAt <= now().toISOString()) {
      return bookingStep(db, (tx) =>
        settleIn(tx, payment.id, { status: "expired", resultrans: null }, now(), publicUrl),
      );
    }
    return payment.status;
  }
  // Final and not paid: PayFiP may still have taken money (late); only pending or given-up ones are asked.
  if (payment.status === "paid") return "paid";
  let outcome: TPaymentOutcome;
  try {
    outcome = await payfip.client.recupererDetailPaiementSecurise(payment.idOp);
  } catch {
    return payment.status;
  }
  const settlement = settlementOf(outcome);
  const at = now();
  if (!settlement) {
    const tooOld = payment.expiresAt <= at.toISOString();
    if (payment.status === "pending" && (outcome.status === "unknown_op" || tooOld)) {
      return bookingStep(db, (tx) =>
        settleIn(tx, payment.id, { status: "expired", resultrans: null }, at, publicUrl),
      );
    }
    return payment.status;
  }
  return bookingStep(db, (tx) => settleIn(tx, payment.id, settlement, at, publicUrl));
}

/** A notification from PayFiP: only the idOp is read, and PayFiP is asked what happened. */
export async function handleNotification(
  db: TDb,
  payfip: TPayfipService,
  idOp: string,
  now: () => Date,
  publicUrl: string,
): Promise<"ignored" | string> {
  const payment = bookingStatements(db).paymentByIdOp.get({ idOp });
  if (!payment) return "ignored";
  const outcome = await checkPayment(db, payfip, payment.id, now, publicUrl);
  // PayFiP hears "OK" only once the settlement is on disk.
  await durable(db);
  return outcome;
}

/**
 * The reconciliation job: asks PayFiP again about every payment still pending (and about those
 * given up less than a day ago, in case money arrived after all).
 */
export async function reconcilePayments(
  db: TDb,
  payfip: TPayfipService,
  now: () => Date,
  publicUrl: string,
): Promise<{ checked: number; settled: number }> {
  const dayAgo = new Date(now().getTime() - 24 * 3600_000).toISOString();
  const due = db
    .select({ id: payments.id, status: payments.status })
    .from(payments)
    .where(
      sql`${payments.status} = 'pending' or (${payments.status} = 'expired' and ${payments.needsRefund} = 0 and ${payments.updatedAt} > ${dayAgo})`,
    )
    .orderBy(asc(payments.id))
    .limit(500)
    .all();
  let settled = 0;
  for (const p of due) {
    const after = await checkPayment(db, payfip, p.id, now, publicUrl);
    if (after !== p.status) settled++;
  }
  return { checked: due.length, settled };
}

export { lt };

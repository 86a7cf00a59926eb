import { auditLog, credits, invoices, mailOutbox, payments, reservations, type TDb } from "@ef/db";
import { and, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import {
  activityId,
  childId,
  DEMO_NOW,
  errorOf,
  freshDb,
  householdId,
  makeCaller,
  manualClock,
} from "../../../test/helpers";
import { startPayfip } from "../../../test/payfip";
import { createServices } from "../../services";

const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of closers) await c();
});

/** A payment PayFiP took that could not book (as the payment service flags it). */
function flagged(db: TDb, household: number, refdet: string, amountCents: number) {
  const at = "2026-11-30T10:00:00.000Z";
  return db
    .insert(payments)
    .values({
      householdId: household,
      amountCents,
      refdet,
      exer: 2026,
      objet: "test",
      mel: "famille.martin@example.fr",
      status: "paid",
      numauto: "123456",
      paidAt: at,
      expiresAt: at,
      needsRefund: true,
      refundNote: "une place n'était plus libre.",
      createdAt: at,
      updatedAt: at,
    })
    .returning({ id: payments.id })
    .get().id;
}

function setup() {
  const db = freshDb();
  const martin = householdId(db, "F00001");
  const bernard = householdId(db, "F00002");
  const clock = manualClock();
  const agent = makeCaller(db, { who: "agent", clock }).caller;
  const parent = makeCaller(db, { who: "F00001", clock }).caller;
  const mails = (kind: string) =>
    db.select().from(mailOutbox).where(eq(mailOutbox.kind, kind)).all();
  const audits = () =>
    db.select().from(auditLog).where(eq(auditLog.action, "payment.refund")).all();
  return { db, martin, bernard, clock, agent, parent, mails, audits };
}

describe("refunds of flagged payments", () => {
  it("records a transfer: the flag goes, the history stays, the family is mailed, once", async () => {
    const s = setup();
    const id = flagged(s.db, s.martin, "EF202600000042", 1200);
    flagged(s.db, s.bernard, "EF202600000043", 800);
    const before = await s.agent.staff.payments.toRefund({});
    expect(before.toRefund.map((p) => [p.refdet, p.amountCents, p.household.accountCode])).toEqual([
      ["EF202600000042", 1200, "F00001"],
      ["EF202600000043", 800, "F00002"],
    ]);
    expect(before.toRefund[0]?.reason).toBe("une place n'était plus libre.");
    expect(before.totalCents).toBe(2000);
    const mine = await s.agent.staff.payments.toRefund({ householdId: s.martin });
    expect(mine.toRefund.map((p) => p.refdet)).toEqual(["EF202600000042"]);

    const done = await s.agent.staff.payments.refund({
      paymentId: id,
      method: "virement",
      reference: " VIR-2026-118 ",
      familyAgreed: false,
    });
    expect(done).toMatchObject({ id, amountCents: 1200, creditId: null });
    const row = s.db.select().from(payments).where(eq(payments.id, id)).get();
    expect(row).toMatchObject({
      needsRefund: false,
      refundNote: "une place n'était plus libre.",
      refundMethod: "virement",
      refundReference: "VIR-2026-118",
      refundedAt: DEMO_NOW.toISOString(),
      status: "paid",
    });
    const after = await s.agent.staff.payments.toRefund({});
    expect(after.toRefund.map((p) => p.refdet)).toEqual(["EF202600000043"]);
    expect(after.refunded).toHaveLength(1);
    expect(after.refunded[0]).toMatchObject({
      refdet: "EF202600000042",
      methodLabel: "Virement bancaire",
      reference: "VIR-2026-118",
    });
    expect(after.refunded[0]?.refundedBy).not.toBe("");
    const dashboard = await s.agent.staff.dashboard.get();
    expect(dashboard.refunds.payments.map((p) => p.refdet)).toEqual(["EF202600000043"]);
    // No avoir for money sent back.
    expect(s.db.select().from(credits).where(eq(credits.paymentId, id)).all()).toEqual([]);
    expect(s.audits()).toHaveLength(1);
    expect(s.audits()[0]).toMatchObject({ householdId: s.martin, entityId: String(id) });
    const mail = s.mails("payment_refunded");
    expect(mail).toHaveLength(1);
    expect(mail[0]?.subject).toBe("Paiement EF202600000042 : remboursement effectué");
    expect(mail[0]?.textBody).toContain("Montant remboursé : 12,00");
    expect(mail[0]?.textBody).toContain("Référence : VIR-2026-118");
    // The family sees it refunded.
    const list = await s.parent.billing.list({ householdId: s.martin });
    expect(list.payments.find((p) => p.id === id)).toMatchObject({
      needsRefund: false,
      refundedAt: DEMO_NOW.toISOString(),
      refundMethodLabel: "Virement bancaire",
    });

    // Twice: refused in French, nothing more written.
    s.clock.advance(60_000);
    const again = await errorOf(
      s.agent.staff.payments.refund({
        paymentId: id,
        method: "avoir",
        reference: "",
        familyAgreed: true,
      }),
    );
    expect(again.code).toBe("CONFLICT");
    expect(again.message).toMatch(/^Ce remboursement est déjà enregistré \(le .+, par .+\)\.$/);
    expect(s.audits()).toHaveLength(1);
    expect(s.mails("payment_refunded")).toHaveLength(1);
    expect(s.db.select().from(credits).where(eq(credits.paymentId, id)).all()).toEqual([]);
    expect(s.db.select().from(payments).where(eq(payments.id, id)).get()?.refundMethod).toBe(
      "virement",
    );
  });

  it("turns the amount into an avoir only with the family's agreement", async () => {
    const s = setup();
    const id = flagged(s.db, s.martin, "EF202600000050", 1550);
    const balance = async () =>
      (await s.parent.payment.credit({ householdId: s.martin })).balanceCents;
    const start = await balance();
    const noAgreement = await errorOf(
      s.agent.staff.payments.refund({
        paymentId: id,
        method: "avoir",
        reference: "",
        familyAgreed: false,
      }),
    );
    expect(noAgreement.code).toBe("BAD_REQUEST");
    expect(await balance()).toBe(start);
    const done = await s.agent.staff.payments.refund({
      paymentId: id,
      method: "avoir",
      reference: "accord par téléphone",
      familyAgreed: true,
    });
    expect(done.creditId).not.toBeNull();
    expect(await balance()).toBe(start + 1550);
    const credit = s.db.select().from(credits).where(eq(credits.paymentId, id)).get();
    expect(credit).toMatchObject({ amountCents: 1550, householdId: s.martin });
    expect(credit?.reason).toContain("EF202600000050");
    const mail = s.mails("payment_refunded");
    expect(mail[0]?.subject).toBe("Paiement EF202600000050 : montant porté à votre avoir");
    expect(mail[0]?.textBody).toContain("Montant porté à l'avoir : 15,50");
    expect(s.db.select().from(payments).where(eq(payments.id, id)).get()).toMatchObject({
      needsRefund: false,
      refundMethod: "avoir",
    });
  });

  it("refuses a missing reference, a payment not flagged and an unknown one, writing nothing", async () => {
    const s = setup();
    const id = flagged(s.db, s.martin, "EF202600000060", 900);
    for (const method of ["virement", "payfip", "cheque_tresor"] as const) {
      const e = await errorOf(
        s.agent.staff.payments.refund({
          paymentId: id,
          method,
          reference: " ",
          familyAgreed: true,
        }),
      );
      expect(e.code).toBe("BAD_REQUEST");
    }
    const ok = s.db
      .insert(payments)
      .values({
        householdId: s.martin,
        amountCents: 500,
        refdet: "EF202600000061",
        exer: 2026,
        objet: "test",
        mel: "m@example.fr",
        status: "paid",
        expiresAt: DEMO_NOW.toISOString(),
        createdAt: DEMO_NOW.toISOString(),
        updatedAt: DEMO_NOW.toISOString(),
      })
      .returning({ id: payments.id })
      .get().id;
    const notFlagged = await errorOf(
      s.agent.staff.payments.refund({
        paymentId: ok,
        method: "cheque_tresor",
        reference: "CHQ 0042",
        familyAgreed: false,
      }),
    );
    expect(notFlagged).toMatchObject({
      code: "CONFLICT",
      message: "Ce paiement n'est pas à rembourser.",
    });
    const unknown = await errorOf(
      s.agent.staff.payments.refund({
        paymentId: 999_999,
        method: "payfip",
        reference: "REMB-1",
        familyAgreed: false,
      }),
    );
    expect(unknown).toMatchObject({ code: "NOT_FOUND", message: "Ce paiement est introuvable." });
    expect(s.db.select().from(payments).where(eq(payments.id, id)).get()?.needsRefund).toBe(true);
    expect(s.audits()).toEqual([]);
    expect(s.mails("payment_refunded")).toEqual([]);
  });

  it("closes a real one: PayFiP's money for an invoice already paid at the desk", async () => {
    const s = setup();
    const lea = childId(s.db, "Léa");
    const resto = activityId(s.db, "restauration");
    for (const date of ["2026-11-02", "2026-11-03"]) {
      s.db
        .insert(reservations)
        .values({
          childId: lea,
          activityId: resto,
          date,
          status: "booked",
          priceCents: 380,
          createdAt: `${date}T06:00:00.000Z`,
        })
        .run();
    }
    const pay = await startPayfip(s.db, s.clock);
    closers.push(pay.close);
    const parent = makeCaller(s.db, {
      who: "F00001",
      clock: s.clock,
      services: createServices({ payfip: pay.payfip }),
      publicUrl: pay.publicUrl,
    }).caller;
    await s.agent.staff.billing.issue({ month: "2026-11" });
    const invoice = s.db
      .select()
      .from(invoices)
      .where(and(eq(invoices.householdId, s.martin), eq(invoices.kind, "facture")))
      .get();
    if (!invoice) throw new Error("no invoice");
    const online = await parent.billing.pay({ householdId: s.martin, invoiceId: invoice.id });
    await s.agent.staff.billing.recordPayment({
      invoiceId: invoice.id,
      amount: "7,60",
      method: "especes",
      reference: "",
    });
    await pay.submit(online.url, "4111 1111 1111 1111");
    await parent.payment.status({ householdId: s.martin, paymentId: online.paymentId });
    const list = await s.agent.staff.payments.toRefund({ householdId: s.martin });
    expect(list.toRefund).toEqual([
      expect.objectContaining({
        id: online.paymentId,
        amountCents: 760,
        invoiceNumber: invoice.number,
        reason: `la facture ${invoice.number} était déjà réglée.`,
      }),
    ]);
    await s.agent.staff.payments.refund({
      paymentId: online.paymentId,
      method: "payfip",
      reference: "Remboursement PayFiP n° 889",
      familyAgreed: false,
    });
    expect((await s.agent.staff.payments.toRefund({ householdId: s.martin })).toRefund).toEqual([]);
    const status = await parent.payment.status({
      householdId: s.martin,
      paymentId: online.paymentId,
    });
    expect(status).toMatchObject({ needsRefund: false, refunded: true, status: "paid" });
    expect(status.message).toContain("le guichet unique vous l'a remboursé");
  });
});

import { formatEuros } from "@ef/core";
import {
  absences,
  attendance,
  credits,
  invoiceLines,
  invoiceSettlements,
  invoices,
  mailOutbox,
  payments,
  reservations,
  type TDb,
} from "@ef/db";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import {
  activityId,
  addFamily,
  childId,
  errorOf,
  freshDb,
  householdId,
  makeCaller,
  manualClock,
  register,
} from "../../test/helpers";
import { startPayfip } from "../../test/payfip";
import { createServices } from "../services";
import { invoicePdfFor } from "./invoice-file";
import { sendInvoiceReminders } from "./reminders";

const CARD = "4111 1111 1111 1111";
const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of closers) await c();
});

function book(
  db: TDb,
  child: number,
  activity: number,
  date: string,
  priceCents: number,
  status: "booked" | "cancelled" = "booked",
) {
  return db
    .insert(reservations)
    .values({
      childId: child,
      activityId: activity,
      date,
      status,
      priceCents,
      createdAt: new Date(`${date}T06:00:00Z`).toISOString(),
    })
    .returning({ id: reservations.id })
    .get().id;
}

function excuse(db: TDb, household: number, child: number, date: string) {
  return db
    .insert(absences)
    .values({
      householdId: household,
      childId: child,
      date,
      reason: "malade",
      filePath: "private/absences/x.pdf",
      fileName: "certificat.pdf",
      mimeType: "application/pdf",
      sizeBytes: 10,
      status: "accepted",
      declaredAt: new Date(`${date}T08:00:00Z`).toISOString(),
    })
    .returning({ id: absences.id })
    .get().id;
}

/** The Martin household with Léa's November: lunches, an evening, a cancelled day, a sick day. */
function november() {
  const db = freshDb();
  const martin = householdId(db, "F00001");
  const lea = childId(db, "Léa");
  const resto = activityId(db, "restauration");
  const soir = activityId(db, "accueil_soir");
  const vacances = activityId(db, "vacances_elementaires");
  book(db, lea, resto, "2026-11-02", 380);
  book(db, lea, resto, "2026-11-03", 380);
  book(db, lea, soir, "2026-11-03", 210);
  // Booked when the household's QF was lower: the stored price stays.
  book(db, lea, resto, "2026-11-05", 250);
  book(db, lea, resto, "2026-11-06", 380, "cancelled");
  book(db, lea, resto, "2026-11-09", 380);
  // Paid at booking: never on the invoice.
  book(db, lea, vacances, "2026-11-10", 1200);
  excuse(db, martin, lea, "2026-11-09");
  // Marked absent at lunch on the 3rd without an excuse: billed as booked, the line says so.
  db.insert(attendance)
    .values({
      childId: lea,
      activityId: resto,
      date: "2026-11-03",
      status: "absent",
      markedAt: "2026-11-03T11:00:00.000Z",
    })
    .run();
  const clock = manualClock();
  const agent = makeCaller(db, { who: "agent", clock }).caller;
  const parent = makeCaller(db, { who: "F00001", clock }).caller;
  return { db, martin, lea, resto, soir, clock, agent, parent };
}

const invoicesOf = (db: TDb) =>
  db.select().from(invoices).orderBy(asc(invoices.kind), asc(invoices.seq)).all();

describe("the monthly run", () => {
  it("refuses a month not over yet, with the reason", async () => {
    const s = november();
    const preview = await s.agent.staff.billing.preview({ month: "2026-12" });
    expect(preview.refusal).toBe(
      "Le mois de décembre 2026 n'est pas terminé : sa facturation sera possible à partir du 1er janvier 2027.",
    );
    expect(preview.households).toEqual([]);
    const e = await errorOf(s.agent.staff.billing.issue({ month: "2026-12" }));
    expect(e.appCode).toBe("INVALID");
    expect(e.message).toContain("n'est pas terminé");
    expect(invoicesOf(s.db)).toEqual([]);
  });

  it("previews then issues the month at the stored prices; a repeated run changes nothing", async () => {
    const s = november();
    const preview = await s.agent.staff.billing.preview({ month: "2026-11" });
    expect(preview.refusal).toBeNull();
    const martin = preview.households.find((h) => h.accountCode === "F00001");
    expect(martin).toMatchObject({
      days: 4,
      excused: 1,
      credits: 0,
      totalCents: 380 + 380 + 210 + 250,
    });
    expect(martin?.lines.map((l) => [l.label, l.amountCents])).toEqual([
      ["Léa — Restauration scolaire (midi) — lundi 2 novembre", 380],
      ["Léa — Restauration scolaire (midi) — mardi 3 novembre — absent, non excusé", 380],
      ["Léa — Accueil du soir — mardi 3 novembre", 210],
      ["Léa — Restauration scolaire (midi) — jeudi 5 novembre", 250],
      ["Léa — Restauration scolaire (midi) — lundi 9 novembre — Absence justifiée", 0],
    ]);

    const issued = await s.agent.staff.billing.issue({ month: "2026-11" });
    expect(issued.factures).toBe(preview.households.length);
    const mine = s.db.select().from(invoices).where(eq(invoices.householdId, s.martin)).all();
    expect(mine).toHaveLength(1);
    const invoice = mine[0];
    expect(invoice).toMatchObject({
      kind: "facture",
      month: "2026-11",
      totalCents: 1220,
      dueOn: "2027-01-15",
      status: "unpaid",
      year: 2026,
    });
    expect(invoice?.number).toMatch(/^FA-2026-\d{5}$/);
    const lines = s.db
      .select()
      .from(invoiceLines)
      .where(eq(invoiceLines.invoiceId, invoice?.id ?? 0))
      .all();
    expect(lines.reduce((t, l) => t + l.amountCents, 0)).toBe(invoice?.totalCents);
    const mail = s.db
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.kind, "invoice_issued"), eq(mailOutbox.householdId, s.martin)))
      .all();
    expect(mail).toHaveLength(1);
    expect(mail[0]?.subject).toBe("Votre facture du mois est disponible — novembre 2026");
    expect(mail[0]?.textBody).toContain("12,20");
    expect(mail[0]?.textBody).toContain("http://localhost:3000/espace/paiements");

    const before = {
      invoices: invoicesOf(s.db),
      lines: s.db.select().from(invoiceLines).all(),
      mails: s.db.select().from(mailOutbox).all().length,
    };
    const again = await s.agent.staff.billing.issue({ month: "2026-11" });
    expect(again).toEqual({ factures: 0, avoirs: 0, totalCents: 0 });
    expect(invoicesOf(s.db)).toEqual(before.invoices);
    expect(s.db.select().from(invoiceLines).all()).toEqual(before.lines);
    expect(s.db.select().from(mailOutbox).all()).toHaveLength(before.mails);
    expect((await s.agent.staff.billing.preview({ month: "2026-11" })).households).toEqual([]);

    // The family sees it, with its lines.
    const list = await s.parent.billing.list({ householdId: s.martin });
    expect(list.invoices.map((i) => [i.number, i.remainingCents, i.status])).toEqual([
      [invoice?.number, 1220, "unpaid"],
    ]);
    expect(list.dueCents).toBe(1220);
    const detail = await s.parent.billing.get({
      householdId: s.martin,
      invoiceId: invoice?.id ?? 0,
    });
    expect(detail.lines.map((l) => l.kind)).toEqual(["day", "day", "day", "day", "excused"]);
  });

  it("numbers invoices per year without gaps across runs and households", async () => {
    const s = november();
    const resto = s.resto;
    for (let i = 0; i < 4; i++) {
      const f = addFamily(s.db, { activityCodes: ["restauration"] });
      book(s.db, f.childId, resto, "2026-10-12", 300);
      book(s.db, f.childId, resto, "2026-11-12", 300 + i);
    }
    await s.agent.staff.billing.issue({ month: "2026-10" });
    await s.agent.staff.billing.issue({ month: "2026-11" });
    await s.agent.staff.billing.issue({ month: "2026-11" });
    const seqs = invoicesOf(s.db)
      .filter((i) => i.kind === "facture" && i.year === 2026)
      .map((i) => i.seq);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    expect(seqs.length).toBe(4 + 5);
  });

  it("a month with only credits gives an avoir: the household's credit, and its own mail", async () => {
    const s = november();
    await s.agent.staff.billing.issue({ month: "2026-11" });
    // Léa was ill all of November's booked days; nothing is booked in December.
    for (const day of ["2026-11-02", "2026-11-03", "2026-11-05"]) {
      excuse(s.db, s.martin, s.lea, day);
    }
    s.db.$client
      .prepare("update reservations set status = 'cancelled' where date like '2026-12-%'")
      .run();
    s.clock.set(new Date("2027-01-04T08:00:00+01:00"));
    const agent = makeCaller(s.db, { who: "agent", clock: s.clock }).caller;
    expect(await agent.staff.billing.issue({ month: "2026-12" })).toMatchObject({ avoirs: 1 });
    const avoir = s.db
      .select()
      .from(invoices)
      .where(and(eq(invoices.householdId, s.martin), eq(invoices.month, "2026-12")))
      .get();
    expect(avoir).toMatchObject({ kind: "avoir", number: "AV-2027-00001", status: "paid" });
    const balance = s.db
      .select()
      .from(credits)
      .where(eq(credits.householdId, s.martin))
      .all()
      .reduce((t, c) => t + c.amountCents, 0);
    expect(balance).toBe(-(avoir?.totalCents ?? 0));
    const mail = s.db
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.kind, "invoice_issued"), eq(mailOutbox.householdId, s.martin)))
      .orderBy(asc(mailOutbox.id))
      .all()
      .at(-1);
    expect(mail?.subject).toBe("Votre avoir AV-2027-00001 est disponible — Espace Famille");
    expect(mail?.textBody).toContain(
      `un avoir de ${formatEuros(-(avoir?.totalCents ?? 0))} est à votre disposition`,
    );
  });

  it("an absence accepted after billing is credited once on the next invoice", async () => {
    const s = november();
    await s.agent.staff.billing.issue({ month: "2026-11" });
    // Léa was ill on 2 November; the certificate was accepted after the invoice.
    excuse(s.db, s.martin, s.lea, "2026-11-02");
    // The seed books Léa's lunches in December.
    s.clock.set(new Date("2027-01-04T08:00:00+01:00"));
    // A new day, a new staff session.
    const agent = makeCaller(s.db, { who: "agent", clock: s.clock }).caller;
    const preview = await agent.staff.billing.preview({ month: "2026-12" });
    const martin = preview.households.find((h) => h.accountCode === "F00001");
    expect(martin?.lines.at(-1)).toEqual({
      label:
        "Avoir : Léa — Restauration scolaire (midi) — lundi 2 novembre (absence justifiée après facturation)",
      amountCents: -380,
    });
    const days = (martin?.lines ?? []).filter((l) => l.amountCents > 0);
    expect(days.length).toBeGreaterThan(0);
    const daysTotal = days.reduce((t, l) => t + l.amountCents, 0);
    expect(martin?.totalCents).toBe(daysTotal - 380);
    await agent.staff.billing.issue({ month: "2026-12" });
    const dec = s.db
      .select()
      .from(invoices)
      .where(and(eq(invoices.householdId, s.martin), eq(invoices.month, "2026-12")))
      .get();
    expect(dec).toMatchObject({ number: "FA-2027-00001", totalCents: daysTotal - 380 });
    // Never credited twice.
    s.clock.set(new Date("2027-02-02T08:00:00+01:00"));
    const jan = await makeCaller(s.db, {
      who: "agent",
      clock: s.clock,
    }).caller.staff.billing.preview({ month: "2027-01" });
    expect(jan.households.find((h) => h.accountCode === "F00001")).toBeUndefined();
  });
});

describe("paying an invoice", () => {
  async function issued() {
    const s = november();
    const pay = await startPayfip(s.db, s.clock);
    closers.push(pay.close);
    const services = createServices({ payfip: pay.payfip });
    const parent = makeCaller(s.db, {
      who: "F00001",
      clock: s.clock,
      services,
      publicUrl: pay.publicUrl,
    }).caller;
    await s.agent.staff.billing.issue({ month: "2026-11" });
    const invoice = s.db.select().from(invoices).where(eq(invoices.householdId, s.martin)).get();
    if (!invoice) throw new Error("no invoice");
    const settlements = () =>
      s.db
        .select()
        .from(invoiceSettlements)
        .where(eq(invoiceSettlements.invoiceId, invoice.id))
        .all();
    const receipts = () =>
      s.db.select().from(mailOutbox).where(eq(mailOutbox.kind, "invoice_receipt")).all();
    /** The family's "Payer" on the invoice. */
    const payer = () => parent.billing.pay({ householdId: s.martin, invoiceId: invoice.id });
    return { ...s, pay, services, parent, invoice, settlements, receipts, payer };
  }

  it("through the simulator: Payer twice resumes one payment; paid once whatever the notifications do", async () => {
    const s = await issued();
    const first = await s.payer();
    const second = await s.payer();
    expect(second).toEqual(first);
    expect(s.pay.simulator.control.operations()).toHaveLength(1);
    const payment = s.db.select().from(payments).where(eq(payments.id, first.paymentId)).get();
    expect(payment).toMatchObject({
      refdet: s.invoice.number.replaceAll("-", ""),
      exer: 2026,
      amountCents: 1220,
      invoiceId: s.invoice.id,
    });
    await s.pay.submit(first.url, CARD);
    const idOp = new URL(first.url).searchParams.get("idop") ?? "";
    await s.pay.simulator.control.notify(idOp, 3);
    await s.pay.simulator.control.settled();
    const status = await s.parent.payment.status({
      householdId: s.martin,
      paymentId: first.paymentId,
    });
    expect(status.status).toBe("paid");
    expect(s.settlements()).toHaveLength(1);
    expect(s.settlements()[0]).toMatchObject({ amountCents: 1220, method: "payfip" });
    const after = await s.parent.billing.get({ householdId: s.martin, invoiceId: s.invoice.id });
    expect(after).toMatchObject({ status: "paid", remainingCents: 0, paidCents: 1220 });
    expect(s.receipts()).toHaveLength(1);
    const again = await errorOf(s.payer());
    expect(again.message).toBe("Cette facture est déjà payée.");
  });

  it("cancelled on PayFiP: nothing settled; Payer again is a new attempt (refdet R2) that pays", async () => {
    const s = await issued();
    const first = await s.payer();
    await s.pay.submit(first.url, "annuler");
    const cancelled = await s.parent.payment.status({
      householdId: s.martin,
      paymentId: first.paymentId,
    });
    expect(cancelled.status).toBe("cancelled");
    expect(s.settlements()).toEqual([]);
    const second = await s.payer();
    expect(second.paymentId).not.toBe(first.paymentId);
    const retry = s.db.select().from(payments).where(eq(payments.id, second.paymentId)).get();
    expect(retry?.refdet).toBe(`${s.invoice.number.replaceAll("-", "")}R2`);
    await s.pay.submit(second.url, CARD);
    await s.parent.payment.status({ householdId: s.martin, paymentId: second.paymentId });
    expect(s.settlements()).toHaveLength(1);
    expect((await s.parent.billing.list({ householdId: s.martin })).invoices[0]?.status).toBe(
      "paid",
    );
  });

  it("PayFiP not answering at Payer: the attempt is cancelled, the invoice still to pay, Payer works again", async () => {
    const s = await issued();
    const down = createServices({ payfip: s.pay.down() });
    const parent = makeCaller(s.db, {
      who: "F00001",
      clock: s.clock,
      services: down,
      publicUrl: s.pay.publicUrl,
    }).caller;
    const failed = await errorOf(
      parent.billing.pay({ householdId: s.martin, invoiceId: s.invoice.id }),
    );
    expect(failed.message).toBe(
      "Le service de paiement PayFiP ne répond pas. Réessayez dans un instant.",
    );
    const attempts = s.db.select().from(payments).where(eq(payments.invoiceId, s.invoice.id)).all();
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ status: "cancelled", idOp: null });
    expect(s.settlements()).toEqual([]);
    const again = await s.payer();
    expect(again.paymentId).not.toBe(attempts[0]?.id);
    expect(new URL(again.url).searchParams.get("idop")).toBeTruthy();
  });

  it("money for an invoice paid meanwhile at the desk is flagged for a refund, not counted", async () => {
    const s = await issued();
    const online = await s.payer();
    const desk = await s.agent.staff.billing.recordPayment({
      invoiceId: s.invoice.id,
      amount: "12,20",
      method: "cheque",
      reference: "1234567",
    });
    expect(desk).toMatchObject({ paid: true, remainingCents: 0 });
    await s.pay.submit(online.url, CARD);
    const status = await s.parent.payment.status({
      householdId: s.martin,
      paymentId: online.paymentId,
    });
    expect(status).toMatchObject({ status: "paid", needsRefund: true });
    expect(s.settlements().map((x) => x.method)).toEqual(["cheque"]);
    const refund = s.db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.kind, "payment_refund"))
      .all();
    expect(refund).toHaveLength(1);
    expect(refund[0]?.textBody).toContain("était déjà réglée");
  });

  it("records desk payments: partial, then the rest; refuses too much and a cheque without number", async () => {
    const s = await issued();
    const record = (
      amount: string,
      method: "especes" | "cheque" | "cesu" | "avoir",
      reference = "",
    ) =>
      s.agent.staff.billing.recordPayment({ invoiceId: s.invoice.id, amount, method, reference });
    expect((await errorOf(record("20", "especes"))).message).toContain("dépasse le reste à payer");
    expect((await errorOf(record("2", "cheque"))).code).toBe("BAD_REQUEST");
    expect((await errorOf(record("1", "avoir"))).message).toBe(
      "L'avoir du foyer ne suffit pas : 0,00 € disponibles.",
    );
    expect(await record("10", "especes")).toMatchObject({ paid: false, remainingCents: 220 });
    expect((await s.agent.staff.billing.unpaid()).map((i) => i.remainingCents)).toContain(220);
    expect((await record("1,20", "cesu", "CESU 0042")).paid).toBe(false);
    // The last euro from the household's avoir (a paid day cancelled in time).
    giveCredit(s.db, s.martin, 100);
    expect((await record("1", "avoir")).paid).toBe(true);
    expect((await s.parent.billing.list({ householdId: s.martin })).creditBalanceCents).toBe(0);
    const statement = await s.agent.staff.billing.statement({ householdId: s.martin });
    expect(statement.entries.map((e) => [e.debitCents, e.creditCents, e.balanceCents])).toEqual([
      [1220, 0, 1220],
      [0, 1000, 220],
      [0, 120, 100],
      [0, 100, 0],
    ]);
    const csv = await s.agent.staff.billing.exportCsv({ month: "2026-11" });
    expect(csv.fileName).toBe("facturation-2026-11.csv");
    expect(csv.csv).toContain(`${s.invoice.number};Facture;2026-11;2026-12-01;2027-01-15;F00001;`);
    expect(csv.csv).toContain("12,20;12,20;0,00;Payée");
  });

  /** An avoir for the Martin household (a paid day cancelled in time). */
  function giveCredit(db: TDb, household: number, amountCents: number) {
    db.insert(credits)
      .values({
        householdId: household,
        amountCents,
        reason: "Annulation dans les délais",
        createdAt: "2026-11-20T08:00:00.000Z",
      })
      .run();
  }
  const balanceOf = async (s: Awaited<ReturnType<typeof issued>>) =>
    (await s.parent.payment.credit({ householdId: s.martin })).balanceCents;

  it("the avoir covers part: PayFiP is asked the rest, the avoir taken once it pays, one receipt", async () => {
    const s = await issued();
    giveCredit(s.db, s.martin, 500);
    const before = await s.parent.billing.list({ householdId: s.martin });
    expect(before.invoices.find((i) => i.id === s.invoice.id)).toMatchObject({
      remainingCents: 1220,
      creditCents: 500,
      toPayCents: 720,
    });
    const started = await s.payer();
    expect(started.status).toBe("redirect");
    expect(
      s.db.select().from(payments).where(eq(payments.id, started.paymentId)).get(),
    ).toMatchObject({ amountCents: 720, creditCents: 500, status: "pending" });
    expect(s.pay.simulator.control.operations().map((o) => o.request.montant)).toEqual([720]);
    // Nothing taken while PayFiP has not answered; the list keeps the payment's split.
    expect(await balanceOf(s)).toBe(500);
    expect(s.settlements()).toEqual([]);
    const during = await s.parent.billing.list({ householdId: s.martin });
    expect(during.invoices.find((i) => i.id === s.invoice.id)).toMatchObject({
      creditCents: 500,
      toPayCents: 720,
    });
    await s.pay.submit(started.url, CARD);
    const status = await s.parent.payment.status({
      householdId: s.martin,
      paymentId: started.paymentId,
    });
    expect(status).toMatchObject({ status: "paid", needsRefund: false, creditCents: 500 });
    expect(
      s
        .settlements()
        .map((x) => [x.method, x.amountCents])
        .sort(),
    ).toEqual([
      ["avoir", 500],
      ["payfip", 720],
    ]);
    expect(await balanceOf(s)).toBe(0);
    const after = await s.parent.billing.get({ householdId: s.martin, invoiceId: s.invoice.id });
    expect(after).toMatchObject({ status: "paid", paidCents: 1220, remainingCents: 0 });
    expect(s.receipts()).toHaveLength(1);
    expect(s.receipts()[0]?.textBody).toContain("Montant reçu : 7,20");
    expect(s.receipts()[0]?.textBody).toContain("Avoir utilisé : 5,00");
    // A replayed notification takes nothing more.
    const idOp = new URL(started.url).searchParams.get("idop") ?? "";
    await s.pay.simulator.control.notify(idOp, 2);
    await s.pay.simulator.control.settled();
    expect(s.settlements()).toHaveLength(2);
    expect(await balanceOf(s)).toBe(0);
  });

  it("the avoir covers everything: no PayFiP, the invoice is paid at once", async () => {
    const s = await issued();
    giveCredit(s.db, s.martin, 1500);
    const started = await s.payer();
    expect(started.status).toBe("paid");
    expect(started.url).toBe(
      `${s.pay.publicUrl}/espace/paiements?facture=${s.invoice.id}&paiement=${started.paymentId}`,
    );
    expect(s.pay.simulator.control.operations()).toEqual([]);
    expect(s.settlements().map((x) => [x.method, x.amountCents])).toEqual([["avoir", 1220]]);
    expect(await balanceOf(s)).toBe(280);
    const status = await s.parent.payment.status({
      householdId: s.martin,
      paymentId: started.paymentId,
    });
    expect(status).toMatchObject({ status: "paid", amountCents: 0, creditCents: 1220 });
    const list = await s.parent.billing.list({ householdId: s.martin });
    expect(list.invoices.find((i) => i.id === s.invoice.id)).toMatchObject({
      status: "paid",
      remainingCents: 0,
      creditCents: 0,
      toPayCents: 0,
    });
    expect(s.receipts()).toHaveLength(1);
    expect(s.receipts()[0]?.textBody).toContain("Moyen de paiement : Avoir du foyer");
    const again = await errorOf(s.payer());
    expect(again.message).toBe("Cette facture est déjà payée.");
    expect(await balanceOf(s)).toBe(280);
  });

  it("a cancelled or refused PayFiP payment leaves the avoir untouched", async () => {
    const s = await issued();
    giveCredit(s.db, s.martin, 500);
    const first = await s.payer();
    await s.pay.submit(first.url, "annuler");
    expect(
      (await s.parent.payment.status({ householdId: s.martin, paymentId: first.paymentId })).status,
    ).toBe("cancelled");
    const second = await s.payer();
    await s.pay.submit(second.url, "4000 0000 0000 0002");
    expect(
      (await s.parent.payment.status({ householdId: s.martin, paymentId: second.paymentId }))
        .status,
    ).toBe("refused");
    expect(s.settlements()).toEqual([]);
    expect(await balanceOf(s)).toBe(500);
    expect(s.db.select().from(credits).where(eq(credits.householdId, s.martin)).all()).toHaveLength(
      1,
    );
    expect(s.receipts()).toEqual([]);
    // The next "Payer" plans the same avoir again.
    const list = await s.parent.billing.list({ householdId: s.martin });
    expect(list.invoices.find((i) => i.id === s.invoice.id)).toMatchObject({
      creditCents: 500,
      toPayCents: 720,
    });
  });

  it("the avoir never leaves less than 1 € for PayFiP, nor goes below zero when used meanwhile", async () => {
    const s = await issued();
    giveCredit(s.db, s.martin, 1150);
    const list = await s.parent.billing.list({ householdId: s.martin });
    expect(list.invoices.find((i) => i.id === s.invoice.id)).toMatchObject({
      creditCents: 1120,
      toPayCents: 100,
    });
    const started = await s.payer();
    expect(s.pay.simulator.control.operations().map((o) => o.request.montant)).toEqual([100]);
    // Meanwhile the guichet settles most of the invoice from the same avoir.
    await s.agent.staff.billing.recordPayment({
      invoiceId: s.invoice.id,
      amount: "11,20",
      method: "avoir",
      reference: "",
    });
    expect(await balanceOf(s)).toBe(30);
    await s.pay.submit(started.url, CARD);
    await s.parent.payment.status({ householdId: s.martin, paymentId: started.paymentId });
    // PayFiP's 1 € pays what was left; nothing more is taken from the avoir.
    expect(
      s
        .settlements()
        .map((x) => [x.method, x.amountCents])
        .sort(),
    ).toEqual([
      ["avoir", 1120],
      ["payfip", 100],
    ]);
    expect(await balanceOf(s)).toBe(30);
    expect(
      s.db.select().from(payments).where(eq(payments.id, started.paymentId)).get(),
    ).toMatchObject({ creditCents: 0, needsRefund: false });
    expect(
      (await s.parent.billing.get({ householdId: s.martin, invoiceId: s.invoice.id })).status,
    ).toBe("paid");
  });

  it("the avoir an invoice payment in progress plans to use is not offered to the panier", async () => {
    const s = await issued();
    giveCredit(s.db, s.martin, 500);
    const invoicePay = await s.payer();
    const vacances = activityId(s.db, "vacances_elementaires");
    register(s.db, s.lea, "vacances_elementaires");
    const put = await s.parent.basket.setDays({
      householdId: s.martin,
      version: 0,
      changes: [{ childId: s.lea, activityId: vacances, date: "2026-12-21", want: true }],
    });
    const basketPay = await s.parent.payment.start({
      householdId: s.martin,
      basketId: put.basketId ?? 0,
      version: put.version,
    });
    const row = s.db.select().from(payments).where(eq(payments.id, basketPay.paymentId)).get();
    expect(row?.creditCents).toBe(0);
    // Once the invoice's payment is given up, the avoir is offered again.
    await s.pay.submit(invoicePay.url, "annuler");
    await s.parent.payment.status({ householdId: s.martin, paymentId: invoicePay.paymentId });
    const list = await s.parent.billing.list({ householdId: s.martin });
    expect(list.invoices.find((i) => i.id === s.invoice.id)?.creditCents).toBe(500);
    expect(await balanceOf(s)).toBe(500);
  });

  it("reminds unpaid invoices once, 5 days before the due date", async () => {
    const s = await issued();
    expect(sendInvoiceReminders(s.db, new Date("2027-01-09T09:00:00+01:00"), "http://x")).toBe(0);
    expect(sendInvoiceReminders(s.db, new Date("2027-01-10T09:00:00+01:00"), "http://x")).toBe(
      invoicesOf(s.db).filter((i) => i.status === "unpaid").length,
    );
    expect(sendInvoiceReminders(s.db, new Date("2027-01-10T09:01:00+01:00"), "http://x")).toBe(0);
    const mail = s.db
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.kind, "invoice_reminder"), eq(mailOutbox.householdId, s.martin)))
      .all();
    expect(mail).toHaveLength(1);
    expect(mail[0]?.subject).toBe(
      `Rappel : facture ${s.invoice.number} à payer avant le vendredi 15 janvier 2027`,
    );
  });

  it("the PDF is the household's and staff's only", async () => {
    const s = await issued();
    const parent = { role: "parent" as const, householdId: s.martin, mustChangePassword: false };
    const pdf = invoicePdfFor(s.db, parent, s.invoice.id);
    expect(pdf?.fileName).toBe(`${s.invoice.number}.pdf`);
    const text = pdf?.bytes.toString("latin1") ?? "";
    expect(text.startsWith("%PDF-1.4")).toBe(true);
    expect(text).toContain(s.invoice.number);
    expect(text).toContain("Ville d'Albertville");
    // WinAnsi: "é" is one byte 0xE9.
    expect(text).toContain("Accueils p\u00e9riscolaires");
    expect(text).toContain("12,20");
    const other = householdId(s.db, "F00002");
    expect(
      invoicePdfFor(
        s.db,
        { role: "parent", householdId: other, mustChangePassword: false },
        s.invoice.id,
      ),
    ).toBeNull();
    expect(
      invoicePdfFor(
        s.db,
        { role: "agent", householdId: null, mustChangePassword: false },
        s.invoice.id,
      ),
    ).not.toBeNull();
  });
});

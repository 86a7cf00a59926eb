import { basketLines, credits, mailOutbox, payments, reservations } from "@ef/db";
import { and, desc, eq } from "drizzle-orm";
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
import { reconcilePayments } from "./service";

const CARD = "4111 1111 1111 1111";
const REFUSED = "4000 0000 0000 0002";
const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of closers) await c();
});

/** F00001 with Léa registered to the vacation days, and two vacation days in the panier. */
async function setup(opts: { capacity?: number } = {}) {
  const db = freshDb();
  const clock = manualClock();
  const pay = await startPayfip(db, clock);
  closers.push(pay.close);
  const services = createServices({ payfip: pay.payfip });
  const lea = childId(db, "Léa");
  const vacances = activityId(db, "vacances_elementaires");
  register(db, lea, "vacances_elementaires");
  if (opts.capacity)
    db.$client
      .prepare("update activities set capacity = ? where id = ?")
      .run(opts.capacity, vacances);
  const martin = householdId(db, "F00001");
  const { caller } = makeCaller(db, { who: "F00001", clock, services, publicUrl: pay.publicUrl });
  const put = await caller.basket.setDays({
    householdId: martin,
    version: 0,
    changes: ["2026-12-21", "2026-12-22"].map((date) => ({
      childId: lea,
      activityId: vacances,
      date,
      want: true,
    })),
  });
  const start = () =>
    caller.payment.start({
      householdId: martin,
      basketId: put.basketId ?? 0,
      version: put.version,
    });
  const booked = () =>
    db
      .select()
      .from(reservations)
      .where(
        and(
          eq(reservations.activityId, vacances),
          eq(reservations.status, "booked"),
          eq(reservations.childId, lea),
        ),
      )
      .all();
  const tickets = () =>
    db.select().from(mailOutbox).where(eq(mailOutbox.kind, "payment_ticket")).all();
  return { db, clock, pay, services, lea, vacances, martin, caller, put, start, booked, tickets };
}

describe("paying the accueils de loisirs through PayFiP", () => {
  it("Terminer is refused for days to pay; Payer twice resumes the same payment; paying books and mails the ticket", async () => {
    const s = await setup();
    const terminer = await errorOf(
      s.caller.basket.confirm({
        householdId: s.martin,
        basketId: s.put.basketId ?? 0,
        version: s.put.version,
      }),
    );
    expect(terminer.message).toContain("utilisez « Payer »");
    const first = await s.start();
    const second = await s.start();
    expect(first.status).toBe("redirect");
    expect(second).toEqual(first);
    expect(s.pay.simulator.control.operations()).toHaveLength(1);
    // The panier is frozen while PayFiP has not answered.
    const frozen = await errorOf(
      s.caller.basket.clear({ householdId: s.martin, version: s.put.version }),
    );
    expect(frozen.message).toContain("Un paiement est en cours");

    if (first.status !== "redirect") throw new Error("no redirect");
    const res = await s.pay.submit(first.url, CARD);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(
      `${s.pay.publicUrl}/espace/paiement/retour?paiement=${first.paymentId}`,
    );
    const status = await s.caller.payment.status({
      householdId: s.martin,
      paymentId: first.paymentId,
    });
    expect(status).toMatchObject({
      status: "paid",
      needsRefund: false,
      amountCents: 2 * (status.amountCents / 2),
    });
    expect(status.refdet).toMatch(/^EF2026\d{8}$/);
    expect(s.booked().map((r) => r.date)).toEqual(["2026-12-21", "2026-12-22"]);
    expect(s.booked().every((r) => r.paymentId === first.paymentId)).toBe(true);
    const [ticket] = s.tickets();
    expect(ticket?.subject).toBe(`Ticket de paiement ${status.refdet} — Espace Famille`);
    expect(ticket?.textBody).toContain(`Numéro d'autorisation : ${status.numauto}`);
    expect(ticket?.textBody).toContain("Vacances — élémentaires (6-11 ans) — lundi 21 décembre");
    expect((await s.caller.basket.get({ householdId: s.martin })).lines).toHaveLength(0);
  });

  it("PayFiP not answering at Payer: the attempt is cancelled, the panier kept, Payer works again", async () => {
    const s = await setup();
    const down = createServices({ payfip: s.pay.down() });
    const { caller } = makeCaller(s.db, {
      who: "F00001",
      clock: s.clock,
      services: down,
      publicUrl: s.pay.publicUrl,
    });
    const failed = await errorOf(
      caller.payment.start({
        householdId: s.martin,
        basketId: s.put.basketId ?? 0,
        version: s.put.version,
      }),
    );
    expect(failed.message).toBe(
      "Le service de paiement PayFiP ne répond pas. Votre panier est intact : réessayez dans un instant.",
    );
    const attempts = s.db.select().from(payments).where(eq(payments.householdId, s.martin)).all();
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ status: "cancelled", idOp: null });
    expect(attempts[0]?.refundNote).not.toBeNull();
    expect((await s.caller.basket.get({ householdId: s.martin })).lines).toHaveLength(2);
    expect(s.booked()).toEqual([]);

    const again = await s.start();
    expect(again.status).toBe("redirect");
    expect(again.paymentId).not.toBe(attempts[0]?.id);
  });

  it("a refused card books nothing, keeps the panier, and Payer works again", async () => {
    const s = await setup();
    const first = await s.start();
    if (first.status !== "redirect") throw new Error("no redirect");
    await s.pay.submit(first.url, REFUSED);
    const status = await s.caller.payment.status({
      householdId: s.martin,
      paymentId: first.paymentId,
    });
    expect(status.status).toBe("refused");
    expect(status.message).toContain("rien n'a été réservé");
    expect(s.booked()).toHaveLength(0);
    expect((await s.caller.basket.get({ householdId: s.martin })).lines).toHaveLength(2);
    const again = await s.start();
    expect(again.paymentId).not.toBe(first.paymentId);
    if (again.status !== "redirect") throw new Error("no redirect");
    await s.pay.submit(again.url, CARD);
    expect(
      (await s.caller.payment.status({ householdId: s.martin, paymentId: again.paymentId })).status,
    ).toBe("paid");
    expect(s.booked()).toHaveLength(2);
  });

  it("a cancelled payment books nothing", async () => {
    const s = await setup();
    const first = await s.start();
    if (first.status !== "redirect") throw new Error("no redirect");
    await s.pay.submit(first.url, "annuler");
    expect(
      (await s.caller.payment.status({ householdId: s.martin, paymentId: first.paymentId })).status,
    ).toBe("cancelled");
    expect(s.booked()).toHaveLength(0);
  });

  for (const times of [1, 2, 5, 10]) {
    it(`a notification replayed ${times} time(s) changes the state once`, async () => {
      const s = await setup();
      const first = await s.start();
      if (first.status !== "redirect") throw new Error("no redirect");
      await s.pay.submit(first.url, CARD);
      const idOp = new URL(first.url).searchParams.get("idop") ?? "";
      await s.pay.simulator.control.notify(idOp, times);
      await s.pay.simulator.control.settled();
      expect(s.booked()).toHaveLength(2);
      expect(s.tickets()).toHaveLength(1);
      expect(
        s.db
          .select()
          .from(payments)
          .all()
          .map((p) => p.status),
      ).toEqual(["paid"]);
    });
  }

  it("notifications late or out of order change each payment once", async () => {
    const s = await setup();
    // A first payment refused, then a second one paid; PayFiP notifies them out of order, late.
    const first = await s.start();
    if (first.status !== "redirect") throw new Error("no redirect");
    await s.pay.submit(first.url, REFUSED);
    await s.caller.payment.status({ householdId: s.martin, paymentId: first.paymentId });
    s.pay.simulator.control.setNotificationMode("outOfOrder");
    const second = await s.start();
    if (second.status !== "redirect") throw new Error("no redirect");
    await s.pay.submit(second.url, CARD);
    s.pay.simulator.control.setNotificationMode("late", 50);
    await s.pay.simulator.control.notify(new URL(first.url).searchParams.get("idop") ?? "", 3);
    await s.pay.simulator.control.settled();
    const rows = s.db.select().from(payments).all();
    expect(rows.map((p) => p.status)).toEqual(["refused", "paid"]);
    expect(rows.some((p) => p.needsRefund)).toBe(false);
    expect(s.booked()).toHaveLength(2);
    expect(s.tickets()).toHaveLength(1);
  });

  it("after a crash right after creerPaiementSecurise, Payer again reuses the stored idOp", async () => {
    const s = await setup();
    const first = await s.start();
    // The server restarts: a new process, new services, the same database.
    const services = createServices({ payfip: s.pay.payfip });
    const { caller } = makeCaller(s.db, {
      who: "F00001",
      clock: s.clock,
      services,
      publicUrl: s.pay.publicUrl,
    });
    const again = await caller.payment.start({
      householdId: s.martin,
      basketId: s.put.basketId ?? 0,
      version: s.put.version,
    });
    expect(again).toEqual(first);
    expect(s.pay.simulator.control.operations()).toHaveLength(1);
    expect(s.db.select().from(payments).all()).toHaveLength(1);
  });

  it("a notification that never comes: the reconciliation asks PayFiP and books", async () => {
    const s = await setup();
    s.pay.simulator.control.setNotificationMode("never");
    const first = await s.start();
    if (first.status !== "redirect") throw new Error("no redirect");
    await s.pay.submit(first.url, CARD);
    expect(s.booked()).toHaveLength(0);
    const r = await reconcilePayments(s.db, s.pay.payfip, s.clock, s.pay.publicUrl);
    expect(r).toEqual({ checked: 1, settled: 1 });
    expect(s.booked()).toHaveLength(2);
    expect(s.tickets()).toHaveLength(1);
  });

  it("an abandoned payment expires after 20 minutes (P5), and the panier can be paid again", async () => {
    const s = await setup();
    const first = await s.start();
    s.clock.advance(10 * 60_000);
    await reconcilePayments(s.db, s.pay.payfip, s.clock, s.pay.publicUrl);
    expect(s.db.select().from(payments).get()?.status).toBe("pending");
    s.clock.advance(11 * 60_000);
    await reconcilePayments(s.db, s.pay.payfip, s.clock, s.pay.publicUrl);
    expect(s.db.select().from(payments).get()?.status).toBe("expired");
    const again = await s.start();
    expect(again.paymentId).not.toBe(first.paymentId);
  });

  it("money arriving after the payment expired is flagged for a refund and the family is told", async () => {
    const s = await setup();
    s.pay.simulator.control.setNotificationMode("never");
    const first = await s.start();
    if (first.status !== "redirect") throw new Error("no redirect");
    s.clock.advance(21 * 60_000);
    await reconcilePayments(s.db, s.pay.payfip, s.clock, s.pay.publicUrl);
    expect(s.db.select().from(payments).get()?.status).toBe("expired");
    // The parent had the page open and pays anyway (the simulator's idOp still lives).
    s.clock.set(new Date(s.clock().getTime() - 10 * 60_000));
    await s.pay.submit(first.url, CARD);
    s.clock.advance(10 * 60_000);
    await reconcilePayments(s.db, s.pay.payfip, s.clock, s.pay.publicUrl);
    const p = s.db.select().from(payments).get();
    expect(p).toMatchObject({ status: "expired", needsRefund: true });
    const mail = s.db.select().from(mailOutbox).orderBy(desc(mailOutbox.id)).get();
    expect(mail?.kind).toBe("payment_refund");
    expect(s.booked()).toHaveLength(0);
  });

  it("a payment settled after its hold lapsed books if the places are free, else goes to a refund", async () => {
    const s = await setup({ capacity: 1 });
    // Only one place: one day instead of two.
    const basket = await s.caller.basket.get({ householdId: s.martin });
    const v = await s.caller.basket.setDays({
      householdId: s.martin,
      version: basket.version,
      changes: [{ childId: s.lea, activityId: s.vacances, date: "2026-12-22", want: false }],
    });
    s.pay.simulator.control.setNotificationMode("never");
    const first = await s.caller.payment.start({
      householdId: s.martin,
      basketId: v.basketId ?? 0,
      version: v.version,
    });
    if (first.status !== "redirect") throw new Error("no redirect");
    await s.pay.submit(first.url, CARD);
    // Another family takes the place while our notification is lost and our hold lapses.
    s.clock.advance(21 * 60_000);
    s.db
      .update(payments)
      .set({ expiresAt: new Date(s.clock().getTime() + 60_000).toISOString() })
      .run();
    const other = addFamily(s.db, {
      age: 8,
      activityCodes: ["vacances_elementaires"],
      clock: s.clock,
    });
    other.caller; // logged in
    const services = createServices({ payfip: s.pay.payfip });
    const { caller: theirs } = makeCaller(s.db, {
      who: other.code,
      clock: s.clock,
      services,
      publicUrl: s.pay.publicUrl,
    });
    const put = await theirs.basket.setDays({
      householdId: other.householdId,
      version: 0,
      changes: [{ childId: other.childId, activityId: s.vacances, date: "2026-12-21", want: true }],
    });
    expect(put.version).toBe(1);
    await reconcilePayments(s.db, s.pay.payfip, s.clock, s.pay.publicUrl);
    const p = s.db.select().from(payments).where(eq(payments.householdId, s.martin)).get();
    expect(p).toMatchObject({ status: "paid", needsRefund: true });
    expect(p?.refundNote).toContain("complet");
    expect(s.booked()).toHaveLength(0);
    expect(
      s.db.select().from(mailOutbox).where(eq(mailOutbox.kind, "payment_refund")).all(),
    ).toHaveLength(1);
  });

  it("a paid day cancelled in time becomes a credit, used first by the next payment", async () => {
    const s = await setup();
    const first = await s.start();
    if (first.status !== "redirect") throw new Error("no redirect");
    await s.pay.submit(first.url, CARD);
    const paid = await s.caller.payment.status({
      householdId: s.martin,
      paymentId: first.paymentId,
    });
    const dayPrice = paid.amountCents / 2;
    const cancel = await s.caller.basket.setDays({
      householdId: s.martin,
      version: 0,
      changes: [{ childId: s.lea, activityId: s.vacances, date: "2026-12-22", want: false }],
    });
    await s.caller.basket.confirm({
      householdId: s.martin,
      basketId: cancel.basketId ?? 0,
      version: cancel.version,
    });
    expect((await s.caller.payment.credit({ householdId: s.martin })).balanceCents).toBe(dayPrice);
    // Next payment: three days, the credit first.
    const put = await s.caller.basket.setDays({
      householdId: s.martin,
      version: 0,
      changes: ["2026-12-23", "2026-12-24", "2026-12-28"].map((date) => ({
        childId: s.lea,
        activityId: s.vacances,
        date,
        want: true,
      })),
    });
    const next = await s.caller.payment.start({
      householdId: s.martin,
      basketId: put.basketId ?? 0,
      version: put.version,
    });
    const row = s.db.select().from(payments).where(eq(payments.id, next.paymentId)).get();
    expect(row).toMatchObject({ amountCents: 2 * dayPrice, creditCents: dayPrice });
    if (next.status !== "redirect") throw new Error("no redirect");
    await s.pay.submit(next.url, CARD);
    await s.caller.payment.status({ householdId: s.martin, paymentId: next.paymentId });
    expect((await s.caller.payment.credit({ householdId: s.martin })).balanceCents).toBe(0);
    expect(
      s.db
        .select()
        .from(credits)
        .all()
        .map((c) => c.amountCents),
    ).toEqual([dayPrice, -dayPrice]);
  });

  it("a notification with an unknown idOp changes nothing", async () => {
    const s = await setup();
    const res = await fetch(`${s.pay.publicUrl}/payfip/notification`, {
      method: "POST",
      body: new URLSearchParams({ idOp: "0123456789abcdef0123456789abcdef" }),
    });
    expect(res.status).toBe(200);
    expect(s.db.select().from(payments).all()).toHaveLength(0);
    expect(s.db.select().from(basketLines).all()).toHaveLength(2);
  });
});

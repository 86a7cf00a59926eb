import { activityGroups, mailOutbox, registrations } from "@ef/db";
import { and, eq, isNotNull } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import {
  activityId,
  childId,
  errorOf,
  freshDb,
  householdId,
  makeCaller,
  manualClock,
} from "../../test/helpers";
import { startPayfip } from "../../test/payfip";
import { createServices } from "../services";

const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of closers) await c();
});

async function setup() {
  const db = freshDb();
  const clock = manualClock();
  const pay = await startPayfip(db, clock);
  closers.push(pay.close);
  const services = createServices({ payfip: pay.payfip });
  const martin = householdId(db, "F00001");
  const { caller } = makeCaller(db, { who: "F00001", clock, services, publicUrl: pay.publicUrl });
  return {
    db,
    clock,
    pay,
    services,
    martin,
    caller,
    lea: childId(db, "Léa"),
    hugo: childId(db, "Hugo"),
  };
}

describe("Inscriptions en paiement", () => {
  it("offers each child what they may join, with groups, sessions and places left", async () => {
    const s = await setup();
    const opts = await s.caller.paidRegistrations.options({ householdId: s.martin });
    const lea = opts.find((c) => c.childId === s.lea);
    const multisports = lea?.activities.find((a) => a.name === "Multisports");
    expect(multisports?.typeLabel).toBe("École Municipale des Sports");
    const groups = multisports?.items ?? [];
    expect(groups.find((g) => g.label.includes("6-8 ans"))).toMatchObject({
      available: true,
      placesLeft: 12,
    });
    expect(groups.find((g) => g.label.includes("9-11 ans"))).toMatchObject({
      available: false,
      reason: "réservé aux 9 ans et plus",
    });
    const hugo = opts.find((c) => c.childId === s.hugo);
    const tj = hugo?.activities.find((a) => a.typeCode === "territoire_jeune");
    expect(tj?.items.some((i) => i.available && i.sessionId !== null)).toBe(true);
  });

  it("Léa joins an EMS group and Hugo a Territoire Jeune outing: held, paid, registered, ticket mailed", async () => {
    const s = await setup();
    const opts = await s.caller.paidRegistrations.options({ householdId: s.martin });
    const group = opts
      .find((c) => c.childId === s.lea)
      ?.activities.find((a) => a.name === "Multisports")
      ?.items.find((i) => i.available);
    const outing = opts
      .find((c) => c.childId === s.hugo)
      ?.activities.find((a) => a.typeCode === "territoire_jeune")
      ?.items.find((i) => i.available);
    if (!group || !outing) throw new Error("nothing to pick");
    const multisports = activityId(s.db, "ems_multisports");
    const tj =
      opts
        .find((c) => c.childId === s.hugo)
        ?.activities.find((a) => a.typeCode === "territoire_jeune")?.activityId ?? 0;
    const put = await s.caller.paidRegistrations.setItems({
      householdId: s.martin,
      version: 0,
      items: [
        {
          childId: s.lea,
          activityId: multisports,
          groupId: group.groupId,
          sessionId: null,
          want: true,
        },
        { childId: s.hugo, activityId: tj, groupId: null, sessionId: outing.sessionId, want: true },
      ],
    });
    // The places are held: one less for everybody else.
    const after = await s.caller.paidRegistrations.options({ householdId: s.martin });
    const heldGroup = after
      .find((c) => c.childId === s.lea)
      ?.activities.find((a) => a.name === "Multisports")
      ?.items.find((i) => i.groupId === group.groupId);
    expect(heldGroup?.placesLeft).toBe(group.placesLeft - 1);
    const recap = await s.caller.basket.get({ householdId: s.martin });
    expect(recap.registrations.map((r) => r.childName)).toEqual(["Hugo", "Léa"]);
    expect(recap.toPayCents).toBe((group.priceCents ?? 0) + (outing.priceCents ?? 0));

    const start = await s.caller.payment.start({
      householdId: s.martin,
      basketId: put.basketId,
      version: put.version,
    });
    if (start.status !== "redirect") throw new Error("no redirect");
    await s.pay.submit(start.url, "4111111111111111");
    const status = await s.caller.payment.status({
      householdId: s.martin,
      paymentId: start.paymentId,
    });
    expect(status.status).toBe("paid");
    const regs = s.db.select().from(registrations).where(isNotNull(registrations.paymentId)).all();
    expect(regs.map((r) => [r.childId, r.status, r.groupId ?? r.sessionId])).toEqual([
      [s.hugo, "validated", outing.sessionId],
      [s.lea, "validated", group.groupId],
    ]);
    const ticket = s.db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.kind, "payment_ticket"))
      .get();
    expect(ticket?.textBody).toContain("Multisports — Groupe 6-8 ans");
    // Registered: no longer offered, and the overview shows it.
    const again = await s.caller.paidRegistrations.options({ householdId: s.martin });
    expect(
      again
        .find((c) => c.childId === s.lea)
        ?.activities.find((a) => a.name === "Multisports")
        ?.items.find((i) => i.groupId === group.groupId)?.reason,
    ).toBe("déjà inscrit(e)");
  });

  it("a full group is refused with the waiting list offered, and nothing else is lost", async () => {
    const s = await setup();
    const multisports = activityId(s.db, "ems_multisports");
    const group = s.db
      .select()
      .from(activityGroups)
      .where(and(eq(activityGroups.activityId, multisports), eq(activityGroups.minAge, 6)))
      .get();
    if (!group) throw new Error("no group");
    s.db.update(activityGroups).set({ capacity: 0 }).where(eq(activityGroups.id, group.id)).run();
    const e = await errorOf(
      s.caller.paidRegistrations.setItems({
        householdId: s.martin,
        version: 0,
        items: [
          {
            childId: s.lea,
            activityId: multisports,
            groupId: group.id,
            sessionId: null,
            want: true,
          },
        ],
      }),
    );
    expect(e.message).toBe(
      `Léa — Multisports — ${group.name} (mercredi ${group.startTime.replace(":", "h")}–${group.endTime.replace(":", "h")}) : complet. Vous pouvez vous inscrire sur la liste d'attente.`,
    );
    expect((await s.caller.basket.get({ householdId: s.martin })).registrations).toHaveLength(0);
  });

  it("a child too young or too old is refused", async () => {
    const s = await setup();
    const opts = await s.caller.paidRegistrations.options({ householdId: s.martin });
    const tj = opts
      .find((c) => c.childId === s.lea)
      ?.activities.find((a) => a.typeCode === "territoire_jeune");
    const session = tj?.items[0];
    if (!tj || !session) throw new Error("no session");
    expect(session.available).toBe(false);
    const e = await errorOf(
      s.caller.paidRegistrations.setItems({
        householdId: s.martin,
        version: 0,
        items: [
          {
            childId: s.lea,
            activityId: tj.activityId,
            groupId: null,
            sessionId: session.sessionId,
            want: true,
          },
        ],
      }),
    );
    expect(e.message).toMatch(/^Léa — .* : réservé aux \d+ ans et plus\.$/);
  });
});

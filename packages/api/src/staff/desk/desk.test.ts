import {
  activities,
  auditLog,
  baskets,
  credits,
  mailOutbox,
  registrations,
  reservations,
} from "@ef/db";
import { and, desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
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
} from "../../../test/helpers";

function setup() {
  const db = freshDb();
  const clock = manualClock(); // Tuesday 1 December 2026, 08:00
  const martin = householdId(db, "F00001");
  const lea = childId(db, "Léa");
  const resto = activityId(db, "restauration");
  const agent = makeCaller(db, { who: "agent", clock }).caller;
  const parent = makeCaller(db, { who: "F00001", clock }).caller;
  return { db, clock, martin, lea, resto, agent, parent };
}
type TDb = ReturnType<typeof freshDb>;

const booked = (db: TDb, child: number, activity: number, date: string) =>
  db
    .select({ id: reservations.id, createdBy: reservations.createdBy })
    .from(reservations)
    .where(
      and(
        eq(reservations.childId, child),
        eq(reservations.activityId, activity),
        eq(reservations.date, date),
        eq(reservations.status, "booked"),
      ),
    )
    .all();
const audits = (db: TDb, action: string) =>
  db.select().from(auditLog).where(eq(auditLog.action, action)).orderBy(desc(auditLog.id)).all();
const lastMail = (db: TDb) => db.select().from(mailOutbox).orderBy(desc(mailOutbox.id)).get();

describe("staff.desk.setDays and staff.desk.confirm", () => {
  it("refuses a closed day without a reason, in French, and writes nothing", async () => {
    const { db, martin, lea, resto, agent } = setup();
    const before = await agent.basket.get({ householdId: martin });
    // Tuesday 1 December: its deadline was Thursday 26 November at noon.
    const err = await errorOf(
      agent.staff.desk.setDays({
        householdId: martin,
        version: before.version,
        changes: [{ childId: lea, activityId: resto, date: "2026-12-01", want: true }],
      }),
    );
    expect(err.appCode).toBe("DEADLINE_PASSED");
    expect(err.message).toContain(
      "Léa — Restauration scolaire (midi) — mardi 1er décembre : fermé",
    );
    expect(err.message).toContain("indiquez le motif du dépassement");
    const after = await agent.basket.get({ householdId: martin });
    expect(after.lines).toEqual([]);
    expect(after.version).toBe(before.version);
    expect(audits(db, "desk.override")).toEqual([]);

    // A blank reason is no reason.
    const blank = await errorOf(
      agent.staff.desk.setDays({
        householdId: martin,
        version: before.version,
        changes: [{ childId: lea, activityId: resto, date: "2026-12-01", want: true }],
        override: { reason: "  " },
      }),
    );
    expect(blank.code).toBe("BAD_REQUEST");
    expect(JSON.stringify(blank)).not.toContain("Required");
    expect((await agent.basket.get({ householdId: martin })).lines).toEqual([]);
  });

  it("books a closed day with a reason: the family's own panier, the family's mail, the audit log", async () => {
    const { db, martin, lea, resto, agent, parent } = setup();
    const reason = "Reprise du travail de la maman, justificatif présenté";
    const set = await agent.staff.desk.setDays({
      householdId: martin,
      version: 0,
      changes: [{ childId: lea, activityId: resto, date: "2026-12-01", want: true }],
      override: { reason },
    });
    expect(set.overridden).toBe(1);
    // The parent sees the same panier.
    const seen = await parent.basket.get({ householdId: martin });
    expect(seen.lines.map((l) => [l.date, l.action])).toEqual([["2026-12-01", "add"]]);
    const month = await parent.planning.month({ householdId: martin, month: "2026-12" });
    const cell = month.days
      .find((d) => d.date === "2026-12-01")
      ?.cells.find((c) => c.childId === lea && c.activityId === resto);
    expect(cell?.state).toBe("add");

    // The parent cannot confirm a day past its deadline: only the agent, with the reason.
    expect(
      (
        await errorOf(
          parent.basket.confirm({
            householdId: martin,
            basketId: set.basketId,
            version: set.version,
          }),
        )
      ).appCode,
    ).toBe("DEADLINE_PASSED");
    const noReason = await errorOf(
      agent.staff.desk.confirm({
        householdId: martin,
        basketId: set.basketId,
        version: set.version,
      }),
    );
    expect(noReason.message).toContain("indiquez le motif du dépassement");
    expect(booked(db, lea, resto, "2026-12-01")).toEqual([]);

    const done = await agent.staff.desk.confirm({
      householdId: martin,
      basketId: set.basketId,
      version: set.version,
      override: { reason },
    });
    expect(done).toMatchObject({ repeated: false, added: 1, overridden: 1, paidAtDeskCents: 0 });
    const rows = booked(db, lea, resto, "2026-12-01");
    expect(rows).toHaveLength(1);

    const mail = lastMail(db);
    expect(mail?.kind).toBe("booking_confirmation");
    expect(mail?.toAddress).toBe(
      (await agent.staff.households.get({ householdId: martin })).household.email,
    );
    expect(mail?.textBody).toContain("Réservé — mardi 1er décembre");

    const logged = audits(db, "desk.override");
    expect(logged).toHaveLength(2);
    for (const row of logged) {
      expect(row.householdId).toBe(martin);
      expect(row.actorUserId).toBe(rows[0]?.createdBy);
      const after = row.after as { reason: string; days: { date: string; label: string }[] };
      expect(after.reason).toBe(reason);
      expect(after.days.map((d) => d.date)).toEqual(["2026-12-01"]);
      expect(after.days[0]?.label).toContain("date limite passée");
    }

    // Twice "Terminer": one booking, one mail.
    const again = await agent.staff.desk.confirm({
      householdId: martin,
      basketId: set.basketId,
      version: set.version,
      override: { reason },
    });
    expect(again.repeated).toBe(true);
    expect(booked(db, lea, resto, "2026-12-01")).toHaveLength(1);
  });

  it("never books the same child and day twice, even with a reason", async () => {
    const { db, martin, lea, resto, agent } = setup();
    // Léa is booked on Thursday 3 December.
    const out = await agent.staff.desk.setDays({
      householdId: martin,
      version: 0,
      changes: [{ childId: lea, activityId: resto, date: "2026-12-03", want: true }],
      override: { reason: "Vérification" },
    });
    expect(out.overridden).toBe(0);
    expect((await agent.basket.get({ householdId: martin })).lines).toEqual([]);
    expect(booked(db, lea, resto, "2026-12-03")).toHaveLength(1);
    expect(audits(db, "desk.override")).toEqual([]);
  });

  it("books a full accueil de loisirs day above capacity with a reason, paid at the desk", async () => {
    const { db, martin, lea, agent } = setup();
    const mercredis = activityId(db, "mercredis_elementaires");
    register(db, lea, "mercredis_elementaires");
    db.update(activities).set({ capacity: 1 }).where(eq(activities.id, mercredis)).run();
    // Another family takes the only place of Wednesday 9 December.
    const other = addFamily(db, { age: 8, activityCodes: ["mercredis_elementaires"] });
    db.insert(reservations)
      .values({
        childId: other.childId,
        activityId: mercredis,
        date: "2026-12-09",
        status: "booked",
        priceCents: 900,
        createdAt: new Date().toISOString(),
      })
      .run();
    const change = { childId: lea, activityId: mercredis, date: "2026-12-09", want: true };

    const full = await errorOf(
      agent.staff.desk.setDays({ householdId: martin, version: 0, changes: [change] }),
    );
    expect(full.appCode).toBe("FULL");
    expect(full.message).toContain("complet");
    expect(full.message).toContain("indiquez le motif du dépassement");

    const reason = "Place accordée par la directrice du centre";
    const set = await agent.staff.desk.setDays({
      householdId: martin,
      version: 0,
      changes: [change],
      override: { reason },
    });
    expect(set.overridden).toBe(1);
    const summary = await agent.basket.get({ householdId: martin });
    expect(summary.toPayCents).toBeGreaterThan(0);

    // A day to pay: the agent records the payment received, or the family pays online.
    const unpaid = await errorOf(
      agent.staff.desk.confirm({
        householdId: martin,
        basketId: set.basketId,
        version: set.version,
        override: { reason },
      }),
    );
    expect(unpaid.message).toContain("indiquez le règlement reçu au guichet");
    expect(booked(db, lea, mercredis, "2026-12-09")).toEqual([]);

    const done = await agent.staff.desk.confirm({
      householdId: martin,
      basketId: set.basketId,
      version: set.version,
      override: { reason },
      deskPayment: { method: "cheque", reference: "Chèque n° 1234567" },
    });
    expect(done).toMatchObject({ added: 1, overridden: 1, paidAtDeskCents: summary.toPayCents });
    expect(booked(db, lea, mercredis, "2026-12-09")).toHaveLength(1);
    // Two children on a day of one place: the override counts, knowingly.
    const month = await agent.planning.month({ householdId: martin, month: "2026-12" });
    const cell = month.days
      .find((d) => d.date === "2026-12-09")
      ?.cells.find((c) => c.childId === lea && c.activityId === mercredis);
    expect(cell).toMatchObject({ state: "booked", placesLeft: 0 });

    const payment = audits(db, "desk.payment")[0]?.after;
    expect(payment).toEqual({
      amountCents: summary.toPayCents,
      method: "cheque",
      reference: "Chèque n° 1234567",
    });
    expect(lastMail(db)?.textBody).toContain("Réglé au guichet unique (chèque, Chèque n° 1234567)");
    const override = audits(db, "desk.override")[0]?.after as { days: { label: string }[] };
    expect(override.days[0]?.label).toContain("complet");
  });

  it("cancels a booked day past its deadline with a reason", async () => {
    const { db, martin, lea, resto, clock } = setup();
    clock.set(new Date("2026-12-03T09:00:00+01:00")); // Thursday: Léa's lunch today is closed.
    const agent = makeCaller(db, { who: "agent", clock }).caller;
    const change = { childId: lea, activityId: resto, date: "2026-12-03", want: false };
    const refused = await errorOf(
      agent.staff.desk.setDays({ householdId: martin, version: 0, changes: [change] }),
    );
    expect(refused.appCode).toBe("DEADLINE_PASSED");
    const reason = "Enfant malade, certificat apporté";
    const set = await agent.staff.desk.setDays({
      householdId: martin,
      version: 0,
      changes: [change],
      override: { reason },
    });
    const done = await agent.staff.desk.confirm({
      householdId: martin,
      basketId: set.basketId,
      version: set.version,
      override: { reason },
    });
    expect(done).toMatchObject({ cancelled: 1, overridden: 1 });
    expect(booked(db, lea, resto, "2026-12-03")).toEqual([]);
    expect(lastMail(db)?.textBody).toContain("Annulé — jeudi 3 décembre");
  });

  it("a paid day cancelled past its deadline with a reason becomes an avoir", async () => {
    const { db, martin, lea, agent } = setup();
    const mercredis = activityId(db, "mercredis_elementaires");
    register(db, lea, "mercredis_elementaires");
    // Wednesday 2 December, paid at booking; its deadline was Wednesday 25 November at noon.
    db.insert(reservations)
      .values({
        childId: lea,
        activityId: mercredis,
        date: "2026-12-02",
        status: "booked",
        priceCents: 900,
        createdAt: new Date().toISOString(),
      })
      .run();
    const reason = "Enfant hospitalisée, bulletin présenté";
    const set = await agent.staff.desk.setDays({
      householdId: martin,
      version: 0,
      changes: [{ childId: lea, activityId: mercredis, date: "2026-12-02", want: false }],
      override: { reason },
    });
    // Nothing to pay: no desk payment asked for.
    const done = await agent.staff.desk.confirm({
      householdId: martin,
      basketId: set.basketId,
      version: set.version,
      override: { reason },
    });
    expect(done).toMatchObject({ cancelled: 1, overridden: 1, paidAtDeskCents: 0 });
    const avoir = db
      .select({ amountCents: credits.amountCents })
      .from(credits)
      .where(eq(credits.householdId, martin))
      .all();
    expect(avoir).toEqual([{ amountCents: 900 }]);
    expect(audits(db, "desk.payment")).toEqual([]);
  });

  it("a stale panier version is refused and nothing is written", async () => {
    const { db, martin, lea, resto, agent, parent } = setup();
    await parent.basket.setDays({
      householdId: martin,
      version: 0,
      changes: [{ childId: lea, activityId: resto, date: "2026-12-10", want: true }],
    });
    const stale = await errorOf(
      agent.staff.desk.setDays({
        householdId: martin,
        version: 0,
        changes: [{ childId: lea, activityId: resto, date: "2026-12-01", want: true }],
        override: { reason: "Demande de la famille" },
      }),
    );
    expect(stale.appCode).toBe("CONFLICT");
    expect(audits(db, "desk.override")).toEqual([]);
    const open = db.select().from(baskets).where(eq(baskets.householdId, martin)).all();
    expect(open).toHaveLength(1);
  });
});

describe("staff.desk.cancelRegistration", () => {
  const mailCount = (db: TDb) => db.select().from(mailOutbox).all().length;
  const statusOf = (db: TDb, registrationId: number) =>
    db
      .select({ status: registrations.status })
      .from(registrations)
      .where(eq(registrations.id, registrationId))
      .get()?.status;
  /** The setup, and the agent's "Annuler l'inscription" with a reason. */
  function cancelling() {
    const s = setup();
    const cancel = (household: number, registrationId: number, reason: string) =>
      s.agent.staff.desk.cancelRegistration({ householdId: household, registrationId, reason });
    return { ...s, cancel };
  }

  it("ends a registration without days booked, with the reason in the audit log", async () => {
    const { db, martin, lea, agent, cancel } = cancelling();
    const created = await agent.registrations.create({
      householdId: martin,
      childId: lea,
      activityId: activityId(db, "accueil_soir"),
    });
    const missing = await errorOf(cancel(martin, created.id, ""));
    expect(missing.code).toBe("BAD_REQUEST");
    expect(missing.message).toContain("Indiquez le motif de l'annulation");

    const out = await cancel(martin, created.id, "Léa ne fréquente plus l'accueil du soir");
    expect(out.status).toBe("cancelled");
    expect(statusOf(db, created.id)).toBe("cancelled");
    expect(audits(db, "registration.cancel")[0]?.after).toEqual({
      status: "cancelled",
      reason: "Léa ne fréquente plus l'accueil du soir",
    });
    // The family is told, with the child, the activity and the reason.
    const mail = lastMail(db);
    expect(mail?.kind).toBe("registration_cancelled");
    expect(mail?.householdId).toBe(martin);
    expect(mail?.toAddress).toBe(
      (await agent.staff.households.get({ householdId: martin })).household.email,
    );
    expect(mail?.subject).toBe("Inscription annulée : Léa — Accueil du soir");
    expect(mail?.textBody).toContain("mis fin à l'inscription de Léa à « Accueil du soir »");
    expect(mail?.textBody).toContain("Motif : Léa ne fréquente plus l'accueil du soir");
    // Asked twice, refused, and no second mail.
    const mailsBefore = mailCount(db);
    const twice = await errorOf(cancel(martin, created.id, "Encore"));
    expect(twice.code).toBe("CONFLICT");
    expect(mailCount(db)).toBe(mailsBefore);
  });

  it("refuses while days are still booked, and for another household's registration", async () => {
    const { db, martin, lea, resto, cancel } = cancelling();
    const reg = db
      .select({ id: registrations.id })
      .from(registrations)
      .where(and(eq(registrations.childId, lea), eq(registrations.activityId, resto)))
      .get();
    if (!reg) throw new Error("no registration");
    const mailsBefore = mailCount(db);
    const still = await errorOf(cancel(martin, reg.id, "Déménagement"));
    expect(still.message).toContain("annulez-les d'abord sur le planning");
    expect(statusOf(db, reg.id)).toBe("validated");
    expect(mailCount(db)).toBe(mailsBefore);
    const other = await errorOf(cancel(householdId(db, "F00002"), reg.id, "Déménagement"));
    expect(other.code).toBe("NOT_FOUND");
  });
});

import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { absences, auditLog, mailOutbox, reservations } from "@ef/db";
import { desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  activityId,
  childId,
  dataDirOf,
  errorOf,
  freshDb,
  householdId,
  makeCaller,
  manualClock,
} from "../../test/helpers";

/** Thursday 3 December 2026, 08:00 in Albertville: Léa is booked for lunch and wakes up sick. */
const THURSDAY = new Date("2026-12-03T08:00:00+01:00");
const pdf = Buffer.from("%PDF-1.4\n% certificat médical\n").toString("base64");
const certificate = { fileName: "certificat.pdf", contentBase64: pdf };

function setup(now = THURSDAY) {
  const db = freshDb();
  const clock = manualClock(now);
  const martin = householdId(db, "F00001");
  const lea = childId(db, "Léa");
  const resto = activityId(db, "restauration");
  const parent = makeCaller(db, { who: "F00001", clock }).caller;
  const agent = makeCaller(db, { who: "agent", clock }).caller;
  const stored = () => {
    const dir = join(dataDirOf(db), "private", "absences");
    return existsSync(dir) ? readdirSync(dir) : [];
  };
  const sick = { householdId: martin, childId: lea, date: "2026-12-03", reason: "Malade (fièvre)" };
  return { db, clock, martin, lea, resto, parent, agent, stored, sick };
}

describe("Signaler une absence", () => {
  it("takes Léa's absence this morning with a PDF certificate, for the agent to check", async () => {
    const { parent, agent, stored, sick } = setup();
    const out = await parent.absences.declare({ ...sick, certificate });
    expect(out).toMatchObject({ status: "pending", lastDay: "2026-12-10" });
    expect(stored()).toHaveLength(1);

    const mine = await parent.absences.mine({ householdId: sick.householdId });
    expect(mine).toEqual([
      expect.objectContaining({
        id: out.id,
        childName: "Léa",
        date: "2026-12-03",
        reason: "Malade (fièvre)",
        fileName: "certificat.pdf",
        status: "pending",
        refusalReason: null,
      }),
    ]);
    const pending = await agent.staff.absences.pending();
    expect(pending).toEqual([
      expect.objectContaining({
        id: out.id,
        childName: "Léa Martin",
        accountCode: "F00001",
        date: "2026-12-03",
        mimeType: "application/pdf",
        activities: ["Restauration scolaire (midi)"],
      }),
    ]);

    // The same day twice: the first declaration is waiting, nothing new is stored.
    const twice = await errorOf(parent.absences.declare({ ...sick, certificate }));
    expect(twice.code).toBe("CONFLICT");
    expect(twice.message).toContain("attend la vérification du guichet unique");
    expect(stored()).toHaveLength(1);
  });

  it("refuses a declaration without a certificate, with a clear message", async () => {
    const { db, parent, stored, sick } = setup();
    const err = await errorOf(parent.absences.declare(sick));
    expect(err.code).toBe("BAD_REQUEST");
    expect(err.message).toBe(
      "Joignez le certificat médical (PDF, JPEG ou PNG, 5 Mo au plus) : sans lui, l'absence ne peut pas être justifiée.",
    );
    expect(db.select().from(absences).all()).toEqual([]);
    expect(stored()).toEqual([]);
  });

  it("refuses a certificate of the wrong type or over 5 MB, and keeps nothing", async () => {
    const { db, parent, stored, sick } = setup();
    const text = Buffer.from("ceci n'est pas un PDF").toString("base64");
    const wrong = await errorOf(
      parent.absences.declare({
        ...sick,
        certificate: { fileName: "faux.pdf", contentBase64: text },
      }),
    );
    expect(wrong.message).toMatch(/^Ce fichier n'est ni un PDF, ni une image JPEG ou PNG/);

    const big = Buffer.alloc(5 * 1024 * 1024 + 1, 0x20);
    big.write("%PDF-1.4\n");
    const tooLarge = await errorOf(
      parent.absences.declare({
        ...sick,
        certificate: { fileName: "gros.pdf", contentBase64: big.toString("base64") },
      }),
    );
    expect(tooLarge.message).toBe("Le fichier dépasse 5 Mo. Envoyez un fichier plus léger.");
    expect(db.select().from(absences).all()).toEqual([]);
    expect(stored()).toEqual([]);
  });

  it("refuses a day after the deadline, a day to come and a day without any booking", async () => {
    const { parent, clock, stored, sick } = setup();
    const future = await errorOf(
      parent.absences.declare({ ...sick, date: "2026-12-04", certificate }),
    );
    expect(future.code).toBe("BAD_REQUEST");
    expect(future.message).toContain("le vendredi 4 décembre n'est pas encore arrivé");

    const unbooked = await errorOf(
      parent.absences.declare({ ...sick, date: "2026-12-02", certificate }),
    );
    expect(unbooked.message).toBe(
      "Léa n'avait aucune activité réservée le mercredi 2 décembre : il n'y a pas d'absence à justifier ce jour-là.",
    );

    // Thursday 10 December, 23:59 is the last minute for Thursday 3; Friday 11 is too late.
    clock.set(new Date("2026-12-11T00:05:00+01:00"));
    const late = await errorOf(parent.absences.declare({ ...sick, certificate }));
    expect(late.code).toBe("PRECONDITION_FAILED");
    expect(late.appCode).toBe("DEADLINE_PASSED");
    expect(late.message).toContain("au plus tard 7 jours après, soit jusqu'au jeudi 10 décembre");
    expect(stored()).toEqual([]);

    clock.set(new Date("2026-12-10T23:55:00+01:00"));
    expect((await parent.absences.declare({ ...sick, certificate })).status).toBe("pending");
  });

  it("answers NOT_FOUND for another family's child", async () => {
    const { db, lea, stored } = setup();
    const bernard = makeCaller(db, { who: "F00002", clock: () => THURSDAY }).caller;
    const err = await errorOf(
      bernard.absences.declare({
        householdId: householdId(db, "F00002"),
        childId: lea,
        date: "2026-12-03",
        reason: "Malade",
        certificate,
      }),
    );
    expect(err.code).toBe("NOT_FOUND");
    expect(stored()).toEqual([]);
  });
});

describe("the agent's decision", () => {
  it("accepts: the family is mailed and the pointage says excused", async () => {
    const { db, parent, agent, resto, sick } = setup();
    const { id } = await parent.absences.declare({ ...sick, certificate });
    expect(await agent.staff.absences.decide({ absenceId: id, decision: "accept" })).toEqual({
      status: "accepted",
    });

    const mail = db.select().from(mailOutbox).orderBy(desc(mailOutbox.id)).get();
    expect(mail?.toAddress).toBe("famille.martin@example.fr");
    expect(mail?.subject).toBe("Absence justifiée : Léa — jeudi 3 décembre 2026");
    expect(mail?.textBody).toContain("Restauration scolaire (midi)");
    expect(mail?.textBody).toContain("ne vous seront pas facturées");

    const list = await agent.staff.attendance.list({ activityId: resto, date: "2026-12-03" });
    const lea = list.children.find((c) => c.firstName === "Léa");
    expect(lea).toMatchObject({
      status: "excused",
      note: "Absence justifiée (certificat médical)",
    });
    expect(list.counts.excused).toBe(1);

    expect(await agent.staff.absences.pending()).toEqual([]);
    const [mine] = await parent.absences.mine({ householdId: sick.householdId });
    expect(mine?.status).toBe("accepted");
    const again = await errorOf(agent.staff.absences.decide({ absenceId: id, decision: "accept" }));
    expect(again.code).toBe("CONFLICT");
    const logged = db.select().from(auditLog).where(eq(auditLog.action, "absence.accept")).all();
    expect(logged).toHaveLength(1);
  });

  it("says that a day paid at booking is not refunded by itself", async () => {
    const { db, lea, parent, agent, sick } = setup();
    // Léa went to the Wednesday accueil de loisirs, paid when booked.
    db.insert(reservations)
      .values({
        childId: lea,
        activityId: activityId(db, "mercredis_elementaires"),
        date: "2026-12-02",
        status: "booked",
        priceCents: 1200,
        createdAt: "2026-11-20T10:00:00.000Z",
      })
      .run();
    const { id } = await parent.absences.declare({ ...sick, date: "2026-12-02", certificate });
    expect((await agent.staff.absences.pending())[0]?.activities).toEqual([
      "Mercredis — élémentaires (6-11 ans)",
    ]);
    await agent.staff.absences.decide({ absenceId: id, decision: "accept" });
    const mail = db.select().from(mailOutbox).orderBy(desc(mailOutbox.id)).get();
    expect(mail?.subject).toBe("Absence justifiée : Léa — mercredi 2 décembre 2026");
    expect(mail?.textBody).toContain(
      "Les activités payées à la réservation (Mercredis — élémentaires (6-11 ans)) ne sont pas remboursées automatiquement",
    );
    expect(mail?.textBody).not.toContain("ne vous seront pas facturées");
  });

  it("refuses only with a reason, mails it, and the family may declare again", async () => {
    const { db, parent, agent, resto, stored, sick } = setup();
    const { id } = await parent.absences.declare({ ...sick, certificate });
    const first = stored();

    const noReason = await errorOf(
      agent.staff.absences.decide({ absenceId: id, decision: "refuse" }),
    );
    expect(noReason.code).toBe("BAD_REQUEST");
    expect(noReason.message).toContain("Indiquez le motif du refus");
    expect((await agent.staff.absences.pending()).map((a) => a.id)).toEqual([id]);

    await agent.staff.absences.decide({
      absenceId: id,
      decision: "refuse",
      reason: "Le certificat ne porte pas de date.",
    });
    const mail = db.select().from(mailOutbox).orderBy(desc(mailOutbox.id)).get();
    expect(mail?.subject).toBe("Absence non justifiée : Léa — jeudi 3 décembre 2026");
    expect(mail?.textBody).toContain("Motif : Le certificat ne porte pas de date.");
    expect(mail?.textBody).toContain(
      "Les activités réservées ce jour-là (Restauration scolaire (midi)) restent dues.",
    );
    expect(mail?.textBody).toContain("jusqu'au jeudi 10 décembre 2026");
    const [mine] = await parent.absences.mine({ householdId: sick.householdId });
    expect(mine).toMatchObject({
      status: "refused",
      refusalReason: "Le certificat ne porte pas de date.",
    });
    const list = await agent.staff.attendance.list({ activityId: resto, date: "2026-12-03" });
    expect(list.children.find((c) => c.firstName === "Léa")?.status).toBeNull();

    // A new certificate replaces the refused one.
    const again = await parent.absences.declare({ ...sick, certificate });
    expect(again.id).toBe(id);
    expect((await agent.staff.absences.pending()).map((a) => a.id)).toEqual([id]);
    expect(stored()).toHaveLength(1);
    expect(stored()).not.toEqual(first);
  });
});

import { auditLog, mailOutbox, registrations } from "@ef/db";
import { desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { activityId, childId, errorOf, freshDb, householdId, makeCaller } from "../../test/helpers";

describe("Inscription", () => {
  it("offers Léa what she may join, and says why the rest is out of reach", async () => {
    const db = freshDb();
    const { caller } = makeCaller(db, { who: "F00001" });
    const opts = await caller.registrations.options({
      householdId: householdId(db, "F00001"),
      childId: childId(db, "Léa"),
    });
    const byName = new Map(opts.map((o) => [o.name, o]));
    expect(byName.get("Accueil du soir")).toMatchObject({
      eligible: true,
      registration: null,
      typeLabel: "Accueils périscolaires",
    });
    expect(byName.get("Restauration scolaire (midi)")?.registration).toBe("validated");
    expect(byName.get("Mercredis — maternels (3-5 ans)")).toMatchObject({ eligible: false });
    expect(opts.some((o) => o.typeCode === "ems" || o.typeCode === "territoire_jeune")).toBe(false);
  });

  it("validates at once with a complete dossier; refuses a duplicate and an ineligible child", async () => {
    const db = freshDb();
    const { caller } = makeCaller(db, { who: "F00001" });
    const martin = householdId(db, "F00001");
    const out = await caller.registrations.create({
      householdId: martin,
      childId: childId(db, "Léa"),
      activityId: activityId(db, "accueil_soir"),
    });
    expect(out.status).toBe("validated");
    const again = await errorOf(
      caller.registrations.create({
        householdId: martin,
        childId: childId(db, "Léa"),
        activityId: activityId(db, "accueil_soir"),
      }),
    );
    expect(again.message).toBe("Léa est déjà inscrit(e) à « Accueil du soir ».");
    const hugo = await errorOf(
      caller.registrations.create({
        householdId: martin,
        childId: childId(db, "Hugo"),
        activityId: activityId(db, "accueil_soir"),
      }),
    );
    expect(hugo.message).toBe(
      "Hugo ne peut pas s'inscrire à « Accueil du soir » : réservé aux enfants de 11 ans au plus.",
    );
    const ems = await errorOf(
      caller.registrations.create({
        householdId: martin,
        childId: childId(db, "Hugo"),
        activityId: activityId(db, "ems_natation"),
      }),
    );
    expect(ems.message).toContain("Inscriptions en paiement");
  });

  it("waits for an agent when the dossier is incomplete; the agent validates, the family gets a mail", async () => {
    const db = freshDb();
    const bernard = makeCaller(db, { who: "F00002" }).caller;
    const agent = makeCaller(db, { who: "agent" }).caller;
    const out = await bernard.registrations.create({
      householdId: householdId(db, "F00002"),
      childId: childId(db, "Jade"),
      activityId: activityId(db, "accueil_matin"),
    });
    expect(out.status).toBe("pending");
    const list = await agent.staff.registrations.pending();
    expect(list).toEqual([
      expect.objectContaining({
        id: out.id,
        accountCode: "F00002",
        childName: "Jade Bernard",
        activityName: "Accueil du matin",
        dossierStatus: "incomplete",
      }),
    ]);
    await agent.staff.registrations.decide({ registrationId: out.id, decision: "validate" });
    const row = db.select().from(registrations).where(eq(registrations.id, out.id)).get();
    expect(row?.status).toBe("validated");
    const mail = db.select().from(mailOutbox).orderBy(desc(mailOutbox.id)).get();
    expect(mail?.subject).toBe("Inscription validée : Jade — Accueil du matin");
    expect(mail?.toAddress).toBe("famille.bernard@example.fr");
    expect(await agent.staff.registrations.pending()).toEqual([]);
    const twice = await errorOf(
      agent.staff.registrations.decide({
        registrationId: out.id,
        decision: "refuse",
        reason: "doublon",
      }),
    );
    expect(twice.message).toBe("Cette inscription a déjà été traitée.");
    const log = db.select().from(auditLog).orderBy(desc(auditLog.id)).get();
    expect(log).toMatchObject({
      action: "registration.validate",
      householdId: householdId(db, "F00002"),
    });
  });

  it("a refusal needs a reason, which the family receives", async () => {
    const db = freshDb();
    const bernard = makeCaller(db, { who: "F00002" }).caller;
    const agent = makeCaller(db, { who: "agent" }).caller;
    const { id } = await bernard.registrations.create({
      householdId: householdId(db, "F00002"),
      childId: childId(db, "Jade"),
      activityId: activityId(db, "accueil_soir"),
    });
    const noReason = await errorOf(
      agent.staff.registrations.decide({ registrationId: id, decision: "refuse" }),
    );
    expect(noReason.code).toBe("BAD_REQUEST");
    expect(db.select().from(registrations).where(eq(registrations.id, id)).get()?.status).toBe(
      "pending",
    );
    await agent.staff.registrations.decide({
      registrationId: id,
      decision: "refuse",
      reason: "Dossier sans attestation d'assurance.",
    });
    const mail = db.select().from(mailOutbox).orderBy(desc(mailOutbox.id)).get();
    expect(mail?.subject).toBe("Inscription refusée : Jade — Accueil du soir");
    expect(mail?.textBody).toContain("Motif : Dossier sans attestation d'assurance.");
  });
});

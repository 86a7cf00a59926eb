import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { activityGroups, auditLog, dossierPieces, mailOutbox, registrations } from "@ef/db";
import { and, desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  addFamily,
  childId,
  dataDirOf,
  errorOf,
  freshDb,
  householdId,
  makeCaller,
  manualClock,
} from "../../../test/helpers";

function setup() {
  const db = freshDb();
  const clock = manualClock(); // Tuesday 1 December 2026, 08:00
  const martin = householdId(db, "F00001");
  const lea = childId(db, "Léa");
  const agent = makeCaller(db, { who: "agent", clock }).caller;
  const parent = makeCaller(db, { who: "F00001", clock }).caller;
  return { db, clock, martin, lea, agent, parent };
}
type TDb = ReturnType<typeof freshDb>;
type TAgent = ReturnType<typeof setup>["agent"];

const audits = (db: TDb, action: string) =>
  db.select().from(auditLog).where(eq(auditLog.action, action)).orderBy(desc(auditLog.id)).all();
const lastMail = (db: TDb) => db.select().from(mailOutbox).orderBy(desc(mailOutbox.id)).get();

/** Léa's Multisports group, as the console offers it to the agent. */
async function multisportsGroup(agent: TAgent, martin: number, lea: number) {
  const opts = await agent.paidRegistrations.options({ householdId: martin });
  const activity = opts
    .find((c) => c.childId === lea)
    ?.activities.find((a) => a.name === "Multisports");
  const group = activity?.items.find((i) => i.label.includes("6-8 ans"));
  if (!activity || !group?.groupId) throw new Error("no Multisports group for Léa");
  return { activityId: activity.activityId, group, groupId: group.groupId };
}

const registrationsOf = (db: TDb, child: number, groupId: number) =>
  db
    .select({
      status: registrations.status,
      createdBy: registrations.createdBy,
      priceCents: registrations.priceCents,
    })
    .from(registrations)
    .where(and(eq(registrations.childId, child), eq(registrations.groupId, groupId)))
    .all();

describe("Inscriptions en paiement at the desk", () => {
  it("the agent puts Léa in an EMS group, records a cheque, and the family gets the confirmation", async () => {
    const { db, martin, lea, agent, parent } = setup();
    const { activityId, group, groupId } = await multisportsGroup(agent, martin, lea);
    expect(group).toMatchObject({ available: true, placesLeft: 12 });
    // The parents' own procedure, for the family.
    const set = await agent.paidRegistrations.setItems({
      householdId: martin,
      version: 0,
      items: [{ childId: lea, activityId, groupId, sessionId: null, want: true }],
    });
    // The family sees the same panier, with the place held.
    const seen = await parent.basket.get({ householdId: martin });
    expect(seen.registrations.map((r) => [r.childId, r.groupId])).toEqual([[lea, groupId]]);
    expect(seen.toPayCents).toBeGreaterThan(0);
    const held = await parent.paidRegistrations.options({ householdId: martin });
    expect(
      held
        .find((c) => c.childId === lea)
        ?.activities.find((a) => a.activityId === activityId)
        ?.items.find((i) => i.groupId === groupId)?.placesLeft,
    ).toBe(11);

    // Paid at registration: "Terminer" needs the payment received at the guichet.
    const unpaid = await errorOf(
      agent.staff.desk.confirm({
        householdId: martin,
        basketId: set.basketId,
        version: set.version,
      }),
    );
    expect(unpaid.message).toContain("indiquez le règlement reçu au guichet");
    expect(registrationsOf(db, lea, groupId)).toEqual([]);

    const done = await agent.staff.desk.confirm({
      householdId: martin,
      basketId: set.basketId,
      version: set.version,
      deskPayment: { method: "cheque", reference: "Chèque n° 7654321" },
    });
    expect(done.paidAtDeskCents).toBe(seen.toPayCents);
    const agentId = audits(db, "desk.payment")[0]?.actorUserId;
    expect(registrationsOf(db, lea, groupId)).toEqual([
      { status: "validated", createdBy: agentId, priceCents: seen.toPayCents },
    ]);
    expect(audits(db, "desk.payment")[0]?.after).toEqual({
      amountCents: seen.toPayCents,
      method: "cheque",
      reference: "Chèque n° 7654321",
    });
    const mail = lastMail(db);
    expect(mail?.kind).toBe("booking_confirmation");
    expect(mail?.householdId).toBe(martin);
    expect(mail?.textBody).toContain("Léa");
    expect(mail?.textBody).toContain("Inscrit(e)");
    expect(mail?.textBody).toContain(group.label);
    expect(mail?.textBody).toContain("Réglé au guichet unique (chèque, Chèque n° 7654321)");
    // The family's page now says Léa is registered.
    const after = await parent.paidRegistrations.options({ householdId: martin });
    expect(
      after
        .find((c) => c.childId === lea)
        ?.activities.find((a) => a.activityId === activityId)
        ?.items.find((i) => i.groupId === groupId),
    ).toMatchObject({ available: false, reason: "déjà inscrit(e)" });
    expect((await parent.basket.get({ householdId: martin })).registrations).toEqual([]);
  });

  it("a full group only with a reason, kept in the audit log; never for the family", async () => {
    const { db, martin, lea, agent, parent } = setup();
    const { activityId, groupId, group } = await multisportsGroup(agent, martin, lea);
    // One place, taken by another family's child.
    db.update(activityGroups).set({ capacity: 1 }).where(eq(activityGroups.id, groupId)).run();
    const other = addFamily(db, { age: 7, activityCodes: [] });
    db.insert(registrations)
      .values({
        childId: other.childId,
        activityId,
        groupId,
        seasonId: 1,
        status: "validated",
        createdAt: new Date().toISOString(),
        priceCents: 0,
      })
      .run();
    const item = { childId: lea, activityId, groupId, sessionId: null, want: true };

    const parentTry = await errorOf(
      parent.paidRegistrations.setItems({ householdId: martin, version: 0, items: [item] }),
    );
    expect(parentTry.appCode).toBe("FULL");
    const full = await errorOf(
      agent.staff.desk.setPaidItems({ householdId: martin, version: 0, items: [item] }),
    );
    expect(full.appCode).toBe("FULL");
    expect(full.message).toContain("complet");
    expect(full.message).toContain("indiquez le motif du dépassement");
    expect((await agent.basket.get({ householdId: martin })).registrations).toEqual([]);
    const blank = await errorOf(
      agent.staff.desk.setPaidItems({
        householdId: martin,
        version: 0,
        items: [item],
        override: { reason: " " },
      }),
    );
    expect(blank.code).toBe("BAD_REQUEST");
    expect(audits(db, "desk.override")).toEqual([]);

    const reason = "Place accordée par l'éducateur sportif";
    const set = await agent.staff.desk.setPaidItems({
      householdId: martin,
      version: 0,
      items: [item],
      override: { reason },
    });
    expect(set.overridden).toBe(1);
    const logged = audits(db, "desk.override")[0];
    expect(logged?.householdId).toBe(martin);
    expect(logged?.after).toEqual({
      step: "inscriptions en paiement",
      reason,
      items: [`Léa — ${group.label}`],
    });
    const summary = await agent.basket.get({ householdId: martin });
    // Every line is judged again at "Terminer": the group is still over its places.
    const noReason = await errorOf(
      agent.staff.desk.confirm({
        householdId: martin,
        basketId: set.basketId,
        version: set.version,
        deskPayment: { method: "especes", reference: "" },
      }),
    );
    expect(noReason.appCode).toBe("FULL");
    expect(noReason.message).toContain("indiquez le motif du dépassement");
    expect(registrationsOf(db, lea, groupId)).toEqual([]);
    const done = await agent.staff.desk.confirm({
      householdId: martin,
      basketId: set.basketId,
      version: set.version,
      override: { reason },
      deskPayment: { method: "especes", reference: "" },
    });
    expect(done).toMatchObject({ paidAtDeskCents: summary.toPayCents, overridden: 1 });
    expect(audits(db, "desk.override")[0]?.after).toEqual({
      step: "confirmation",
      reason,
      days: [],
      items: [`Léa — ${group.label}`],
    });
    expect(registrationsOf(db, lea, groupId).map((r) => r.status)).toEqual(["validated"]);
    // Two children in a group of one: the override counts, knowingly.
    const now = await agent.paidRegistrations.options({ householdId: martin });
    expect(
      now
        .find((c) => c.childId === lea)
        ?.activities.find((a) => a.activityId === activityId)
        ?.items.find((i) => i.groupId === groupId)?.placesLeft,
    ).toBe(0);
  });

  it("unticks at the desk as the family does, and a stale panier is refused", async () => {
    const { martin, lea, agent } = setup();
    const { activityId, groupId } = await multisportsGroup(agent, martin, lea);
    const item = { childId: lea, activityId, groupId, sessionId: null };
    const set = await agent.staff.desk.setPaidItems({
      householdId: martin,
      version: 0,
      items: [{ ...item, want: true }],
    });
    expect(set.overridden).toBe(0);
    const stale = await errorOf(
      agent.staff.desk.setPaidItems({
        householdId: martin,
        version: 0,
        items: [{ ...item, want: false }],
      }),
    );
    expect(stale.code).toBe("CONFLICT");
    await agent.staff.desk.setPaidItems({
      householdId: martin,
      version: set.version,
      items: [{ ...item, want: false }],
    });
    expect((await agent.basket.get({ householdId: martin })).registrations).toEqual([]);
  });
});

describe("A dossier piece received at the desk", () => {
  it("the agent deposits the family's file, then accepts it", async () => {
    const db = freshDb();
    const clock = manualClock();
    const bernard = householdId(db, "F00002");
    const agent = makeCaller(db, { who: "agent", clock }).caller;
    const parent = makeCaller(db, { who: "F00002", clock }).caller;
    const pdf = Buffer.from("%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n").toString("base64");
    const sent = await agent.dossier.uploadPiece({
      householdId: bernard,
      kind: "assurance",
      file: { fileName: "attestation-assurance.pdf", contentBase64: pdf },
    });
    expect(sent).toMatchObject({ status: "uploaded", replaced: false });
    const dir = join(dataDirOf(db), "private", "pieces");
    expect(existsSync(dir) ? readdirSync(dir) : []).toHaveLength(1);
    const upload = audits(db, "dossier.piece.upload")[0];
    expect(upload?.householdId).toBe(bernard);
    expect(upload?.actorUserId).not.toBeNull();
    // The family sees the file in its dossier; the agent accepts it at once.
    const seen = await parent.dossier.get({ householdId: bernard });
    expect(seen?.pieces.find((p) => p.kind === "assurance")).toMatchObject({
      status: "uploaded",
      file: { name: "attestation-assurance.pdf" },
    });
    const got = await agent.staff.dossiers.get({ householdId: bernard });
    const piece = got?.pieces.find((p) => p.kind === "assurance");
    await agent.staff.dossiers.decide({
      pieceId: sent.pieceId,
      decision: "accept",
      uploadedAt: piece?.file?.uploadedAt ?? null,
    });
    expect(
      db
        .select({ status: dossierPieces.status })
        .from(dossierPieces)
        .where(eq(dossierPieces.id, sent.pieceId))
        .get()?.status,
    ).toBe("accepted");
    // Content decides, not the name; another family's dossier is out of reach for a parent.
    const fake = await errorOf(
      agent.dossier.uploadPiece({
        householdId: bernard,
        kind: "reglement",
        file: { fileName: "reglement.pdf", contentBase64: Buffer.from("hello").toString("base64") },
      }),
    );
    expect(fake.code).toBe("BAD_REQUEST");
    const martin = makeCaller(db, { who: "F00001", clock }).caller;
    const other = await errorOf(
      martin.dossier.uploadPiece({
        householdId: bernard,
        kind: "reglement",
        file: { fileName: "reglement.pdf", contentBase64: pdf },
      }),
    );
    expect(other.code).toBe("NOT_FOUND");
  });
});

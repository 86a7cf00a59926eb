import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { auditLog, dossierPieces, mailOutbox, registrations } from "@ef/db";
import { and, desc, eq } from "drizzle-orm";
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

const pdfBytes = Buffer.from("%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n");
const pngBytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const b64 = (b: Buffer) => b.toString("base64");

function setup() {
  const db = freshDb();
  const bernard = householdId(db, "F00002");
  const clock = manualClock();
  const parent = makeCaller(db, { who: "F00002", clock }).caller;
  const agent = makeCaller(db, { who: "agent", clock }).caller;
  const storedFiles = () => {
    const dir = join(dataDirOf(db), "private", "pieces");
    return existsSync(dir) ? readdirSync(dir) : [];
  };
  const upload = (
    kind: "assurance" | "vaccinations" | "justificatif_qf" | "reglement" | "fiche_sanitaire",
    bytes = pdfBytes,
    fileName = `${kind}.pdf`,
  ) =>
    parent.dossier.uploadPiece({
      householdId: bernard,
      kind,
      file: { fileName, contentBase64: b64(bytes) },
    });
  return { db, clock, bernard, parent, agent, storedFiles, upload };
}

describe("Mon dossier: the family sends its pieces", () => {
  it("shows each piece with the file already sent", async () => {
    const { bernard, parent } = setup();
    const dossier = await parent.dossier.get({ householdId: bernard });
    expect(dossier?.seasonCode).toBe("2026-2027");
    expect(dossier?.status).toBe("incomplete");
    expect(dossier?.pieces.map((p) => [p.kind, p.status])).toEqual([
      ["fiche_sanitaire", "uploaded"],
      ["vaccinations", "missing"],
      ["assurance", "missing"],
      ["justificatif_qf", "missing"],
      ["reglement", "missing"],
    ]);
    const sheet = dossier?.pieces[0];
    expect(sheet?.file).toMatchObject({ name: "fiche_sanitaire.pdf", mimeType: "application/pdf" });
    expect(sheet?.file?.url).toBe(`/fichiers/pieces/${sheet?.id}`);
  });

  it("stores an upload under DATA_DIR/private, typed from its content, waiting for an agent", async () => {
    const { db, bernard, parent, storedFiles, upload } = setup();
    const out = await upload("assurance", pngBytes, "C:\\Users\\moi\\Photo assurance.pdf");
    expect(out).toMatchObject({
      status: "uploaded",
      fileName: "Photo assurance.pdf",
      replaced: false,
    });
    const row = db.select().from(dossierPieces).where(eq(dossierPieces.id, out.pieceId)).get();
    // The name says PDF; the bytes say PNG, and the bytes win.
    expect(row).toMatchObject({
      status: "uploaded",
      mimeType: "image/png",
      sizeBytes: pngBytes.length,
    });
    expect(row?.filePath).toMatch(/^private\/pieces\/[0-9a-f]{32}\.png$/);
    expect(storedFiles()).toHaveLength(1);
    const dossier = await parent.dossier.get({ householdId: bernard });
    expect(dossier?.pieces.find((p) => p.kind === "assurance")?.status).toBe("uploaded");
    const log = db
      .select({ action: auditLog.action, entityId: auditLog.entityId })
      .from(auditLog)
      .orderBy(desc(auditLog.id))
      .get();
    expect(log).toEqual({ action: "dossier.piece.upload", entityId: String(out.pieceId) });
  });

  it("replaces a piece awaiting review and removes the old file", async () => {
    const { upload, storedFiles } = setup();
    const first = await upload("vaccinations");
    const firstFiles = storedFiles();
    const second = await upload("vaccinations", pngBytes, "carnet.png");
    expect(second).toMatchObject({
      pieceId: first.pieceId,
      replaced: true,
      fileName: "carnet.png",
    });
    expect(storedFiles()).toHaveLength(1);
    expect(storedFiles()).not.toEqual(firstFiles);
  });

  it("refuses a file that is not what it claims, or too large, and keeps nothing", async () => {
    const { db, upload, storedFiles } = setup();
    const fake = await errorOf(
      upload("assurance", Buffer.from("MZ\x90\x00 not a pdf"), "assurance.pdf"),
    );
    expect(fake).toMatchObject({ code: "BAD_REQUEST", appCode: "INVALID" });
    expect(fake.message).toContain("ni un PDF, ni une image JPEG ou PNG");
    const big = Buffer.alloc(5 * 1024 * 1024 + 1, 0x20);
    pdfBytes.copy(big);
    const tooBig = await errorOf(upload("assurance", big));
    expect(tooBig.message).toContain("5 Mo");
    expect(storedFiles()).toEqual([]);
    const piece = db
      .select({ status: dossierPieces.status, filePath: dossierPieces.filePath })
      .from(dossierPieces)
      .where(eq(dossierPieces.kind, "assurance"))
      .all();
    expect(piece.every((p) => p.status === "accepted" || p.filePath === null)).toBe(true);
  });

  it("refuses to replace an accepted piece, and removes the file it had written", async () => {
    const { db, storedFiles } = setup();
    const martin = householdId(db, "F00001");
    const { caller } = makeCaller(db, { who: "F00001" });
    const err = await errorOf(
      caller.dossier.uploadPiece({
        householdId: martin,
        kind: "assurance",
        file: { fileName: "a.pdf", contentBase64: b64(pdfBytes) },
      }),
    );
    expect(err).toMatchObject({ code: "CONFLICT" });
    expect(err.message).toContain("déjà acceptée");
    expect(storedFiles()).toEqual([]);
  });

  it("answers NOT_FOUND for another family's dossier", async () => {
    const { db } = setup();
    const { caller } = makeCaller(db, { who: "F00001" });
    const err = await errorOf(
      caller.dossier.uploadPiece({
        householdId: householdId(db, "F00002"),
        kind: "assurance",
        file: { fileName: "a.pdf", contentBase64: b64(pdfBytes) },
      }),
    );
    expect(err.code).toBe("NOT_FOUND");
  });
});

describe("the guichet unique checks the pieces", () => {
  it("lists the pieces to check, oldest first, with their file", async () => {
    const { agent, upload } = setup();
    const sent = await upload("reglement");
    const list = await agent.staff.dossiers.toReview();
    expect(list.map((p) => [p.accountCode, p.kind])).toEqual([
      ["F00002", "fiche_sanitaire"],
      ["F00002", "reglement"],
    ]);
    expect(list[1]).toMatchObject({
      pieceId: sent.pieceId,
      label: "Règlement intérieur signé",
      url: `/fichiers/pieces/${sent.pieceId}`,
      householdName: "Famille Bernard",
    });
  });

  it("refuses a piece only with a reason, which the family receives by mail", async () => {
    const { db, bernard, agent, parent, upload } = setup();
    const sent = await upload("assurance");
    const noReason = await errorOf(
      agent.staff.dossiers.decide({ pieceId: sent.pieceId, decision: "refuse", reason: " " }),
    );
    expect(noReason.code).toBe("BAD_REQUEST");
    expect(noReason.message).toContain("Indiquez le motif du refus");
    expect(
      db.select().from(dossierPieces).where(eq(dossierPieces.id, sent.pieceId)).get()?.status,
    ).toBe("uploaded");

    const out = await agent.staff.dossiers.decide({
      pieceId: sent.pieceId,
      decision: "refuse",
      reason: "L'attestation date de l'an dernier.",
    });
    expect(out).toEqual({ status: "refused", dossierComplete: false, validatedRegistrations: 0 });
    const mail = db
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.householdId, bernard), eq(mailOutbox.kind, "dossier_piece_refused")))
      .get();
    expect(mail?.toAddress).toBe("famille.bernard@example.fr");
    expect(mail?.subject).toContain("Attestation d'assurance");
    expect(mail?.textBody).toContain("Motif : L'attestation date de l'an dernier.");
    expect(mail?.textBody).toContain("http://localhost:3000/espace/dossier");

    // Decided once only.
    const again = await errorOf(
      agent.staff.dossiers.decide({ pieceId: sent.pieceId, decision: "accept" }),
    );
    expect(again.code).toBe("CONFLICT");
    const seen = await parent.dossier.get({ householdId: bernard });
    expect(seen?.pieces.find((p) => p.kind === "assurance")).toMatchObject({
      status: "refused",
      refusalReason: "L'attestation date de l'an dernier.",
    });
    // Refused: the family sends another one.
    expect((await upload("assurance")).status).toBe("uploaded");
  });

  it("does not decide on a file the family replaced since the agent opened it", async () => {
    const { db, clock, agent, upload } = setup();
    const first = await upload("reglement");
    const seen = (await agent.staff.dossiers.toReview()).find((p) => p.pieceId === first.pieceId);
    clock.advance(60_000);
    await upload("reglement", pngBytes, "reglement.png");
    const stale = await errorOf(
      agent.staff.dossiers.decide({
        pieceId: first.pieceId,
        decision: "accept",
        uploadedAt: seen?.uploadedAt ?? null,
      }),
    );
    expect(stale.code).toBe("CONFLICT");
    expect(stale.message).toContain("remplacé ce fichier");
    expect(
      db.select().from(dossierPieces).where(eq(dossierPieces.id, first.pieceId)).get()?.status,
    ).toBe("uploaded");
    const fresh = (await agent.staff.dossiers.toReview()).find((p) => p.pieceId === first.pieceId);
    const out = await agent.staff.dossiers.decide({
      pieceId: first.pieceId,
      decision: "accept",
      uploadedAt: fresh?.uploadedAt ?? null,
    });
    expect(out.status).toBe("accepted");
  });

  it("completes the dossier with the last piece and validates the waiting registration, with one mail", async () => {
    const { db, bernard, agent, parent, upload } = setup();
    const jade = childId(db, "Jade");
    const reg = await parent.registrations.create({
      householdId: bernard,
      childId: jade,
      activityId: activityId(db, "accueil_matin"),
    });
    expect(reg.status).toBe("pending");
    for (const kind of ["vaccinations", "assurance", "justificatif_qf", "reglement"] as const) {
      await upload(kind);
    }
    const pieces = await agent.staff.dossiers.get({ householdId: bernard });
    const ids = pieces?.pieces.map((p) => p.id ?? 0) ?? [];
    expect(ids).toHaveLength(5);
    for (const id of ids.slice(0, 4)) {
      expect(await agent.staff.dossiers.decide({ pieceId: id, decision: "accept" })).toEqual({
        status: "accepted",
        dossierComplete: false,
        validatedRegistrations: 0,
      });
    }
    expect(
      db.select().from(registrations).where(eq(registrations.childId, jade)).get()?.status,
    ).toBe("pending");

    const last = await agent.staff.dossiers.decide({ pieceId: ids[4] ?? 0, decision: "accept" });
    expect(last).toEqual({ status: "accepted", dossierComplete: true, validatedRegistrations: 1 });
    const validated = db.select().from(registrations).where(eq(registrations.childId, jade)).get();
    expect(validated?.status).toBe("validated");
    expect(validated?.decidedBy).not.toBeNull();

    const mails = db
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.householdId, bernard), eq(mailOutbox.kind, "dossier_complete")))
      .all();
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toBe(
      "Dossier Pass'Enfance Jeunesse complet (Année scolaire 2026-2027) — Espace Famille",
    );
    expect(mails[0]?.textBody).toContain("votre dossier est complet");
    expect(mails[0]?.textBody).toContain("Jade — Accueil du matin");

    const after = await agent.staff.dossiers.get({ householdId: bernard });
    expect(after?.status).toBe("complete");
    expect(after?.pieces.every((p) => p.status === "accepted" && p.reviewerName)).toBe(true);
    const actions = db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.householdId, bernard))
      .all()
      .map((a) => a.action);
    expect(actions).toContain("dossier.complete");
    expect(actions).toContain("registration.validate");
    // A new registration now validates at once.
    const next = await parent.registrations.create({
      householdId: bernard,
      childId: jade,
      activityId: activityId(db, "accueil_soir"),
    });
    expect(next.status).toBe("validated");
  });
});

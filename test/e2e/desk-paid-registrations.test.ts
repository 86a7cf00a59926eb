import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { children, dossierPieces, households, registrations } from "@ef/db";
import { and, eq, isNotNull, like } from "drizzle-orm";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { consoleLogIn, familyLogIn } from "../support/browser";
import { useE2E } from "../support/e2e";

// Tuesday 1 December 2026, 08:00 in Albertville: EMS groups and December outings are open.
const e2e = useE2E({ appNow: "2026-12-01T08:00:00+01:00" });
const SECTION = "Inscriptions en paiement (EMS, Territoire Jeune)";
const LEA_GROUP = "Léa — Multisports — Groupe 6-8 ans — mercredi matin (mercredi 09h30–11h00)";

function family(code: string) {
  const row = e2e.server.db
    .select({ id: households.id, email: households.email })
    .from(households)
    .where(eq(households.accountCode, code))
    .get();
  if (!row) throw new Error(`no demo family ${code}`);
  return row;
}

async function agentLogIn(desk: Page) {
  await consoleLogIn(desk);
  await desk.getByRole("link", { name: "Nouvelle famille" }).waitFor();
}

describe("Inscriptions en paiement at the desk", () => {
  it("the agent registers Léa in an EMS group, records a cheque, « Terminer »: the family gets the mail and sees the registration", async () => {
    const martin = family("F00001");
    const leaId =
      e2e.server.db
        .select({ id: children.id })
        .from(children)
        .where(and(eq(children.householdId, martin.id), eq(children.firstName, "Léa")))
        .get()?.id ?? 0;
    // Léa's registrations to an EMS group.
    const leaInGroups = () =>
      e2e.server.db
        .select({ status: registrations.status })
        .from(registrations)
        .where(and(eq(registrations.childId, leaId), isNotNull(registrations.groupId)))
        .all();
    const desk = await e2e.deskPage();
    await agentLogIn(desk);
    await desk.goto(`/console/foyers/${martin.id}`);
    await desk.getByRole("link", { name: "Réserver pour la famille" }).click();
    await desk.waitForURL(`**/console/foyers/${martin.id}/planning**`);

    const section = desk.getByRole("region", { name: SECTION });
    await section.getByRole("heading", { name: SECTION, level: 2 }).waitFor();
    const box = section.getByRole("checkbox", { name: LEA_GROUP, exact: true });
    await box.waitFor();
    const stateId = (await box.getAttribute("aria-describedby")) ?? "";
    const state = desk.locator(`[id="${stateId}"]`);
    expect(await state.textContent()).toContain("12 places restantes sur 12");
    // Nothing ticked: "Valider" says so, in French, and sends nothing.
    await section.getByRole("button", { name: "Valider" }).click();
    await section.getByText(/Aucun changement à valider/).waitFor();

    await box.check();
    await section.getByRole("button", { name: "Valider" }).click();
    await section.getByText(/Le panier de la famille est à jour/).waitFor();
    await expect.poll(() => state.textContent()).toContain("dans le panier");
    expect(await state.textContent()).toContain("11 places restantes");
    const recap = desk.getByRole("region", { name: "Récapitulatif" });
    await recap.getByText(`${LEA_GROUP} (`).waitFor();

    // Paid at registration: "Terminer" wants the payment received at the guichet.
    await recap.getByRole("button", { name: "Terminer" }).click();
    await recap.getByText("Choisissez le mode de règlement.").waitFor();
    expect(leaInGroups()).toEqual([]);
    await recap.getByLabel("Mode de règlement").selectOption("cheque");
    await recap.getByLabel("Référence (n° de chèque, CESU…)").fill("Chèque n° 1234567");
    await recap.getByRole("button", { name: "Terminer" }).click();
    await recap
      .getByText(/Réservations confirmées : .*1 inscription en paiement, .* réglés au guichet/)
      .waitFor();
    await recap.getByText("Le panier de la famille est vide.").waitFor();
    expect(leaInGroups()).toEqual([{ status: "validated" }]);
    // The console now says Léa is registered.
    await expect.poll(() => state.textContent()).toContain("déjà inscrit(e)");
    expect(await box.isDisabled()).toBe(true);

    const mail = await e2e.smtp.waitFor(
      (m) =>
        m.to.includes(martin.email) &&
        m.subject === "Confirmation de vos réservations — Espace Famille",
    );
    expect(mail.text).toContain("Inscrit(e)");
    expect(mail.text).toContain("Multisports — Groupe 6-8 ans — mercredi matin");
    expect(mail.text).toContain("Réglé au guichet unique (chèque, Chèque n° 1234567)");

    // The parent's home page shows the registration, validated.
    const phone = await e2e.phonePage();
    await familyLogIn(phone);
    const lea = phone.locator("article.card", { has: phone.getByRole("heading", { name: "Léa" }) });
    await lea.locator("li", { hasText: "Multisports" }).getByText("validée").waitFor();
  });

  it("a piece brought to the guichet is deposited in the family's dossier and accepted at once", async () => {
    const bernard = family("F00002");
    const desk = await e2e.deskPage();
    await agentLogIn(desk);
    await desk.goto(`/console/foyers/${bernard.id}`);
    const dossier = desk.getByRole("region", { name: "Dossier Pass'Enfance Jeunesse" });
    await dossier
      .getByRole("button", {
        name: "Déposer une pièce reçue au guichet : Attestation d'assurance (responsabilité civile)",
      })
      .click();
    const input = dossier.getByLabel(
      "Fichier pour « Attestation d'assurance (responsabilité civile) »",
    );
    // Not a PDF, JPEG or PNG: refused here, in French, before anything is sent.
    const dir = e2e.server.dataDir;
    const text = join(dir, "notes.txt");
    writeFileSync(text, "bonjour");
    await input.setInputFiles(text);
    await dossier.getByText("Envoyez un PDF ou une image JPEG ou PNG.").waitFor();
    const pdf = join(dir, "assurance.pdf");
    writeFileSync(pdf, "%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n");
    await input.setInputFiles(pdf);
    await dossier.getByRole("button", { name: "Déposer", exact: true }).click();
    await desk
      .getByText(
        /« Attestation d'assurance \(responsabilité civile\) » est déposée dans le dossier/,
      )
      .waitFor();
    await dossier.getByRole("link", { name: /assurance\.pdf/ }).waitFor();
    await dossier.getByRole("button", { name: /^Accepter : Attestation d'assurance/ }).click();
    await desk
      .getByText(/« Attestation d'assurance \(responsabilité civile\) » acceptée/)
      .waitFor();
    await dossier
      .getByText(/Acceptée le .* par/)
      .first()
      .waitFor();
    const piece = e2e.server.db
      .select({ status: dossierPieces.status, fileName: dossierPieces.fileName })
      .from(dossierPieces)
      // Uploaded files live under private/ (the demo's own files do not).
      .where(
        and(eq(dossierPieces.fileName, "assurance.pdf"), like(dossierPieces.filePath, "private/%")),
      )
      .all();
    expect(piece).toEqual([{ status: "accepted", fileName: "assurance.pdf" }]);
  });
});

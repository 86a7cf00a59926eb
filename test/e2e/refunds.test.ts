import { credits, households, payments } from "@ef/db";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { computeRun, issueRun } from "../../packages/api/src/billing/run";
import { consoleLogIn } from "../support/browser";
import { useE2E } from "../support/e2e";
import { bookPastDays } from "../support/past-days";

// Tuesday 1 December 2026: November is over and invoiced.
const e2e = useE2E({ appNow: "2026-12-01T08:00:00+01:00" });

beforeAll(() => {
  const db = e2e.server.db;
  const martin = db
    .select({ id: households.id })
    .from(households)
    .where(eq(households.accountCode, "F00001"))
    .get();
  const householdId = martin?.id ?? 0;
  // A payment PayFiP took whose places had gone meanwhile: flagged for refund.
  db.insert(payments)
    .values({
      householdId,
      amountCents: 2400,
      refdet: "EF202600000321",
      exer: 2026,
      objet: "Espace Famille reservations",
      mel: "famille.martin@example.fr",
      status: "paid",
      numauto: "654321",
      paidAt: "2026-11-30T09:00:00.000Z",
      expiresAt: "2026-11-30T09:20:00.000Z",
      needsRefund: true,
      refundNote: "une place n'était plus libre.",
      createdAt: "2026-11-30T08:55:00.000Z",
      updatedAt: "2026-11-30T09:00:00.000Z",
    })
    .run();
  // Léa's November lunches, invoiced (15,20 €), and an avoir of 20 € from a cancelled day.
  bookPastDays(db, {
    accountCode: "F00001",
    firstName: "Léa",
    activityCode: "restauration",
    dates: ["2026-11-02", "2026-11-03", "2026-11-05", "2026-11-06"],
    priceCents: 380,
  });
  issueRun(db, computeRun(db, "2026-11"), {
    month: "2026-11",
    now: new Date("2026-12-01T07:00:00Z"),
    userId: null,
    publicUrl: e2e.server.url,
  });
  db.insert(credits)
    .values({
      householdId,
      amountCents: 2000,
      reason: "Annulation dans les délais",
      createdAt: "2026-11-20T08:00:00.000Z",
    })
    .run();
});

describe("refunds and the avoir", () => {
  it("the agent records the refund of a flagged payment from the dashboard; the family is mailed", async () => {
    const desk = await e2e.deskPage();
    await consoleLogIn(desk);
    await desk.getByRole("heading", { name: "Paiements à rembourser" }).waitFor();
    await desk.getByRole("link", { name: "Rembourser le paiement EF202600000321" }).click();
    await desk.getByRole("heading", { name: "Remboursements", level: 1 }).waitFor();
    const form = desk.getByRole("form", { name: "Remboursement du paiement EF202600000321" });
    await form.getByText("Montant à rembourser : 24,00 €").waitFor();
    // Without a way and a reference: said on the fields, nothing sent.
    await form.getByRole("button", { name: "Enregistrer le remboursement" }).click();
    await form.getByText("Choisissez le moyen de remboursement.").waitFor();
    await form.getByLabel("Moyen de remboursement").selectOption("virement");
    await form.getByRole("button", { name: "Enregistrer le remboursement" }).click();
    await form.getByText(/Indiquez la référence du remboursement/).waitFor();
    await form.getByLabel("Référence du remboursement").fill("VIR-2026-0412");
    await form.getByRole("button", { name: "Enregistrer le remboursement" }).click();
    await desk
      .getByText(
        "Remboursement du paiement EF202600000321 enregistré (24,00 €). La famille en est informée par e-mail.",
      )
      .waitFor();
    await desk.getByText("Aucun paiement à rembourser.").waitFor();
    const done = desk.getByRole("row", { name: /EF202600000321/ });
    await done.getByText("Virement bancaire — VIR-2026-0412").waitFor();
    const mail = await e2e.smtp.waitFor(
      (m) =>
        m.to.includes("famille.martin@example.fr") &&
        m.subject === "Paiement EF202600000321 : remboursement effectué",
    );
    expect(mail.text).toContain("Référence : VIR-2026-0412");
    // The dashboard no longer lists it.
    await desk.getByRole("link", { name: "Tableau de bord" }).first().click();
    await desk.getByRole("heading", { name: "Paiements à rembourser" }).waitFor();
    await desk
      .getByRole("region", { name: "Paiements à rembourser" })
      .getByText("Aucun paiement à rembourser.")
      .waitFor();
  });

  it("the family pays its invoice with its avoir, without PayFiP, on the phone", async () => {
    const p = await e2e.phonePage();
    await p.goto("/espace/paiements");
    await p.waitForURL("**/connexion**");
    await p.getByLabel("Identifiant").fill("F00001");
    await p.getByLabel("Mot de passe", { exact: true }).fill("Martin-Albertville-2026");
    await p.getByRole("button", { name: "Se connecter" }).click();
    await p.waitForURL("**/espace/paiements");
    const card = p
      .getByRole("listitem")
      .filter({ has: p.getByRole("heading", { name: /^Facture FA-2026-\d{5}$/ }) });
    await card.getByText("Avoir utilisé : 15,20 €").waitFor();
    await card.getByText("Votre avoir couvre cette facture : rien à payer par carte.").waitFor();
    // The refunded payment in the history.
    await p.getByText(/remboursé \(virement bancaire\)/).waitFor();
    await card.getByRole("button", { name: "Payer avec mon avoir" }).click();
    await p.getByRole("heading", { name: "Facture payée avec votre avoir" }).waitFor();
    await card.getByText("Payée").waitFor();
    await p.getByText("Avoir disponible : 4,80 €").waitFor();
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    const receipt = await e2e.smtp.waitFor(
      (m) => m.to.includes("famille.martin@example.fr") && m.subject.startsWith("Reçu de paiement"),
    );
    expect(receipt.text).toContain("Avoir du foyer");
  });
});

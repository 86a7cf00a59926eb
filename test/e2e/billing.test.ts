import { join } from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { consoleLogIn } from "../support/browser";
import { useE2E } from "../support/e2e";
import { bookPastDays } from "../support/past-days";

// Tuesday 1 December 2026: November is over and can be invoiced.
const e2e = useE2E({ appNow: "2026-12-01T08:00:00+01:00" });
const CARD = "4111 1111 1111 1111";
/** Set E2E_SCREENSHOTS to a folder to keep pictures of the console and of "Paiements". */
const SHOTS = process.env.E2E_SCREENSHOTS;
async function shoot(p: Page, name: string) {
  if (SHOTS) await p.screenshot({ path: join(SHOTS, `billing-${name}.png`), fullPage: true });
}
const NOVEMBER = ["2026-11-02", "2026-11-03", "2026-11-05", "2026-11-06"];

beforeAll(() => {
  // Léa's November lunches, booked in October (past days cannot be booked through the app).
  bookPastDays(e2e.server.db, {
    accountCode: "F00001",
    firstName: "Léa",
    activityCode: "restauration",
    dates: NOVEMBER,
    priceCents: 380,
  });
  // Jade Bernard's two November evenings, paid at the desk in the second test.
  bookPastDays(e2e.server.db, {
    accountCode: "F00002",
    firstName: "Jade",
    activityCode: "accueil_soir",
    dates: ["2026-11-16", "2026-11-17"],
    priceCents: 250,
  });
});

describe("facturation", () => {
  it("November is invoiced at the desk; the Martin family gets the mail, opens the PDF and pays on the phone", async () => {
    // The agent: preview, then issue.
    const desk = await e2e.deskPage();
    await consoleLogIn(desk);
    await desk.getByRole("link", { name: "Facturation", exact: true }).click();
    await desk.getByRole("heading", { name: "Facturation", level: 1 }).waitFor();
    await desk.getByRole("heading", { name: "Aperçu — novembre 2026" }).waitFor();
    const row = desk.getByRole("row", { name: /F00001/ });
    await row.getByText("15,20 €").waitFor();
    await row.getByText("Lignes (4)").click();
    await row.getByText("Léa — Restauration scolaire (midi) — lundi 2 novembre : 3,80 €").waitFor();

    await shoot(desk, "apercu");
    // A month not over yet says why.
    await desk.getByLabel("Mois facturé").fill("2026-12");
    await desk
      .getByText(
        "Le mois de décembre 2026 n'est pas terminé : sa facturation sera possible à partir du 1er janvier 2027.",
      )
      .waitFor();
    await desk.getByLabel("Mois facturé").fill("2026-11");
    await desk.getByRole("heading", { name: "Aperçu — novembre 2026" }).waitFor();

    await desk.getByRole("button", { name: "Émettre les factures" }).click();
    await desk.getByRole("button", { name: /Confirmer l'émission de \d+ facture/ }).click();
    await desk.getByText(/\d+ factures? émises? pour/).waitFor();
    await desk.getByText("Aucune facture à émettre pour ce mois.").waitFor();
    await shoot(desk, "emises");
    const issued = desk.getByRole("row", { name: /F00001/ });
    const number =
      (await issued.getByRole("link", { name: /^FA-2026-\d{5}$/ }).textContent())?.trim() ?? "";
    expect(number).toMatch(/^FA-2026-\d{5}$/);

    // The mail.
    const mail = await e2e.smtp.waitFor(
      (m) =>
        m.to.includes("famille.martin@example.fr") &&
        m.subject === "Votre facture du mois est disponible — novembre 2026",
    );
    expect(mail.text).toContain(number);
    expect(mail.text).toContain("15,20");
    const link = /https?:\/\/\S+\/espace\/paiements/.exec(mail.text)?.[0];
    expect(link).toBeDefined();

    // The parent, on the phone, from the mail's link.
    const p = await e2e.phonePage();
    await p.goto(new URL(link ?? "/", e2e.server.url).pathname);
    await p.waitForURL("**/connexion**");
    await p.getByLabel("Identifiant").fill("F00001");
    await p.getByLabel("Mot de passe", { exact: true }).fill("Martin-Albertville-2026");
    await p.getByRole("button", { name: "Se connecter" }).click();
    // Back to where the mail's link pointed.
    await p.waitForURL("**/espace/paiements");
    await p.getByRole("heading", { name: "Paiements", level: 1 }).waitFor();
    const card = p
      .getByRole("listitem")
      .filter({ has: p.getByRole("heading", { name: `Facture ${number}` }) });
    await card.getByText("À payer avant le 15 janvier 2027").waitFor();
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    // The PDF opens for the family (and for nobody else).
    await shoot(p, "paiements");
    const pdfLink = card.getByRole("link", { name: "Voir la facture (PDF)" });
    const href = (await pdfLink.getAttribute("href")) ?? "";
    const pdf = await p.request.get(href);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    const bytes = (await pdf.body()).toString("latin1");
    expect(bytes.startsWith("%PDF-1.4")).toBe(true);
    expect(bytes).toContain(number);
    expect(bytes).toContain("Ville d'Albertville");
    const anonymous = await fetch(new URL(href, e2e.server.url));
    expect(anonymous.status).toBe(404);

    // "Payer": PayFiP's card page, then back to "Paiements".
    const payButton = card.getByRole("button", { name: "Payer 15,20 €" });
    const box = await payButton.boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
    await payButton.click();
    await p.waitForURL("**/payfip-simulator/paiement?idop=*");
    await p.getByLabel("Numéro de carte").fill(CARD);
    await p.getByLabel("Date d'expiration (MM/AA)").fill("12/30");
    await p.getByLabel("Cryptogramme").fill("123");
    await p.getByRole("button", { name: "Payer", exact: true }).click();
    await p.waitForURL("**/espace/paiements?**");
    await p.getByRole("heading", { name: "Paiement accepté" }).waitFor();
    await card.getByText("Payée", { exact: true }).waitFor();
    await shoot(p, "payee");
    await p.getByText(`Facture ${number} — 15,20 €`).waitFor();
    await e2e.smtp.waitFor(
      (m) =>
        m.to.includes("famille.martin@example.fr") &&
        m.subject === `Reçu de paiement — facture ${number}`,
    );
  });

  it("at the desk: a cheque for the Bernard invoice, checked on the field, then the invoice is paid and the statement balanced", async () => {
    const desk = await e2e.deskPage();
    await consoleLogIn(desk);
    await desk.getByRole("link", { name: "Facturation", exact: true }).click();
    await desk.getByRole("link", { name: "Factures impayées" }).click();
    await desk.getByRole("heading", { name: "Factures impayées", level: 1 }).waitFor();
    const row = desk.getByRole("row", { name: /F00002/ });
    await row.getByText("5,00 €").waitFor();
    await row.getByRole("button", { name: /Enregistrer un paiement/ }).click();
    await row.getByLabel("Moyen de paiement").selectOption({ label: "Chèque" });
    await row.getByRole("button", { name: "Enregistrer le paiement" }).click();
    await row.getByText("Indiquez le numéro du chèque.").waitFor();
    expect(await row.getByLabel("Montant reçu (€)").inputValue()).toBe("5,00");
    await row.getByLabel("Référence (numéro de chèque, titres CESU…)").fill("7654321");
    await row.getByRole("button", { name: "Enregistrer le paiement" }).click();
    await desk.getByText(/Paiement enregistré : la facture FA-2026-\d{5} est payée\./).waitFor();
    await desk.getByRole("row", { name: /F00002/ }).waitFor({ state: "detached" });

    // The household's file links to its statement.
    const bernard = e2e.server.db.$client
      .prepare("select id from households where account_code = 'F00002'")
      .get() as { id: number };
    await desk.goto(`/console/foyers/${bernard.id}`);
    await desk.getByRole("link", { name: "Relevé de compte (factures, paiements, solde)" }).click();
    await desk.getByRole("heading", { name: /Relevé de compte — Famille Bernard/ }).waitFor();
    await desk.getByText(/Règlement FA-2026-\d{5} — Chèque \(7654321\)/).waitFor();
    expect(await desk.locator("p", { hasText: "reste à payer" }).textContent()).toContain("0,00");
  });
});

import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { familyLogIn, watchErrors } from "../support/browser";
import { useE2E } from "../support/e2e";

// Tuesday 1 December 2026, 08:00 in Albertville: the Christmas holidays (from Monday 21) are open.
const APP_NOW = "2026-12-01T08:00:00+01:00";
const VACANCES = "Vacances — élémentaires (6-11 ans)";
const CARD = "4111 1111 1111 1111";
const REFUSED_CARD = "4000 0000 0000 0002";
const PAYFIP_TITLE = "PayFiP — paiement par carte bancaire (simulateur)";
/** Set E2E_SCREENSHOTS to a folder to keep pictures of the récapitulatif and the outcome. */
const SHOTS = process.env.E2E_SCREENSHOTS;

const e2e = useE2E({ appNow: APP_NOW });

beforeAll(() => {
  if (SHOTS) mkdirSync(SHOTS, { recursive: true });
});

function simulator() {
  const sim = e2e.server.simulator;
  if (!sim) throw new Error("the server runs without the PayFiP simulator");
  return sim.control;
}

async function shoot(p: Page, name: string, fullPage = true) {
  if (SHOTS) await p.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });
}

/** Léa to the vacation days: "Inscription" → child → "Accueils de loisirs" → activity. */
async function registerLea(p: Page) {
  await p.getByRole("link", { name: "Inscription", exact: true }).click();
  await p.getByRole("heading", { name: "Inscription", level: 1 }).waitFor();
  await p.getByRole("link", { name: "Inscrire les enfants à de nouvelles activités" }).click();
  await p.getByRole("radio", { name: "Léa", exact: true }).check();
  await p.getByRole("button", { name: "Continuer" }).click();
  await p.getByRole("radio", { name: "Accueils de loisirs", exact: true }).check();
  await p.getByRole("button", { name: "Continuer" }).click();
  await p.getByRole("radio", { name: VACANCES, exact: true }).check();
  await p.getByRole("button", { name: "Enregistrer" }).click();
  await p
    .getByText("Inscription validée : vous pouvez réserver les jours dans le Planning.")
    .waitFor();
}

/** The row of the vacation days on a day of the planning (view mode). */
function cell(p: Page, day: string): Locator {
  return p
    .locator("li.day", { has: p.getByRole("heading", { name: day, exact: true }) })
    .locator(".cell", { hasText: VACANCES });
}

async function december(p: Page) {
  await p.goto("/espace/planning?mois=2026-12");
  await p.getByRole("heading", { name: "décembre 2026", exact: true }).waitFor();
  await p.getByRole("button", { name: "Modifier" }).waitFor();
}

/** "Modifier", tick the days, "Valider", then "Terminer les modifications". */
async function putInPanier(p: Page, days: string[]) {
  await december(p);
  await p.getByRole("button", { name: "Modifier" }).click();
  for (const day of days) {
    await p.getByRole("checkbox", { name: `Léa — ${VACANCES} — ${day}`, exact: true }).check();
  }
  await p.getByRole("button", { name: "Valider" }).click();
  for (const day of days) await cell(p, day).getByText("Dans le panier — à réserver").waitFor();
  await p.getByRole("link", { name: "Terminer les modifications" }).first().click();
  await p.waitForURL("**/espace/panier");
  await p.getByRole("heading", { name: "Récapitulatif", level: 1 }).waitFor();
}

/** On PayFiP's card page: the card, then its "Payer". */
async function payByCard(p: Page, card: string) {
  await p.waitForURL("**/payfip-simulator/paiement?idop=*");
  expect(await p.title()).toBe(PAYFIP_TITLE);
  await p.getByLabel("Numéro de carte").fill(card);
  await p.getByLabel("Date d'expiration (MM/AA)").fill("12/30");
  await p.getByLabel("Cryptogramme").fill("123");
  await p.getByRole("button", { name: "Payer", exact: true }).click();
  await p.waitForURL("**/espace/paiement/retour?paiement=*");
  await p.getByRole("heading", { name: "Paiement", level: 1 }).waitFor();
}

const outcome = (p: Page) => p.locator(".outcome[role=status]");
const banner = (p: Page, text: string) => p.getByRole("status").filter({ hasText: text });

async function noSideScroll(p: Page) {
  expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
}

describe("paying the accueils de loisirs through PayFiP on a phone (375×667)", () => {
  it("F00001 books two vacation days for Léa and pays; the ticket is mailed; the days are booked", async () => {
    const p = await e2e.phonePage();
    await familyLogIn(p);
    await registerLea(p);

    // The vacation days show like the others: free places and the price of the day.
    await december(p);
    await cell(p, "lundi 21 décembre").getByText("Libre (40 places)").waitFor();
    await cell(p, "lundi 21 décembre")
      .getByText(/\d+,\d\d\s€/)
      .waitFor();
    await noSideScroll(p);
    await cell(p, "lundi 21 décembre").scrollIntoViewIfNeeded();
    await shoot(p, "planning-vacances", false);

    await putInPanier(p, ["lundi 21 décembre", "mardi 22 décembre"]);
    for (const day of ["lundi 21 décembre", "mardi 22 décembre"]) {
      await p.locator(".line", { hasText: day }).getByText("à payer maintenant").waitFor();
    }
    await p.getByText("Montant à payer :").waitFor();
    // Days to pay: "Payer", not "Terminer"; the other ways out stay.
    expect(await p.getByRole("button", { name: "Terminer", exact: true }).count()).toBe(0);
    await p.getByRole("link", { name: "Modifier encore" }).waitFor();
    await p.getByRole("button", { name: "Annuler les modifications" }).waitFor();
    await noSideScroll(p);
    await shoot(p, "recapitulatif-payer");

    // A double tap sends once and opens one payment.
    const before = simulator().operations().length;
    let starts = 0;
    p.on("request", (r) => {
      if (r.url().includes("payment.start")) starts++;
    });
    await p.getByRole("button", { name: "Payer", exact: true }).dblclick();
    await payByCard(p, CARD);
    expect(starts).toBe(1);
    expect(simulator().operations()).toHaveLength(before + 1);

    await outcome(p).getByRole("heading", { name: "Paiement accepté" }).waitFor();
    await outcome(p)
      .getByText(/Référence : EF2026\d{8}/)
      .waitFor();
    await outcome(p)
      .getByText(/Numéro d'autorisation : \d{6}/)
      .waitFor();
    await noSideScroll(p);
    await shoot(p, "retour-paiement-accepte");
    const refdet = (
      await outcome(p)
        .getByText(/^Référence/)
        .textContent()
    )?.replace(/^Référence : /, "");

    const ticket = await e2e.smtp.waitFor(
      (m) =>
        m.subject.startsWith("Ticket de paiement EF2026") &&
        m.to.includes("famille.martin@example.fr"),
    );
    expect(ticket.subject).toContain(refdet ?? "?");
    expect(ticket.text).toContain("lundi 21 décembre");
    expect(ticket.text).toContain("mardi 22 décembre");

    // A reload shows the same outcome: it lives on the e2e.server.
    await p.reload();
    await outcome(p).getByRole("heading", { name: "Paiement accepté" }).waitFor();
    expect(await banner(p, "non confirmé").count()).toBe(0);

    await p.getByRole("link", { name: "Voir mon planning" }).click();
    await p.getByRole("heading", { name: "décembre 2026", exact: true }).waitFor();
    for (const day of ["lundi 21 décembre", "mardi 22 décembre"]) {
      await cell(p, day).getByText("Réservé", { exact: true }).waitFor();
    }
    await cell(p, "mercredi 23 décembre").getByText("Libre (40 places)").waitFor();
    expect(
      e2e.smtp.messages.filter((m) => m.subject.startsWith("Ticket de paiement")),
    ).toHaveLength(1);
  });

  it("a refused card books nothing and keeps the panier; « Payer à nouveau » with a good card books", async () => {
    const p = await e2e.phonePage();
    await familyLogIn(p);
    const tickets = () =>
      e2e.smtp.messages.filter((m) => m.subject.startsWith("Ticket de paiement"));
    const ticketsBefore = tickets().length;

    await putInPanier(p, ["mercredi 23 décembre", "jeudi 24 décembre"]);
    await p.getByRole("button", { name: "Payer", exact: true }).click();
    await payByCard(p, REFUSED_CARD);
    await outcome(p).getByRole("heading", { name: "Paiement refusé" }).waitFor();
    await outcome(p)
      .getByText(/rien n'a été réservé/)
      .waitFor();
    await noSideScroll(p);
    await shoot(p, "retour-paiement-refuse");
    // The panier is intact, and says so on every page.
    await banner(p, "2 changements non confirmés — Terminer les modifications").waitFor();

    await december(p);
    for (const day of ["mercredi 23 décembre", "jeudi 24 décembre"]) {
      await cell(p, day).getByText("Dans le panier — à réserver").waitFor();
    }
    await p.goBack();
    await outcome(p).getByRole("heading", { name: "Paiement refusé" }).waitFor();

    await p.getByRole("link", { name: "Payer à nouveau" }).click();
    await p.waitForURL("**/espace/panier");
    await p.locator(".line", { hasText: "jeudi 24 décembre" }).waitFor();
    await p.getByRole("button", { name: "Payer", exact: true }).click();
    await payByCard(p, CARD);
    await outcome(p).getByRole("heading", { name: "Paiement accepté" }).waitFor();

    const ticket = await e2e.smtp.waitFor((m) => m.text.includes("jeudi 24 décembre"));
    expect(ticket.subject).toMatch(/^Ticket de paiement EF2026/);
    expect(tickets()).toHaveLength(ticketsBefore + 1);
    await p.getByRole("link", { name: "Voir mon planning" }).click();
    await p.getByRole("heading", { name: "décembre 2026", exact: true }).waitFor();
    for (const day of ["mercredi 23 décembre", "jeudi 24 décembre"]) {
      await cell(p, day).getByText("Réservé", { exact: true }).waitFor();
    }
  });

  it("back, forward and a reload on the way to PayFiP block nothing; « Payer » again resumes the same payment", async () => {
    const p = await e2e.phonePage();
    await familyLogIn(p);
    await putInPanier(p, ["lundi 28 décembre", "mardi 29 décembre"]);
    const operations = simulator().operations().length;
    await p.getByRole("button", { name: "Payer", exact: true }).click();
    await p.waitForURL("**/payfip-simulator/paiement?idop=*");
    const cardPage = p.url();

    // Back to the récapitulatif, forward to PayFiP, back again and a reload.
    await p.goBack();
    await p.waitForURL("**/espace/panier");
    await p.getByRole("button", { name: "Payer", exact: true }).waitFor();
    await p.goForward();
    await p.waitForURL(cardPage);
    await p.getByLabel("Numéro de carte").waitFor();
    await p.goBack();
    await p.waitForURL("**/espace/panier");
    await p.reload();
    await p.locator(".line", { hasText: "mardi 29 décembre" }).waitFor();

    // The panier is frozen while PayFiP has not answered: the message shows the way back.
    await p.getByRole("button", { name: "Annuler les modifications" }).click();
    await p.getByRole("button", { name: "Oui, annuler les modifications" }).click();
    await p
      .getByRole("alert")
      .getByText(/Un paiement est en cours pour ce panier/)
      .waitFor();
    await p.getByRole("button", { name: "Reprendre le paiement" }).click();
    await p.waitForURL(cardPage);

    // "Payer" again from the récapitulatif: the same page, the same idop.
    await p.goBack();
    await p.waitForURL("**/espace/panier");
    await p.getByRole("button", { name: "Payer", exact: true }).click();
    await p.waitForURL(cardPage);
    expect(simulator().operations()).toHaveLength(operations + 1);

    // A second tab on the page PayFiP will come back to: it waits, asking every 2 s.
    const back = new URL(simulator().operations().at(-1)?.request.urlredirect ?? "/");
    const other = await p.context().newPage();
    const otherErrors = watchErrors(other);
    await other.goto(back.pathname + back.search);
    await outcome(other).getByRole("heading", { name: "Paiement en cours" }).waitFor();
    await outcome(other).getByText("Nous attendons la réponse de PayFiP…").waitFor();

    await payByCard(p, CARD);
    await outcome(p).getByRole("heading", { name: "Paiement accepté" }).waitFor();
    await outcome(other)
      .getByRole("heading", { name: "Paiement accepté" })
      .waitFor({ timeout: 10_000 });
    await other.close();
    expect(otherErrors).toEqual([]);
    // Back on PayFiP's page once paid: it says so and leads back; the outcome page stays right.
    await p.goBack();
    await p.waitForURL(cardPage);
    await p.getByText("Ce paiement est déjà traité.").waitFor();
    await p.getByRole("link", { name: "Retourner sur le site de la ville" }).click();
    await p.waitForURL("**/espace/paiement/retour?paiement=*");
    await outcome(p).getByRole("heading", { name: "Paiement accepté" }).waitFor();

    await december(p);
    for (const day of ["lundi 28 décembre", "mardi 29 décembre"]) {
      await cell(p, day).getByText("Réservé", { exact: true }).waitFor();
    }
    await simulator().settled();
  });

  it("a paid day cancelled in time becomes an avoir, which the next « Payer » uses first", async () => {
    const p = await e2e.phonePage();
    await familyLogIn(p);
    // Unticking a paid day: "Terminer" (nothing to pay), its price given back as avoir.
    await december(p);
    await p.getByRole("button", { name: "Modifier" }).click();
    await p
      .getByRole("checkbox", { name: `Léa — ${VACANCES} — mardi 29 décembre`, exact: true })
      .uncheck();
    await p.getByRole("button", { name: "Valider" }).click();
    await cell(p, "mardi 29 décembre").getByText("Dans le panier — à annuler").waitFor();
    await p.getByRole("link", { name: "Terminer les modifications" }).first().click();
    await p.getByRole("heading", { name: "Jours annulés" }).waitFor();
    await p
      .locator(".line", { hasText: "mardi 29 décembre" })
      .getByText("montant rendu en avoir")
      .waitFor();
    await p.getByRole("button", { name: "Terminer", exact: true }).click();
    await p.getByText("Vos modifications sont enregistrées.", { exact: false }).waitFor();

    await putInPanier(p, ["mercredi 30 décembre", "jeudi 31 décembre"]);
    const price = p.locator(".line", { hasText: "jeudi 31 décembre" }).locator(".line__price");
    const day = (await price.textContent()) ?? "";
    await p.getByText("Montant à payer :").waitFor();
    await p.getByText(`Avoir utilisé : − ${day}`).waitFor();
    await p.getByText(`Reste à payer : ${day}`).waitFor();
    await noSideScroll(p);
    await shoot(p, "recapitulatif-avoir");
    await p.getByRole("button", { name: "Payer", exact: true }).click();
    await p.waitForURL("**/payfip-simulator/paiement?idop=*");
    await p.getByText(day, { exact: true }).waitFor();
    await p.getByLabel("Numéro de carte").fill(CARD);
    await p.getByLabel("Date d'expiration (MM/AA)").fill("12/30");
    await p.getByLabel("Cryptogramme").fill("123");
    await p.getByRole("button", { name: "Payer", exact: true }).click();
    await p.waitForURL("**/espace/paiement/retour?paiement=*");
    await outcome(p).getByRole("heading", { name: "Paiement accepté" }).waitFor();
    await outcome(p).getByText(`Avoir utilisé : ${day}`).waitFor();
    await outcome(p).getByText(`Montant payé par carte : ${day}`).waitFor();
    await simulator().settled();
  });
});

import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { deskContext, familyLogIn, phoneContext, watchErrors } from "../support/browser";
import { useE2E } from "../support/e2e";

// The server's clock starts on Tuesday 1 December 2026 at 08:00, Paris time: January's days are
// open (J-2 before 12:00), December's first days are already closed.
const APP_NOW = "2026-12-01T08:00:00+01:00";
const CONFIRMATION = "Confirmation de vos réservations — Espace Famille";

const e2e = useE2E({ appNow: APP_NOW });

/** "Inscription" → "Inscrire les enfants à de nouvelles activités" → child → type → activity. */
async function register(p: Page, child: string, type: string, activity: string) {
  await p.getByRole("link", { name: "Inscription", exact: true }).click();
  await p.waitForURL("**/espace/inscription");
  await p.getByRole("heading", { name: "Inscription", level: 1 }).waitFor();
  await p.getByRole("link", { name: "Inscrire les enfants à de nouvelles activités" }).click();
  await p.getByRole("radio", { name: child, exact: true }).check();
  await p.getByRole("button", { name: "Continuer" }).click();
  await p.getByRole("radio", { name: type, exact: true }).check();
  await p.getByRole("button", { name: "Continuer" }).click();
  await p.getByRole("radio", { name: activity, exact: true }).check();
  await p.getByRole("button", { name: "Enregistrer" }).click();
}

/** The row of an activity on a day of the planning (view mode). */
function cell(p: Page, day: string, activity: string): Locator {
  return p
    .locator("li.day", { has: p.getByRole("heading", { name: day, exact: true }) })
    .locator(".cell", { hasText: activity });
}

async function showMonth(p: Page, label: string) {
  await p.getByRole("heading", { name: label, exact: true }).waitFor();
  await p.getByRole("button", { name: "Modifier" }).waitFor();
}

async function noSideScroll(p: Page) {
  expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
}

const JANUARY = ["jeudi 7 janvier", "vendredi 8 janvier", "lundi 11 janvier"];
const banner = (p: Page, text: string) => p.getByRole("status").filter({ hasText: text });

describe("inscription and planning on a phone (375×667)", () => {
  it("F00001 registers Léa, books three January evenings through the panier, then cancels one", async () => {
    const p = await e2e.phonePage();
    await familyLogIn(p);

    await register(p, "Léa", "Accueils périscolaires", "Accueil du soir");
    await p
      .getByText("Inscription validée : vous pouvez réserver les jours dans le Planning.")
      .waitFor();
    const lea = p.locator("article", { has: p.getByRole("heading", { name: "Léa" }) });
    await lea.locator("li", { hasText: "Accueil du soir" }).getByText("validée").waitFor();

    // The planning opens on the server's month, décembre 2026; January is next.
    await p.getByRole("link", { name: "Planning", exact: true }).first().click();
    await p.waitForURL("**/espace/planning**");
    await showMonth(p, "décembre 2026");
    await cell(p, "jeudi 3 décembre", "Restauration scolaire (midi)")
      .getByText("Réservé")
      .waitFor();
    await cell(p, "mardi 1er décembre", "Accueil du soir")
      .getByText(/Fermé — était modifiable jusqu.au/)
      .waitFor();
    await noSideScroll(p);
    // In edit mode a closed day's box is disabled, a booked one ticked; "Annuler" sends nothing.
    await p.getByRole("button", { name: "Modifier" }).click();
    const closed = p.getByRole("checkbox", {
      name: "Léa — Accueil du soir — mardi 1er décembre",
      exact: true,
    });
    expect(await closed.isDisabled()).toBe(true);
    const lunch = p.getByRole("checkbox", {
      name: "Léa — Restauration scolaire (midi) — jeudi 3 décembre",
      exact: true,
    });
    expect(await lunch.isChecked()).toBe(true);
    await p.getByRole("button", { name: "Annuler", exact: true }).click();
    await p.getByRole("button", { name: "Modifier" }).waitFor();
    expect(await p.getByRole("checkbox").count()).toBe(0);

    await p.getByRole("link", { name: "Mois suivant", exact: true }).click();
    await p.waitForURL("**/espace/planning?mois=2027-01");
    await showMonth(p, "janvier 2027");
    await cell(p, "jeudi 7 janvier", "Accueil du soir").getByText("Libre").waitFor();

    await p.getByRole("button", { name: "Modifier" }).click();
    for (const day of JANUARY) {
      const box = p.getByRole("checkbox", { name: `Léa — Accueil du soir — ${day}`, exact: true });
      expect(await box.isChecked()).toBe(false);
      await box.check();
    }
    // A day not offered (1 January) has no box at all.
    expect(
      await p
        .getByRole("checkbox", { name: "Léa — Accueil du soir — vendredi 1er janvier" })
        .count(),
    ).toBe(0);
    await noSideScroll(p);
    await p.getByRole("button", { name: "Valider" }).click();
    await p.getByText("Vos changements sont dans le panier.", { exact: false }).waitFor();
    for (const day of JANUARY) {
      await cell(p, day, "Accueil du soir").getByText("Dans le panier — à réserver").waitFor();
    }
    await banner(p, "3 changements non confirmés — Terminer les modifications").waitFor();

    // The month arrows and the browser's own buttons keep the panier.
    await p.getByRole("link", { name: "Mois précédent", exact: true }).click();
    await showMonth(p, "décembre 2026");
    await banner(p, "3 changements non confirmés").waitFor();
    await p.getByRole("link", { name: "Mois suivant", exact: true }).click();
    await showMonth(p, "janvier 2027");
    for (const day of JANUARY) {
      await cell(p, day, "Accueil du soir").getByText("Dans le panier — à réserver").waitFor();
    }
    await p.goBack();
    await showMonth(p, "décembre 2026");
    await p.goForward();
    await showMonth(p, "janvier 2027");
    await p.reload();
    await showMonth(p, "janvier 2027");
    await cell(p, "lundi 11 janvier", "Accueil du soir")
      .getByText("Dans le panier — à réserver")
      .waitFor();
    await banner(p, "3 changements non confirmés").waitFor();

    // The récapitulatif, then "Terminer": once, whatever the taps.
    await p.getByRole("link", { name: "Terminer les modifications" }).first().click();
    await p.waitForURL("**/espace/panier");
    await p.getByRole("heading", { name: "Récapitulatif", level: 1 }).waitFor();
    await p.getByRole("heading", { name: "Jours ajoutés" }).waitFor();
    for (const day of JANUARY) {
      await p.locator(".line", { hasText: day }).getByText("Accueil du soir").waitFor();
    }
    await p.getByText("facturé en fin de mois").first().waitFor();
    await noSideScroll(p);
    await p.getByRole("button", { name: "Terminer", exact: true }).dblclick();
    await p
      .getByText(
        "Vos modifications sont enregistrées. Un e-mail de confirmation vous a été envoyé.",
      )
      .waitFor();

    const booked = await e2e.smtp.waitFor(
      (m) => m.subject === CONFIRMATION && m.to.includes("famille.martin@example.fr"),
    );
    for (const day of JANUARY) expect(booked.text).toContain(`Réservé — ${day}`);
    expect(booked.text).toContain("Accueil du soir");

    await p.getByRole("link", { name: "Planning", exact: true }).click();
    await showMonth(p, "janvier 2027");
    for (const day of JANUARY) {
      await cell(p, day, "Accueil du soir").getByText("Réservé", { exact: true }).waitFor();
    }
    expect(await banner(p, "non confirmé").count()).toBe(0);

    // Unticking a booked day and confirming cancels it; the mail says so.
    await p.getByRole("button", { name: "Modifier" }).click();
    const friday = p.getByRole("checkbox", {
      name: "Léa — Accueil du soir — vendredi 8 janvier",
      exact: true,
    });
    expect(await friday.isChecked()).toBe(true);
    await friday.uncheck();
    await p.getByRole("button", { name: "Valider" }).click();
    await cell(p, "vendredi 8 janvier", "Accueil du soir")
      .getByText("Dans le panier — à annuler")
      .waitFor();
    await banner(p, "1 changement non confirmé").waitFor();
    await p.getByRole("link", { name: "Terminer les modifications" }).first().click();
    await p.getByRole("heading", { name: "Jours annulés" }).waitFor();
    await p.locator(".line", { hasText: "vendredi 8 janvier" }).waitFor();
    await p.getByRole("button", { name: "Terminer", exact: true }).click();
    await p.getByText("Vos modifications sont enregistrées.", { exact: false }).waitFor();
    const cancelled = await e2e.smtp.waitFor(
      (m) => m.subject === CONFIRMATION && m.text.includes("Annulé — vendredi 8 janvier"),
    );
    expect(cancelled.text).not.toContain("Réservé — jeudi 7 janvier");
    // One mail per "Terminer", the double tap included.
    expect(e2e.smtp.messages.filter((m) => m.subject === CONFIRMATION)).toHaveLength(2);

    await p.getByRole("link", { name: "Planning", exact: true }).click();
    await showMonth(p, "janvier 2027");
    await cell(p, "vendredi 8 janvier", "Accueil du soir").getByText("Libre").waitFor();
    await cell(p, "jeudi 7 janvier", "Accueil du soir")
      .getByText("Réservé", { exact: true })
      .waitFor();
  });

  it("a panier changed meanwhile on another phone: the message, verbatim, and the ticks are kept", async () => {
    const p = await e2e.phonePage();
    await familyLogIn(p);
    await p.goto("/espace/planning?mois=2027-01");
    await showMonth(p, "janvier 2027");
    await p.getByRole("button", { name: "Modifier" }).click();
    const box = p.getByRole("checkbox", {
      name: "Léa — Restauration scolaire (midi) — mardi 12 janvier",
      exact: true,
    });
    await box.check();
    // Meanwhile, the other parent's phone puts a day in the panier.
    const other = await (await phoneContext(e2e.browser, e2e.server.url)).newPage();
    const otherErrors = watchErrors(other);
    await familyLogIn(other);
    await other.goto("/espace/planning?mois=2027-01");
    await showMonth(other, "janvier 2027");
    await other.getByRole("button", { name: "Modifier" }).click();
    await other
      .getByRole("checkbox", { name: "Léa — Restauration scolaire (midi) — jeudi 14 janvier" })
      .check();
    await other.getByRole("button", { name: "Valider" }).click();
    await banner(other, "1 changement non confirmé").waitFor();
    await other.context().close();
    expect(otherErrors).toEqual([]);

    await p.getByRole("button", { name: "Valider" }).click();
    await p
      .getByRole("alert")
      .getByText(/Votre panier a été modifié depuis un autre écran/)
      .waitFor();
    // Still in edit mode, the tick kept; validating again works on the fresh panier.
    expect(await box.isChecked()).toBe(true);
    await p.getByRole("button", { name: "Valider" }).click();
    await cell(p, "mardi 12 janvier", "Restauration scolaire (midi)")
      .getByText("Dans le panier — à réserver")
      .waitFor();
    await banner(p, "2 changements non confirmés").waitFor();

    // Semaine type: every Tuesday of February; the winter holidays are skipped, and said.
    await p.getByRole("link", { name: "Mois suivant", exact: true }).click();
    await showMonth(p, "février 2027");
    await p.getByText("Semaine type", { exact: true }).click();
    await p.getByLabel("Activité").selectOption({ label: "Accueil du soir" });
    await p.getByRole("checkbox", { name: "mardi", exact: true }).check();
    await p.getByRole("radio", { name: "Jusqu'à la fin du mois" }).check();
    await p.getByRole("button", { name: "Ajouter au panier" }).click();
    await p.getByText("2 jours ajoutés au panier.").waitFor();
    await p.getByText(/Léa — Accueil du soir — mardi 9 février : non proposé/).waitFor();
    await p.getByText(/Léa — Accueil du soir — mardi 16 février : non proposé/).waitFor();
    await cell(p, "mardi 2 février", "Accueil du soir")
      .getByText("Dans le panier — à réserver")
      .waitFor();
    await banner(p, "4 changements non confirmés").waitFor();

    // A month outside the season says so, with a way back.
    await p.goto("/espace/planning?mois=2030-01");
    await p.getByRole("alert").getByText("Aucune saison d'activités ne couvre ce mois.").waitFor();
    await p.getByRole("link", { name: "Revenir au planning" }).click();
    await showMonth(p, "décembre 2026");

    // "Annuler les modifications" asks first, then empties the panier.
    await p.getByRole("link", { name: "Terminer les modifications" }).first().click();
    await p.getByRole("button", { name: "Annuler les modifications" }).click();
    await p.getByRole("button", { name: "Oui, annuler les modifications" }).click();
    await p.getByText("Votre panier est vide.").waitFor();
  });

  it("F00002's registration waits for the guichet unique; an agent validates it", async () => {
    const p = await e2e.phonePage();
    await familyLogIn(p, "F00002", "Bernard-Albertville-2026");
    await register(p, "Jade", "Accueils périscolaires", "Accueil du matin");
    await p
      .getByText(
        "Inscription en attente de validation : le guichet unique vérifie votre dossier, vous recevrez un e-mail.",
      )
      .waitFor();
    const jade = p.locator("article", { has: p.getByRole("heading", { name: "Jade" }) });
    await jade
      .locator("li", { hasText: "Accueil du matin" })
      .getByText("en attente de validation")
      .waitFor();

    await agentValidates("Jade", "Accueil du matin");

    await p.reload();
    await jade
      .locator("li", { hasText: "Accueil du matin" })
      .getByText("validée", { exact: true })
      .waitFor();
    await jade.getByRole("link", { name: "Planning" }).waitFor();
    const mail = await e2e.smtp.waitFor(
      (m) =>
        m.to.includes("famille.bernard@example.fr") && m.subject.startsWith("Inscription validée"),
    );
    expect(mail.subject).toContain("Jade");
    expect(mail.subject).toContain("Accueil du matin");
  });
});

/** An agent, at the guichet unique's desk, validates the registration in the console. */
async function agentValidates(child: string, activity: string) {
  const context = await deskContext(e2e.browser, e2e.server.url);
  const desk = await context.newPage();
  const deskErrors = watchErrors(desk);
  try {
    await desk.goto("/console/inscriptions");
    await desk.waitForURL("**/console/connexion**");
    await desk.getByLabel("Nom d'utilisateur").fill("agent");
    await desk.getByLabel("Mot de passe", { exact: true }).fill("Guichet-Albertville-2026");
    await desk.getByRole("button", { name: "Se connecter" }).click();
    await desk.waitForURL("**/console/inscriptions");
    const row = desk.getByRole("row", { name: new RegExp(`${child}.*${activity}`) });
    await row.getByRole("button", { name: "Valider" }).click();
    await desk.getByRole("status").getByText(`Inscription de ${child} validée.`).waitFor();
    expect(deskErrors).toEqual([]);
  } finally {
    await context.close();
  }
}

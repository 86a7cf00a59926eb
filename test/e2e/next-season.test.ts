import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useE2E } from "../support/e2e";

/** Set E2E_SCREENSHOTS to a folder to keep pictures of the pages. */
const SHOTS = process.env.E2E_SCREENSHOTS;

async function shoot(p: Page, name: string) {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await p.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

// Tuesday 1 December 2026, 08:00 in Albertville: 2026-2027 runs, 2027-2028 is prepared.
const e2e = useE2E({ appNow: "2026-12-01T08:00:00+01:00" });

async function adminLogIn(p: Page) {
  await p.goto("/console/");
  await p.waitForURL("**/console/connexion**");
  await p.getByLabel("Nom d'utilisateur").fill("admin");
  await p.getByLabel("Mot de passe", { exact: true }).fill("Admin-Albertville-2026");
  await p.getByRole("button", { name: "Se connecter" }).click();
  await p.getByRole("link", { name: "Saisons et calendriers" }).waitFor();
}

describe("preparing the next season from the console", () => {
  it("an admin creates 2027-2028, adds a holiday, copies the catalogue, changes a tariff and opens registrations; a parent registers for next year on a phone", async () => {
    const desk = await e2e.deskPage();
    await adminLogIn(desk);
    await desk.getByRole("link", { name: "Saisons et calendriers" }).click();
    await desk.getByRole("heading", { name: "Saisons et calendriers", level: 1 }).waitFor();

    // The new season starts from the last one: next school year, same zone and school days.
    await desk.getByRole("button", { name: "Nouvelle saison" }).click();
    const seasonForm = desk.getByRole("form", { name: "Nouvelle saison" });
    expect(await seasonForm.getByLabel("Code").inputValue()).toBe("2027-2028");
    expect(await seasonForm.getByLabel("Nom").inputValue()).toBe("Année scolaire 2027-2028");
    expect(await seasonForm.getByLabel("Premier jour").inputValue()).toBe("2027-09-01");
    expect(await seasonForm.getByLabel("Zone de vacances").inputValue()).toBe("A");
    expect(await seasonForm.getByLabel("Inscriptions ouvertes aux familles").isChecked()).toBe(
      false,
    );
    // A last day before the first is refused on the field, what was typed kept.
    await seasonForm.getByLabel("Dernier jour").fill("2027-08-01");
    await seasonForm.getByRole("button", { name: "Créer la saison" }).click();
    await seasonForm.getByText("Le dernier jour doit suivre le premier jour.").waitFor();
    await seasonForm.getByLabel("Dernier jour").fill("2028-07-01");
    await seasonForm.getByRole("button", { name: "Créer la saison" }).click();
    await desk
      .getByRole("status")
      .getByText(/Saison créée/)
      .waitFor();
    await desk.getByRole("heading", { name: "Année scolaire 2027-2028", level: 2 }).waitFor();

    // Holidays one after the other: the form stays open, empty, on « Vacances scolaires ».
    await desk.getByRole("button", { name: "Ajouter une période" }).click();
    const periodForm = desk.getByRole("form", { name: "Ajouter une période" });
    expect(await periodForm.getByLabel("Type").inputValue()).toBe("school_holiday");
    await periodForm.getByLabel("Libellé").fill("Vacances de la Toussaint");
    await periodForm.getByLabel("Du").fill("2027-10-23");
    await periodForm.getByLabel("Au (inclus)").fill("2027-11-08");
    await periodForm.getByRole("button", { name: "Ajouter la période" }).click();
    await desk
      .getByRole("status")
      .getByText("Calendrier enregistré. Aucune réservation n'était concernée.")
      .waitFor();
    await desk.getByRole("row", { name: /Vacances de la Toussaint/ }).waitFor();
    const again = desk.getByRole("form", { name: "Ajouter une période" });
    expect(await again.getByLabel("Libellé").inputValue()).toBe("");
    expect(await again.getByLabel("Type").inputValue()).toBe("school_holiday");
    await again.getByRole("button", { name: "Fermer" }).click();
    // The public holidays in one click, Easter Monday 2028 computed.
    await desk.getByRole("button", { name: "Ajouter les jours fériés" }).click();
    await desk
      .getByRole("status")
      .getByText(/^9 jours fériés ajoutés/)
      .waitFor();
    await desk
      .getByRole("row", { name: /Lundi de Pâques/ })
      .getByText("17 avril 2028")
      .first()
      .waitFor();
    await shoot(desk, "saison-suivante-calendrier");

    // The catalogue of the new season is empty: copy 2026-2027's.
    await desk.getByRole("link", { name: "Activités et tarifs de la saison 2027-2028" }).click();
    await desk.getByRole("heading", { name: "Préparer la saison 2027-2028" }).waitFor();
    expect(await desk.getByLabel("Copier depuis la saison").inputValue()).not.toBe("");
    await desk.getByRole("button", { name: "Copier le catalogue" }).click();
    await desk
      .getByRole("status")
      .getByText(/activités copiées avec/)
      .waitFor();
    // Copies wait out of the catalogue.
    const matinRow = desk.getByRole("row", { name: /Accueil du matin/ });
    await matinRow.getByText("Hors catalogue").waitFor();
    // Copying again adds nothing, and says so.
    await desk.getByRole("button", { name: "Copier le catalogue" }).click();
    await desk
      .getByRole("status")
      .getByText(/Rien à copier/)
      .waitFor();
    await shoot(desk, "saison-suivante-catalogue");
    expect(await desk.getByRole("row", { name: /Accueil du matin/ }).count()).toBe(1);

    // Next year's morning care costs 0,85 € in the first bracket, then it is offered.
    await matinRow.getByRole("link", { name: "Accueil du matin" }).click();
    await desk.getByRole("heading", { name: "Accueil du matin", level: 1 }).waitFor();
    const price = desk.getByLabel("Familles d'Albertville, tranche 1 : prix en euros");
    expect(await price.inputValue()).toBe("0,80");
    await price.fill("0,85");
    await desk.getByRole("button", { name: "Enregistrer la grille" }).click();
    await desk.getByText("Grille des tarifs enregistrée.").waitFor();
    await desk.reload();
    expect(
      await desk.getByLabel("Familles d'Albertville, tranche 1 : prix en euros").inputValue(),
    ).toBe("0,85");
    await desk.getByRole("button", { name: "Proposer aux familles" }).click();
    await desk.getByRole("button", { name: "Retirer du catalogue" }).waitFor();

    // Registrations for 2027-2028 open while 2026-2027 runs.
    await desk.getByRole("link", { name: "Saisons et calendriers" }).click();
    await desk.getByRole("heading", { name: "Année scolaire 2027-2028", level: 2 }).waitFor();
    await desk.getByRole("button", { name: "Ouvrir les inscriptions" }).click();
    await desk
      .getByRole("status")
      .getByText(/Inscriptions 2027-2028 ouvertes/)
      .waitFor();
    await desk.getByRole("button", { name: "Fermer les inscriptions" }).waitFor();
    await shoot(desk, "saison-suivante-ouverte");

    const phone = await e2e.phonePage();
    await phone.goto("/connexion");
    await phone.getByLabel("Identifiant").fill("F00001");
    await phone.getByLabel("Mot de passe", { exact: true }).fill("Martin-Albertville-2026");
    await phone.getByRole("button", { name: "Se connecter" }).click();
    await phone.waitForURL("**/espace");
    await phone.getByRole("link", { name: "Inscription", exact: true }).click();
    await phone
      .getByRole("link", { name: "Inscrire les enfants à de nouvelles activités" })
      .click();
    await phone.getByRole("radio", { name: "Léa", exact: true }).check();
    await phone.getByRole("button", { name: "Continuer" }).click();
    await phone.getByRole("radio", { name: "Accueils périscolaires", exact: true }).check();
    await phone.getByRole("button", { name: "Continuer" }).click();
    // This year's morning care and next year's, which names its year.
    await phone.getByRole("radio", { name: "Accueil du matin", exact: true }).waitFor();
    const nextYear = phone.getByRole("radio", { name: "Accueil du matin (2027-2028)" });
    await nextYear.check();
    await shoot(phone, "saison-suivante-inscription");
    const box = await phone.locator("label", { has: nextYear }).boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
    await phone.getByRole("button", { name: "Enregistrer" }).click();
    // No dossier for 2027-2028 yet: the registration waits for the guichet.
    await phone
      .getByText(/en attente/)
      .first()
      .waitFor();
    await phone.getByText("Accueil du matin (2027-2028)").first().waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      375,
    );
  });
});

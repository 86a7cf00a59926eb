import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useE2E } from "../support/e2e";

/** Set E2E_SCREENSHOTS to a folder to keep pictures of the console pages. */
const SHOTS = process.env.E2E_SCREENSHOTS;

async function shoot(p: Page, name: string) {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await p.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

// Tuesday 1 December 2026, 08:00 in Albertville.
const e2e = useE2E({ appNow: "2026-12-01T08:00:00+01:00" });

const NEW_GROUP = "Groupe 6-8 ans — mardi soir";

async function adminLogIn(p: Page) {
  await p.goto("/console/");
  await p.waitForURL("**/console/connexion**");
  await p.getByLabel("Nom d'utilisateur").fill("admin");
  await p.getByLabel("Mot de passe", { exact: true }).fill("Admin-Albertville-2026");
  await p.getByRole("button", { name: "Se connecter" }).click();
  await p.getByRole("link", { name: "Catalogue des activités" }).waitFor();
}

async function parentLogIn(p: Page) {
  await p.goto("/connexion");
  await p.getByLabel("Identifiant").fill("F00001");
  await p.getByLabel("Mot de passe", { exact: true }).fill("Martin-Albertville-2026");
  await p.getByRole("button", { name: "Se connecter" }).click();
  await p.waitForURL("**/espace");
}

describe("the admins' catalogue and calendar (console at desk size, parent at 375×667)", () => {
  it("an admin creates an EMS group with 2 places and a parent sees it in « Inscriptions en paiement »", async () => {
    const desk = await e2e.deskPage();
    await adminLogIn(desk);
    await desk.getByRole("link", { name: "Catalogue des activités" }).click();
    await desk.getByRole("heading", { name: "Catalogue des activités", level: 1 }).waitFor();
    await desk.getByRole("link", { name: "Multisports", exact: true }).click();
    await desk.getByRole("heading", { name: "Multisports", level: 1 }).waitFor();
    await desk.getByRole("button", { name: "Nouveau groupe" }).click();

    const form = desk.getByRole("form", { name: "Nouveau groupe" });
    // An empty form is refused on the field, in French, before anything is sent.
    await form.getByRole("button", { name: "Créer le groupe" }).click();
    await form.getByText("Le nom du groupe est obligatoire.").waitFor();
    await form.getByText("Places : indiquez un nombre entier.").waitFor();
    await shoot(desk, "catalogue-groupe-vide");

    // Wednesday 10:00 in the gym is taken by the Wednesday morning group: refused, named.
    await form.getByLabel("Nom du groupe").fill(NEW_GROUP);
    await form.getByLabel("Jour").selectOption({ label: "mercredi" });
    await form.getByLabel("Début").fill("10:00");
    await form.getByLabel("Fin").fill("11:00");
    await form.getByLabel("Lieu").fill("Gymnase du Val des Roses");
    await form.getByLabel("Éducateur").fill("Sophie Gachet");
    await form.getByLabel("Âge minimum (ans)").fill("6");
    await form.getByLabel("Âge maximum (ans)").fill("8");
    await form.getByLabel("Places").fill("2");
    await form.getByRole("button", { name: "Créer le groupe" }).click();
    await form
      .getByRole("alert")
      .getByText(/Horaire en conflit : « Groupe 6-8 ans — mercredi matin »/)
      .waitFor();
    await shoot(desk, "catalogue-groupe-conflit");
    // What was typed is kept: only the day changes.
    expect(await form.getByLabel("Nom du groupe").inputValue()).toBe(NEW_GROUP);
    await form.getByLabel("Jour").selectOption({ label: "mardi" });
    await form.getByLabel("Début").fill("17:00");
    await form.getByLabel("Fin").fill("18:00");
    await form.getByRole("button", { name: "Créer le groupe" }).click();
    await desk.getByRole("status").getByText("Groupe créé.").waitFor();
    const groupRow = desk.getByRole("row", { name: new RegExp(NEW_GROUP) });
    await groupRow.getByText("0 / 2").waitFor();
    await shoot(desk, "catalogue-activite");

    // The parent, on a phone, finds it with its 2 places.
    const phone = await e2e.phonePage();
    await parentLogIn(phone);
    await phone.goto("/espace/inscriptions-en-paiement");
    await phone.getByRole("heading", { name: "Inscriptions en paiement", level: 1 }).waitFor();
    const name = `Léa — Multisports — ${NEW_GROUP} (mardi 17h00–18h00)`;
    const box = phone.getByRole("checkbox", { name, exact: true });
    await box.waitFor();
    const row = phone.locator("label.cell", { has: box });
    await row.getByText("2 places restantes").waitFor();
    await box.check();
    await phone.getByRole("button", { name: "Valider" }).click();
    await phone.getByRole("heading", { name: "Récapitulatif", level: 2 }).waitFor();

    // The place held in the parent's panier counts as taken in the console.
    await desk.reload();
    await desk
      .getByRole("row", { name: new RegExp(NEW_GROUP) })
      .getByText("1 / 2")
      .waitFor();
  });

  it("closing a booked day lists the family first, asks a reason, then cancels with a mail", async () => {
    const desk = await e2e.deskPage();
    await adminLogIn(desk);
    await desk.getByRole("link", { name: "Saisons et calendriers" }).click();
    await desk.getByRole("heading", { name: "Saisons et calendriers", level: 1 }).waitFor();
    await desk.getByRole("button", { name: "Ajouter une période" }).click();
    const form = desk.getByRole("form", { name: "Ajouter une période" });
    await form.getByLabel("Type").selectOption({ label: "Fermeture" });
    await form.getByLabel("Libellé").fill("Grève");
    await form.getByLabel("Du").fill("2026-12-07");
    await form.getByLabel("Au (inclus)").fill("2026-12-07");
    await form.getByRole("button", { name: "Ajouter la période" }).click();

    // Léa's lunch on Monday 7 December is booked: the family is listed before anything changes.
    const impact = desk.getByRole("region", { name: /1 réservation de 1 famille sera annulée/ });
    await impact.waitFor();
    await impact.getByText("Famille Martin").waitFor();
    await impact.getByText(/Léa — Restauration scolaire \(midi\) — 7 décembre 2026/).waitFor();
    await impact.getByRole("button", { name: "Annuler ces réservations et enregistrer" }).click();
    await impact.getByText("Indiquez le motif : les familles le recevront par e-mail").waitFor();
    await shoot(desk, "saisons-fermeture");
    await impact.getByLabel("Motif (envoyé aux familles)").fill("Grève du personnel communal");
    await impact.getByRole("button", { name: "Annuler ces réservations et enregistrer" }).click();
    await desk
      .getByRole("status")
      .getByText(/1 réservation annulée, 1 famille prévenue par e-mail/)
      .waitFor();
    await desk.getByRole("row", { name: /Grève/ }).getByText("Fermeture").waitFor();
    await shoot(desk, "saisons-apres");

    // Removing a period asks first; nothing is booked on a closed day, so nothing else happens.
    await desk.getByRole("button", { name: "Supprimer « Grève »" }).click();
    await desk.getByRole("heading", { name: "Supprimer cette période ?" }).waitFor();
    await desk.getByText("Aucune réservation n'est concernée.").waitFor();
    await desk.getByRole("button", { name: "Supprimer la période" }).click();
    await desk.getByRole("status").getByText("Calendrier enregistré.", { exact: false }).waitFor();
    await desk.getByRole("row", { name: /Grève/ }).waitFor({ state: "detached" });
    await desk.getByRole("link", { name: "Catalogue des activités" }).click();
    await desk.getByRole("heading", { name: "Types d'activité", level: 2 }).waitFor();
    await shoot(desk, "catalogue");

    const mail = await e2e.smtp.waitFor(
      (m) =>
        m.to.includes("famille.martin@example.fr") &&
        m.subject === "Annulation de jours réservés — Espace Famille",
    );
    expect(mail.text).toContain("Motif : Grève du personnel communal");
    expect(mail.text).toContain("Annulé — lundi 7 décembre : Restauration scolaire (midi)");
  });
});

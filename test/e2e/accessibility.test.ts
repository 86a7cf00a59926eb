import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { accessibilityProblems } from "../support/axe";
import { consoleLogIn, familyLogIn } from "../support/browser";
import { useE2E } from "../support/e2e";

// A month with days still open to change, so that the planning's check boxes can be shown.
const e2e = useE2E({ appNow: "2026-12-01T08:00:00+01:00" });

const heading = (p: Page, name: string, level?: number) =>
  p.getByRole("heading", { name, exact: true, level }).first();

/** What axe finds, screen after screen, kept for one assertion at the end. */
function audit(p: Page) {
  const problems: string[] = [];
  const check = async () => {
    problems.push(...(await accessibilityProblems(p)));
  };
  /** Opens `path`, waits for its heading (any level-1 heading when none is named) and its data. */
  const visit = async (path: string, name: string | null, level?: number) => {
    await p.goto(path);
    await (name ? heading(p, name, level) : p.getByRole("heading", { level: 1 })).waitFor();
    await p.waitForLoadState("networkidle");
    await check();
  };
  return { problems, check, visit };
}

/**
 * Every route of both apps, checked by axe-core (WCAG 2.2 A and AA, and axe's
 * best practices) once its content is there — the states a screen reader meets too: an error
 * message, the planning's check boxes, the récapitulatif, the PayFiP card page, a cancelled
 * payment.
 */
describe("accessibility: no problem axe-core can find, on every screen", () => {
  it("the parents' app on a phone, from the public home to a cancelled payment", async () => {
    const p = await e2e.phonePage();
    const { problems, check, visit } = audit(p);

    await p.goto("/");
    await heading(p, "Actualités").waitFor();
    await check();

    await p.goto("/connexion");
    await p.getByLabel("Identifiant").fill("F00001");
    await p.getByLabel("Mot de passe", { exact: true }).fill("pas le bon");
    await p.getByRole("button", { name: "Se connecter" }).click();
    await p.getByText("Identifiant ou mot de passe incorrect.").waitFor();
    await check();

    await visit("/mot-de-passe/oublie", null);
    await visit("/mot-de-passe/nouveau", null);

    await familyLogIn(p);
    await heading(p, "Bonjour, Famille Martin").waitFor();
    await check();

    await p.goto("/espace/planning?mois=2026-12");
    await heading(p, "décembre 2026").waitFor();
    await check();
    await p.getByRole("button", { name: "Modifier" }).click();
    await p.getByRole("checkbox").first().waitFor();
    await check();

    const pages: [string, string][] = [
      ["/espace/inscription", "Inscriptions 2026-2027"],
      ["/espace/paiements", "Mes factures"],
      ["/espace/dossier", "Mon dossier"],
      ["/espace/absence", "Absences signalées"],
      ["/mot-de-passe/changer", "Choisissez un nouveau mot de passe"],
    ];
    for (const [path, name] of pages) await visit(path, name);

    // « Inscriptions en paiement »: ticked, validated, the récapitulatif, PayFiP, cancelled.
    await p.goto("/espace/inscriptions-en-paiement");
    await heading(p, "Léa", 2).waitFor();
    await p.getByRole("checkbox", { disabled: false }).first().check();
    await check();
    await p.getByRole("button", { name: "Valider" }).click();
    await heading(p, "Récapitulatif", 2).waitFor();
    await check();
    await p.getByRole("button", { name: "Payer", exact: true }).click();
    await p.getByLabel("Numéro de carte").waitFor();
    await check();
    await p.getByRole("button", { name: "Annuler", exact: true }).click();
    await p.waitForURL("**/espace/paiement/retour?paiement=*");
    await heading(p, "Paiement annulé").waitFor();
    await check();
    // The panier still holds the line, "Payer" again possible.
    await p.goto("/espace/panier");
    await heading(p, "Récapitulatif", 1).waitFor();
    await p.getByRole("button", { name: "Payer", exact: true }).waitFor();
    await check();

    expect(problems).toEqual([]);
  });

  it("the staff console at the desk, the agent's and the admin's screens", async () => {
    const p = await e2e.deskPage();
    const { problems, check, visit } = audit(p);

    await visit("/console/mot-de-passe-oublie", null);
    await visit("/console/reinitialiser", null);

    await consoleLogIn(p, "admin", "pas le bon");
    await p.getByRole("alert").first().waitFor();
    await check();

    await consoleLogIn(p, "admin", "Admin-Albertville-2026");
    await heading(p, "Tableau de bord", 1).waitFor();
    await check();

    const pages: [string, string][] = [
      ["/console/foyers/1", "Famille Martin F00001"],
      ["/console/foyers/1/planning", "Réservations au guichet — Famille Martin F00001"],
      ["/console/foyers/nouveau", "Nouvelle famille"],
      ["/console/pointage", "Pointage"],
      ["/console/inscriptions", "Inscriptions à valider"],
      ["/console/pieces", "Pièces à vérifier"],
      ["/console/absences", "Absences à vérifier"],
      ["/console/facturation", "Facturation"],
      ["/console/facturation/impayes", "Factures impayées"],
      ["/console/facturation/releve/1", "Relevé de compte — Famille Martin"],
      ["/console/remboursements", "Remboursements"],
      ["/console/admin/catalogue", "Catalogue des activités"],
      ["/console/admin/catalogue/1", "Accueil du matin"],
      ["/console/admin/contenus", "Actualités et documents"],
      ["/console/admin/personnel", "Comptes du personnel"],
      ["/console/admin/saisons", "Saisons et calendriers"],
      ["/console/admin/journal", "Journal des modifications"],
      ["/console/mot-de-passe", "Changer de mot de passe"],
    ];
    for (const [path, name] of pages) await visit(path, name, 1);

    expect(problems).toEqual([]);
  });
});

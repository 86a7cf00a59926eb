import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { activities, activityGroups } from "@ef/db";
import { and, eq } from "drizzle-orm";
import type { Locator, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { familyLogIn, phoneContext, watchErrors } from "../support/browser";
import { useE2E } from "../support/e2e";

// Tuesday 1 December 2026, 08:00 in Albertville: EMS groups and December outings are open.
const APP_NOW = "2026-12-01T08:00:00+01:00";
const TITLE = "Inscriptions en paiement";
const LEA_GROUP = "Léa — Multisports — Groupe 6-8 ans — mercredi matin (mercredi 09h30–11h00)";
const LEA_SATURDAY = "Léa — Multisports — Groupe 6-8 ans — samedi matin (samedi 10h00–11h30)";
const LEA_TOO_YOUNG =
  "Léa — Multisports — Groupe 9-11 ans — mercredi après-midi (mercredi 14h00–15h30)";
const HUGO_OUTING = "Hugo — Atelier cuisine : bûches de Noël — mercredi 9 décembre (14h00–17h00)";
const HUGO_SKATING = "Hugo — Sortie patinoire — mercredi 16 décembre (14h00–17h30)";
const LEA_SWIMMING = "Léa — Natation — Groupe 6-8 ans — mercredi matin (mercredi 10h00–11h00)";
const MERCREDIS = "Mercredis — élémentaires (6-11 ans)";
const CARD = "4111 1111 1111 1111";
/** Set E2E_SCREENSHOTS to a folder to keep pictures of the page before and after "Valider". */
const SHOTS = process.env.E2E_SCREENSHOTS;

const e2e = useE2E({ appNow: APP_NOW });

beforeAll(() => {
  if (SHOTS) mkdirSync(SHOTS, { recursive: true });
});

async function shoot(p: Page, name: string, fullPage = false) {
  if (SHOTS) await p.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });
}

/** The check box of a child's group or session, by its full name (« Léa — Multisports — … »). */
const box = (p: Page, name: string) => p.getByRole("checkbox", { name, exact: true });

/** The row of that box: its state in words, its price. */
const row = (p: Page, name: string): Locator => p.locator("label.cell", { has: box(p, name) });

async function openPaidRegistrations(p: Page) {
  await p.goto("/espace/inscriptions-en-paiement");
  await p.getByRole("heading", { name: TITLE, level: 1 }).waitFor();
  await box(p, LEA_GROUP).waitFor();
}

const recapHeading = (p: Page) => p.getByRole("heading", { name: "Récapitulatif", level: 2 });
const recapLine = (p: Page, text: string) => p.locator(".line", { hasText: text });

async function noSideScroll(p: Page) {
  expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
}

describe("Inscriptions en paiement on a phone (375×667)", () => {
  it("Léa joins an EMS group and Hugo a Territoire Jeune outing; back, forward and a reload keep everything; paid, both are registered", async () => {
    const p = await e2e.phonePage();
    await familyLogIn(p);

    // From "Inscription", next to "Inscrire les enfants à de nouvelles activités".
    await p.getByRole("link", { name: "Inscription", exact: true }).click();
    await p.getByRole("heading", { name: "Inscription", level: 1 }).waitFor();
    await p.getByRole("link", { name: "Inscrire les enfants à de nouvelles activités" }).waitFor();
    await p.getByRole("link", { name: TITLE, exact: true }).click();
    await p.waitForURL("**/espace/inscriptions-en-paiement");
    await p.getByRole("heading", { name: TITLE, level: 1 }).waitFor();

    // Per child a section, per activity a group of boxes, places left and price in words.
    await p.getByRole("heading", { name: "Léa", level: 2 }).waitFor();
    await p.getByRole("heading", { name: "Hugo", level: 2 }).waitFor();
    await p
      .getByRole("group", { name: "Multisports — École Municipale des Sports" })
      .first()
      .waitFor();
    await row(p, LEA_GROUP).getByText("12 places restantes").waitFor();
    await row(p, LEA_GROUP)
      .getByText(/\d+,\d\d\s€/)
      .waitFor();
    // Too young: disabled, with the reason.
    expect(await box(p, LEA_TOO_YOUNG).isDisabled()).toBe(true);
    await row(p, LEA_TOO_YOUNG).getByText("Non disponible : réservé aux 9 ans et plus").waitFor();
    // Léa (8) and the Territoire Jeune (11-17): said once, no boxes.
    await p
      .getByRole("region", { name: "Léa" })
      .getByRole("group", { name: "Sorties et ateliers — Territoire Jeune" })
      .getByText("Non disponible pour Léa : réservé aux 11 ans et plus.")
      .waitFor();
    await noSideScroll(p);
    await shoot(p, "inscriptions-en-paiement", true);

    // One group per child and activity: ticking a group unticks the other.
    await box(p, LEA_SATURDAY).check();
    await box(p, LEA_GROUP).check();
    expect(await box(p, LEA_SATURDAY).isChecked()).toBe(false);
    await row(p, LEA_GROUP).getByText("Coché — à valider").waitFor();
    await box(p, HUGO_OUTING).check();
    await p.getByText("2 cases modifiées.").waitFor();
    await row(p, HUGO_OUTING).scrollIntoViewIfNeeded();
    await shoot(p, "inscriptions-en-paiement-avant-valider");

    // "Valider" (a double tap sends once): the places are held in the panier, the récapitulatif
    // shows them with "Payer".
    let sent = 0;
    p.on("request", (r) => {
      if (r.url().includes("paidRegistrations.setItems")) sent++;
    });
    await p.getByRole("button", { name: "Valider" }).dblclick();
    await p.waitForURL("**/espace/inscriptions-en-paiement?etape=recapitulatif");
    await recapHeading(p).waitFor();
    await p
      .getByRole("status")
      .getByText(/Vos choix sont dans le panier/)
      .waitFor();
    await recapLine(p, "Léa — Multisports").getByText("Groupe 6-8 ans — mercredi matin").waitFor();
    await recapLine(p, "Hugo — Sorties et ateliers")
      .getByText("Atelier cuisine : bûches de Noël")
      .waitFor();
    await p.getByText("Montant à payer :").waitFor();
    await p.getByRole("button", { name: "Payer", exact: true }).waitFor();
    await p.getByRole("button", { name: "Annuler", exact: true }).waitFor();
    expect(sent).toBe(1);
    await noSideScroll(p);
    await shoot(p, "inscriptions-en-paiement-apres-valider");
    await shoot(p, "inscriptions-en-paiement-apres-valider-page", true);

    // Back: the boxes, ticked from the panier on the server; forward and a reload: the same.
    await p.goBack();
    await p.waitForURL("**/espace/inscriptions-en-paiement");
    await row(p, LEA_GROUP).getByText("Dans le panier — à payer").waitFor();
    expect(await box(p, LEA_GROUP).isChecked()).toBe(true);
    expect(await box(p, HUGO_OUTING).isChecked()).toBe(true);
    await p.reload();
    await row(p, HUGO_OUTING).getByText("Dans le panier — à payer").waitFor();
    expect(await box(p, LEA_GROUP).isChecked()).toBe(true);
    await p.goForward();
    await p.waitForURL("**/espace/inscriptions-en-paiement?etape=recapitulatif");
    await recapLine(p, "Léa — Multisports").waitFor();
    await p.reload();
    await recapLine(p, "Léa — Multisports").waitFor();
    await recapLine(p, "Hugo — Sorties et ateliers").waitFor();

    // "Payer": PayFiP, the card, back on the portal.
    await p.getByRole("button", { name: "Payer", exact: true }).click();
    await p.waitForURL("**/payfip-simulator/paiement?idop=*");
    await p.getByLabel("Numéro de carte").fill(CARD);
    await p.getByLabel("Date d'expiration (MM/AA)").fill("12/30");
    await p.getByLabel("Cryptogramme").fill("123");
    await p.getByRole("button", { name: "Payer", exact: true }).click();
    await p.waitForURL("**/espace/paiement/retour?paiement=*");
    await p
      .locator(".outcome[role=status]")
      .getByRole("heading", { name: "Paiement accepté" })
      .waitFor();

    const ticket = await e2e.smtp.waitFor(
      (m) =>
        m.subject.startsWith("Ticket de paiement EF2026") &&
        m.to.includes("famille.martin@example.fr"),
    );
    expect(ticket.text).toContain("Multisports — Groupe 6-8 ans — mercredi matin");
    expect(ticket.text).toContain("Atelier cuisine : bûches de Noël");

    // Registered: "déjà inscrit(e)", nothing left in the panier; the home page says "validée".
    await openPaidRegistrations(p);
    await row(p, LEA_GROUP).getByText("Déjà inscrit(e)").waitFor();
    await row(p, HUGO_OUTING).getByText("Déjà inscrit(e)").waitFor();
    expect(await box(p, LEA_GROUP).isDisabled()).toBe(true);
    await row(p, LEA_SATURDAY)
      .getByText(/déjà inscrit\(e\) dans un autre groupe/)
      .waitFor();
    expect(await p.getByText("non confirmé").count()).toBe(0);

    await p.goto("/espace");
    const lea = p.locator("article.card", { has: p.getByRole("heading", { name: "Léa" }) });
    const hugo = p.locator("article.card", { has: p.getByRole("heading", { name: "Hugo" }) });
    await lea.locator("li", { hasText: "Multisports" }).getByText("validée").waitFor();
    await hugo.locator("li", { hasText: "Sorties et ateliers" }).getByText("validée").waitFor();
    await p.getByRole("link", { name: TITLE, exact: true }).waitFor();
    await noSideScroll(p);
    await shoot(p, "accueil-inscriptions-validees", true);
    expect(
      e2e.smtp.messages.filter((m) => m.subject.startsWith("Ticket de paiement")),
    ).toHaveLength(1);
  });

  it("« Annuler » releases the places; another phone's change is shown, not lost; a full group offers « Liste d'attente », shown in « Mes listes d'attente »", async () => {
    const p = await e2e.phonePage();
    await familyLogIn(p);
    await openPaidRegistrations(p);

    // Valider, then "Annuler": confirmed, the panier is empty and the place is free again.
    const places = await row(p, LEA_SWIMMING)
      .getByText(/places restantes/)
      .textContent();
    await box(p, LEA_SWIMMING).check();
    await p.getByRole("button", { name: "Valider" }).click();
    await recapLine(p, "Léa — Natation").waitFor();
    await p.getByRole("button", { name: "Annuler", exact: true }).click();
    await p
      .getByText(
        "Annuler cette inscription ? La place retenue sera libérée pour d'autres familles.",
      )
      .waitFor();
    await p.getByRole("button", { name: "Oui, annuler les inscriptions" }).click();
    await p
      .getByRole("status")
      .getByText("Les inscriptions ont été retirées du panier : les places retenues sont libérées.")
      .waitFor();
    await p.getByRole("link", { name: "Choisir des activités" }).click();
    await row(p, LEA_SWIMMING)
      .getByText(places ?? "?")
      .waitFor();
    expect(await box(p, LEA_SWIMMING).isChecked()).toBe(false);

    // A second phone changes the panier meanwhile: "Valider" here says so, shows the panier as it
    // is now and keeps what was ticked here.
    await box(p, LEA_SWIMMING).check();
    const phone = await phoneContext(e2e.browser, e2e.server.url);
    const other = await phone.newPage();
    const otherErrors = watchErrors(other);
    await familyLogIn(other);
    await openPaidRegistrations(other);
    await box(other, HUGO_SKATING).check();
    await other.getByRole("button", { name: "Valider" }).click();
    await recapLine(other, "Hugo — Sorties et ateliers").waitFor();
    await phone.close();
    expect(otherErrors).toEqual([]);
    await p.getByRole("button", { name: "Valider" }).click();
    await p
      .getByRole("alert")
      .getByText(/^Votre panier a été modifié depuis un autre écran ou un autre appareil\./)
      .waitFor();
    await row(p, HUGO_SKATING).getByText("Dans le panier — à payer").waitFor();
    await row(p, LEA_SWIMMING).getByText("Coché — à valider").waitFor();

    // The last place goes before "Valider": the server's message, the box locked and unticked,
    // "Liste d'attente" instead.
    const swimming = e2e.server.db
      .select({ id: activityGroups.id })
      .from(activityGroups)
      .innerJoin(activities, eq(activities.id, activityGroups.activityId))
      .where(
        and(
          eq(activities.code, "ems_natation"),
          eq(activityGroups.name, "Groupe 6-8 ans — mercredi matin"),
        ),
      )
      .get();
    if (!swimming) throw new Error("no swimming group");
    e2e.server.db
      .update(activityGroups)
      .set({ capacity: 0 })
      .where(eq(activityGroups.id, swimming.id))
      .run();
    await p.getByRole("button", { name: "Valider" }).click();
    await p
      .getByRole("alert")
      .getByText(`${LEA_SWIMMING} : complet. Vous pouvez vous inscrire sur la liste d'attente.`)
      .waitFor();
    await row(p, LEA_SWIMMING).getByText("Complet").waitFor();
    expect(await box(p, LEA_SWIMMING).isDisabled()).toBe(true);
    expect(await box(p, LEA_SWIMMING).isChecked()).toBe(false);
    await p.getByText("Aucune case modifiée.").waitFor();
    const waitingList = p.getByRole("button", {
      name: `Liste d'attente — ${LEA_SWIMMING}`,
      exact: true,
    });
    await waitingList.click();
    await p.getByRole("status").getByText("Vous êtes n° 1 sur la liste d'attente.").waitFor();
    const mine = p.getByRole("region", { name: "Mes listes d'attente" });
    const entry = mine.locator("article", { hasText: LEA_SWIMMING });
    await entry.getByText("en attente", { exact: true }).waitFor();
    await noSideScroll(p);
    await waitingList.waitFor({ state: "detached" });
    await shoot(p, "liste-attente", false);

    // Server-side: a reload shows the same, and the button is not offered twice.
    await p.reload();
    await entry.getByText("en attente", { exact: true }).waitFor();
    await p.getByText("Inscrit(e) sur la liste d'attente.").waitFor();
    expect(await waitingList.count()).toBe(0);

    // "Quitter la liste d'attente", confirmed: the list is empty, the button is back.
    await mine
      .getByRole("button", { name: `Quitter la liste d'attente — ${LEA_SWIMMING}` })
      .click();
    await mine.getByRole("button", { name: "Oui, quitter la liste" }).click();
    await mine.getByText("Aucun de vos enfants n'est sur une liste d'attente.").waitFor();
    await mine
      .getByRole("status")
      .getByText(/Léa n'est plus sur la liste d'attente/)
      .waitFor();
    await waitingList.waitFor();
  });

  it("a full day of the planning offers « Liste d'attente » with the date", async () => {
    const p = await e2e.phonePage();
    await familyLogIn(p);
    // Léa to the Wednesdays (validated at once: the dossier is complete).
    await p.goto("/espace/inscription?etape=enfant");
    await p.getByRole("radio", { name: "Léa", exact: true }).check();
    await p.getByRole("button", { name: "Continuer" }).click();
    await p.getByRole("radio", { name: "Accueils de loisirs", exact: true }).check();
    await p.getByRole("button", { name: "Continuer" }).click();
    await p.getByRole("radio", { name: MERCREDIS, exact: true }).check();
    await p.getByRole("button", { name: "Enregistrer" }).click();
    await p.getByText("Inscription validée").waitFor();

    e2e.server.db
      .update(activities)
      .set({ capacity: 0 })
      .where(eq(activities.code, "mercredis_elementaires"))
      .run();
    await p.goto("/espace/planning?mois=2026-12");
    await p.getByRole("heading", { name: "décembre 2026", exact: true }).waitFor();
    const day = p.locator("li.day", {
      has: p.getByRole("heading", { name: "mercredi 16 décembre", exact: true }),
    });
    await day.locator(".cell", { hasText: MERCREDIS }).getByText("Complet").waitFor();
    await day
      .getByRole("button", {
        name: `Liste d'attente — Léa — ${MERCREDIS} — mercredi 16 décembre`,
        exact: true,
      })
      .click();
    await day.getByRole("status").getByText("Vous êtes n° 1 sur la liste d'attente.").waitFor();
    await noSideScroll(p);
    await shoot(p, "planning-liste-attente", false);
    await p
      .getByRole("region", { name: "Mes listes d'attente" })
      .locator("article", { hasText: `Léa — ${MERCREDIS} — mercredi 16 décembre` })
      .getByText("en attente", { exact: true })
      .waitFor();
  });
});

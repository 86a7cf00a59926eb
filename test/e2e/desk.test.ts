import { describe, expect, it } from "vitest";
import { consoleLogIn } from "../support/browser";
import { useE2E } from "../support/e2e";

const e2e = useE2E();

describe("at the desk", () => {
  it("an agent creates a family and mails its credentials; the parent logs in on a phone and must choose a password", async () => {
    const desk = await e2e.deskPage();
    await consoleLogIn(desk);

    await desk.getByRole("link", { name: "Nouvelle famille" }).click();
    await desk.getByRole("heading", { name: "Nouvelle famille", level: 1 }).waitFor();
    // An empty form is refused on the field, in French, before anything is sent.
    await desk.getByRole("button", { name: "Créer la famille" }).click();
    await desk.getByText("Le nom du foyer est obligatoire.").waitFor();

    await desk.getByLabel("Nom du foyer").fill("Famille Lambert");
    await desk.getByLabel("Adresse", { exact: true }).fill("5 rue de la Poste");
    await desk.getByLabel("Quotient familial").fill("640");
    await desk.getByLabel("E-mail du foyer").fill("lambert@example.fr");
    await desk.getByLabel("Téléphone du foyer").fill("06 98 76 54 32");
    const parent = desk.getByRole("group", { name: "Parent 1" });
    await parent.getByLabel("Prénom").fill("Julie");
    await parent.getByLabel("Nom", { exact: true }).fill("Lambert");
    await desk.getByRole("button", { name: "Ajouter un enfant" }).click();
    const child = desk.getByRole("group", { name: "Enfant 1" });
    await child.getByLabel("Prénom").fill("Noé");
    await child.getByLabel("Date de naissance").fill("2018-09-12");
    await child.getByLabel("Classe").selectOption("CM1");
    await desk.getByRole("button", { name: "Créer la famille" }).click();

    await desk.waitForURL("**/console/foyers/**");
    await desk.getByRole("heading", { name: /Famille Lambert/ }).waitFor();
    await desk.getByText("F00003").first().waitFor();
    await desk.getByLabel("Envoyer aussi par e-mail").check();
    await desk.getByRole("button", { name: "Remettre les identifiants" }).click();
    const letter = desk.getByRole("article", { name: "Lettre d'identifiants" });
    await letter.getByText("Ville d'Albertville", { exact: true }).waitFor();
    await letter.getByText("Choisissez votre nouveau mot de passe.").waitFor();
    await desk.getByRole("button", { name: "Imprimer la lettre" }).waitFor();
    const printed = (await desk.getByTestId("letter-password").textContent()) ?? "";
    // Printed, the page is the letter alone: no console chrome, no buttons.
    await desk.emulateMedia({ media: "print" });
    expect(await desk.locator(".topbar").isVisible()).toBe(false);
    expect(await desk.getByRole("button", { name: "Imprimer la lettre" }).isVisible()).toBe(false);
    expect(await desk.getByRole("heading", { name: "Enfants" }).isVisible()).toBe(false);
    expect(await letter.isVisible()).toBe(true);
    await desk.emulateMedia({ media: "screen" });

    const mail = await e2e.smtp.waitFor(
      (m) => m.to.includes("lambert@example.fr") && m.subject === "Vos identifiants Espace Famille",
    );
    expect(mail.text).toContain("F00003");
    const password =
      /Mot de passe provisoire\s*:?\s*([A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4})/.exec(
        mail.text,
      )?.[1];
    expect(password).toBe(printed);

    const phone = await e2e.phonePage();
    await phone.goto("/connexion");
    await phone.getByLabel("Identifiant").fill("F00003");
    await phone.getByLabel("Mot de passe", { exact: true }).fill(password ?? "");
    await phone.getByRole("button", { name: "Se connecter" }).click();
    await phone.waitForURL("**/mot-de-passe/changer**");
    await phone.getByLabel("Mot de passe actuel").fill(password ?? "");
    await phone
      .getByLabel("Nouveau mot de passe", { exact: true })
      .fill("Noé et sa famille à Albertville");
    await phone
      .getByLabel("Confirmer le nouveau mot de passe")
      .fill("Noé et sa famille à Albertville");
    await phone.getByRole("button", { name: "Enregistrer" }).click();
    await phone.waitForURL("**/espace**");
    await phone.getByText("Noé").first().waitFor();
  });
});

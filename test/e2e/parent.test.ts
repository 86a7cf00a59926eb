import { sessions } from "@ef/db";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useE2E } from "../support/e2e";

const e2e = useE2E();

async function logIn(p: Page, login: string, password: string) {
  await p.getByLabel("Identifiant").fill(login);
  await p.getByLabel("Mot de passe", { exact: true }).fill(password);
  await p.getByRole("button", { name: "Se connecter" }).click();
}

describe("parents on a phone (375×667)", () => {
  it("the public home shows news and documents; F00001 logs in and sees Léa and Hugo", async () => {
    const p = await e2e.phonePage();
    await p.goto("/");
    await p.getByRole("heading", { name: "Actualités" }).waitFor();
    await p.getByText("Les menus de décembre sont en ligne").waitFor();
    await p.getByRole("link", { name: /Règlement intérieur/ }).waitFor();
    await p.getByRole("link", { name: "Se connecter" }).first().click();
    await p.waitForURL("**/connexion**");
    await logIn(p, "F00001", "Martin-Albertville-2026");
    await p.waitForURL("**/espace");
    await p.getByText("Léa", { exact: false }).first().waitFor();
    await p.getByText("Hugo", { exact: false }).first().waitFor();
    for (const entry of ["Inscription", "Planning", "Paiements", "Mon dossier"]) {
      await p.getByRole("link", { name: entry }).first().waitFor();
    }
    // Phone first: nothing wider than the screen.
    const width = await p.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
    await p.getByRole("button", { name: "Se déconnecter" }).click();
    await p.waitForURL((u) => u.pathname === "/");
    // Logged out on purpose: a private page asks to log in, without speaking of an expiry.
    await p.goto("/espace/planning");
    await p.waitForURL("**/connexion**");
    await p.getByRole("button", { name: "Se connecter" }).waitFor();
    expect(await p.getByText("Votre session a expiré").count()).toBe(0);
  });

  it("a wrong password says so without telling which was wrong, and keeps the identifier", async () => {
    const p = await e2e.phonePage();
    await p.goto("/connexion");
    await logIn(p, "F00001", "pas-le-bon");
    await p.getByText("Identifiant ou mot de passe incorrect.").waitFor();
    expect(await p.getByLabel("Identifiant").inputValue()).toBe("F00001");
    await logIn(p, "F09999", "pas-le-bon");
    await p.getByText("Identifiant ou mot de passe incorrect.").waitFor();
  });

  it("« Mot de passe oublié ? » mails a link that sets a new password", async () => {
    const p = await e2e.phonePage();
    await p.goto("/connexion");
    await p.getByRole("link", { name: "Mot de passe oublié ?" }).click();
    await p.getByLabel("Identifiant").fill("F00001");
    await p.getByRole("button", { name: "Envoyer le lien" }).click();
    await p.getByText(/Si ce compte existe/).waitFor();

    const mail = await e2e.smtp.waitFor(
      (m) => m.to.includes("famille.martin@example.fr") && /Réinitialisation/.test(m.subject),
    );
    const link = /https?:\/\/\S+jeton=[a-z2-7]+/.exec(mail.text)?.[0];
    expect(link).toBeDefined();
    expect(link?.startsWith(e2e.server.url.replace("localhost", "localhost"))).toBe(true);

    await p.goto(link ?? "");
    await p
      .getByLabel("Nouveau mot de passe", { exact: true })
      .fill("Un nouveau mot de passe pour Léa");
    await p.getByLabel(/Confirmer/).fill("Un nouveau mot de passe pour Léa");
    await p.getByRole("button", { name: "Enregistrer" }).click();
    await p.waitForURL("**/espace**");
    await p.getByText("Hugo").first().waitFor();
    await e2e.smtp.waitFor((m) => m.subject === "Votre mot de passe a été modifié");

    // The link was single-use; the new password works, the old one no longer does.
    await p.getByRole("button", { name: "Se déconnecter" }).click();
    await p.waitForURL((u) => u.pathname === "/");
    await p.goto(link ?? "");
    await p
      .getByLabel("Nouveau mot de passe", { exact: true })
      .fill("Encore un autre mot de passe");
    await p.getByLabel(/Confirmer/).fill("Encore un autre mot de passe");
    await p.getByRole("button", { name: "Enregistrer" }).click();
    await p.getByText(/Ce lien n'est plus valide/).waitFor();
    await p.goto("/connexion");
    await logIn(p, "F00001", "Martin-Albertville-2026");
    await p.getByText("Identifiant ou mot de passe incorrect.").waitFor();
    await logIn(p, "F00001", "Un nouveau mot de passe pour Léa");
    await p.waitForURL("**/espace");
  });

  it("an expired session returns to the login with a message, then back to the page", async () => {
    const p = await e2e.phonePage();
    await p.goto("/connexion");
    await logIn(p, "F00002", "Bernard-Albertville-2026");
    await p.waitForURL("**/espace");
    await p.getByRole("link", { name: "Mon dossier" }).first().click();
    await p.waitForURL("**/espace/dossier");
    await p.getByRole("heading", { name: "Mon dossier" }).waitFor();
    // The session ends on the server (expiry or revocation).
    e2e.server.db.delete(sessions).run();
    await p.reload();
    await p.waitForURL("**/connexion**");
    await p.getByText("Votre session a expiré. Veuillez vous reconnecter.").waitFor();
    await logIn(p, "F00002", "Bernard-Albertville-2026");
    await p.waitForURL("**/espace/dossier");
    await p
      .getByText(/incomplet/i)
      .first()
      .waitFor();
    // This time a request of the page meets the lost session first; the parent then opens a
    // private address anew (a reload, a bookmark): still told why the login is asked.
    e2e.server.db.delete(sessions).run();
    await p.getByRole("link", { name: /Retour à mon espace/ }).click();
    await p.waitForURL("**/connexion**");
    await p.getByText("Votre session a expiré. Veuillez vous reconnecter.").waitFor();
    await p.goto("/espace/dossier");
    await p.waitForURL("**/connexion**");
    await p.getByText("Votre session a expiré. Veuillez vous reconnecter.").waitFor();
    await logIn(p, "F00002", "Bernard-Albertville-2026");
    await p.waitForURL("**/espace/dossier");
  });
});

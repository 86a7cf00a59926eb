import { describe, expect, it } from "vitest";
import { consoleLogIn } from "../support/browser";
import { useE2E } from "../support/e2e";

const e2e = useE2E();

describe("the console's administration", () => {
  it("an admin creates an agent; the agent logs in with the temporary password and must change it", async () => {
    const admin = await e2e.deskPage();
    await consoleLogIn(admin, "admin", "Admin-Albertville-2026");
    await admin.getByRole("heading", { name: "Tableau de bord", level: 1 }).waitFor();
    await admin.getByRole("link", { name: "Comptes du personnel" }).click();
    await admin.getByRole("heading", { name: "Comptes du personnel", level: 1 }).waitFor();

    // Empty, then a login already taken: French messages under the fields, nothing created.
    await admin.getByRole("button", { name: "Créer le compte" }).click();
    await admin.getByText("Le nom d'utilisateur doit contenir au moins 3 caractères.").waitFor();
    await admin.getByText("Le nom est obligatoire.").waitFor();
    await admin.getByLabel("Nom d'utilisateur").fill("Agent");
    await admin.getByLabel("Nom affiché").fill("Marc Girard");
    await admin.getByRole("button", { name: "Créer le compte" }).click();
    await admin.getByText("Ce nom d'utilisateur est déjà pris : choisissez-en un autre.").waitFor();
    // What was typed is still there.
    expect(await admin.getByLabel("Nom affiché").inputValue()).toBe("Marc Girard");

    await admin.getByLabel("Nom d'utilisateur").fill("m.girard");
    await admin.getByLabel("E-mail (facultatif)").fill("m.girard@albertville.example.fr");
    await admin.getByRole("button", { name: "Créer le compte" }).click();
    await admin.getByText("Compte créé.").waitFor();
    const password = (await admin.getByTestId("staff-password").textContent()) ?? "";
    expect(password).toMatch(/^[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}$/);
    const row = admin.getByRole("row", { name: /Marc Girard/ });
    await row.getByText("Mot de passe à changer").waitFor();

    const agent = await e2e.deskPage();
    await consoleLogIn(agent, "m.girard", password);
    await agent.waitForURL("**/console/mot-de-passe**");
    await agent.getByLabel("Mot de passe actuel").fill(password);
    await agent
      .getByLabel("Nouveau mot de passe", { exact: true })
      .fill("Le guichet ouvre à huit heures");
    await agent
      .getByLabel("Confirmer le nouveau mot de passe")
      .fill("Le guichet ouvre à huit heures");
    await agent.getByRole("button", { name: "Enregistrer" }).click();
    await agent.getByRole("heading", { name: "Tableau de bord", level: 1 }).waitFor();
    await agent.getByRole("heading", { name: "Pièces à vérifier" }).waitFor();
    // An agent sees no administration.
    expect(await agent.getByRole("link", { name: "Comptes du personnel" }).count()).toBe(0);

    // Disabled, the agent is logged out at once.
    await admin.reload();
    await row.getByRole("button", { name: "Désactiver m.girard" }).click();
    await row.getByRole("button", { name: "Confirmer la désactivation" }).click();
    await admin.getByText("Compte m.girard désactivé : la personne est déconnectée.").waitFor();
    await row.getByText("Désactivé", { exact: true }).waitFor();
    await agent.goto("/console/pointage");
    await agent.waitForURL("**/console/connexion**");
  });

  it("an admin publishes a news item and a PDF; both appear on the parents' public home", async () => {
    const admin = await e2e.deskPage();
    await consoleLogIn(admin, "admin", "Admin-Albertville-2026");
    await admin.getByRole("link", { name: "Actualités et documents" }).click();
    await admin.getByRole("heading", { name: "Actualités et documents", level: 1 }).waitFor();

    const newsForm = admin.getByRole("form", { name: "Nouvelle actualité" });
    await newsForm.getByLabel("Texte").fill("Les accueils fermeront à 17:00 le jeudi 24 décembre.");
    await newsForm.getByRole("button", { name: "Publier" }).click();
    await newsForm.getByText("Le titre est obligatoire.").waitFor();
    expect(await newsForm.getByLabel("Texte").inputValue()).toContain("24 décembre");
    await newsForm.getByLabel("Titre").fill("Fermeture anticipée le 24 décembre");
    await newsForm.getByRole("button", { name: "Publier" }).click();
    await admin
      .getByRole("status")
      .filter({ hasText: "« Fermeture anticipée le 24 décembre » est publiée sur l'accueil." })
      .waitFor();

    const docForm = admin.getByRole("form", { name: "Ajouter un document" });
    await docForm.getByLabel("Titre").fill("Menus de janvier 2027");
    await docForm.getByLabel("Catégorie").selectOption("menus");
    // A picture under a PDF's name is refused on the field, before anything is sent.
    await docForm.getByLabel("Fichier PDF (5 Mo au plus)").setInputFiles({
      name: "menus-janvier.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]),
    });
    await docForm.getByText("Ce fichier n'est pas un PDF : enregistrez-le en PDF.").waitFor();
    await docForm.getByLabel("Fichier PDF (5 Mo au plus)").setInputFiles({
      name: "menus-janvier.pdf",
      mimeType: "application/pdf",
      // 1.5 MB: more than an ordinary call may carry.
      buffer: Buffer.from(`%PDF-1.4\n%${"x".repeat(1_500_000)}\n%%EOF\n`),
    });
    await docForm.getByRole("button", { name: "Ajouter le document" }).click();
    await admin
      .getByRole("status")
      .filter({ hasText: "« Menus de janvier 2027 » est publié sur l'accueil." })
      .waitFor();

    const phone = await e2e.phonePage();
    await phone.goto("/");
    await phone.getByRole("heading", { name: "Fermeture anticipée le 24 décembre" }).waitFor();
    await phone.getByText("Les accueils fermeront à 17:00 le jeudi 24 décembre.").waitFor();
    const link = phone.getByRole("link", { name: /Menus de janvier 2027/ });
    await link.waitFor();
    const res = await phone.request.get((await link.getAttribute("href")) ?? "");
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toBe("application/pdf");
    expect((await res.body()).subarray(0, 5).toString()).toBe("%PDF-");

    // Withdrawn, the news item leaves the home.
    await admin
      .getByRole("button", { name: "Retirer « Fermeture anticipée le 24 décembre »" })
      .click();
    await admin.getByRole("status").filter({ hasText: "est retirée de l'accueil." }).waitFor();
    await phone.reload();
    await phone.getByRole("heading", { name: "Actualités" }).waitFor();
    await phone.getByRole("heading", { name: "Bienvenue sur votre Espace Famille" }).waitFor();
    expect(
      await phone.getByRole("heading", { name: "Fermeture anticipée le 24 décembre" }).count(),
    ).toBe(0);
  });

  it("an agent re-sends a household's message from its history and it arrives again", async () => {
    // The Bernards change their password: the outbox mails them, the SMTP server receives it.
    const headers = { "content-type": "application/json", origin: e2e.server.url };
    const login = await fetch(`${e2e.server.url}/trpc/auth.login`, {
      method: "POST",
      headers,
      body: JSON.stringify({
        login: "F00002",
        password: "Bernard-Albertville-2026",
        audience: "parent",
      }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const change = await fetch(`${e2e.server.url}/trpc/auth.changePassword`, {
      method: "POST",
      headers: { ...headers, cookie },
      body: JSON.stringify({
        currentPassword: "Bernard-Albertville-2026",
        newPassword: "Jade va au centre de loisirs",
        confirmPassword: "Jade va au centre de loisirs",
      }),
    });
    expect(change.status).toBe(200);
    const isIt = (m: { to: string[] | string; subject: string }) =>
      m.to.includes("famille.bernard@example.fr") &&
      m.subject === "Votre mot de passe a été modifié";
    await e2e.smtp.waitFor(isIt);
    const before = e2e.smtp.messages.filter(isIt).length;

    const desk = await e2e.deskPage();
    await consoleLogIn(desk);
    await desk.getByLabel("Rechercher une famille").fill("Bernard");
    // The dashboard lists the Bernards too (a piece to check): open them from the results.
    await desk
      .getByRole("table", { name: "Foyers correspondant à « Bernard »" })
      .getByRole("link", { name: "Famille Bernard" })
      .click();
    await desk.getByRole("heading", { name: /Famille Bernard/, level: 1 }).waitFor();
    const history = desk.getByRole("region", { name: "Messages envoyés" });
    const row = history.getByRole("row", { name: /Votre mot de passe a été modifié/ });
    await row.getByText("Envoyé", { exact: true }).waitFor();
    await row.getByRole("button", { name: /Renvoyer/ }).click();
    await history
      .getByRole("status")
      .filter({
        hasText: "« Votre mot de passe a été modifié » est renvoyé à famille.bernard@example.fr.",
      })
      .waitFor();

    await expect
      .poll(() => e2e.smtp.messages.filter(isIt).length, { timeout: 15_000 })
      .toBe(before + 1);
    // The history says it went.
    await desk.reload();
    await history
      .getByRole("row", { name: /Votre mot de passe a été modifié/ })
      .getByText("Envoyé", { exact: true })
      .waitFor();
  });
});

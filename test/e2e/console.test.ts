import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { deskContext, launchChromium, phoneContext, watchErrors } from "../support/browser";
import { startTestServer, type TTestServer } from "../support/server";

let server: TTestServer;
let browser: Browser;
let page: Page;
let errors: string[];

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});
afterEach(async () => {
  await page?.context().close();
  expect(errors).toEqual([]);
});

async function staffLogIn(login: string, password: string) {
  const context = await deskContext(browser, server.url);
  page = await context.newPage();
  errors = watchErrors(page);
  await page.goto("/console/");
  await page.waitForURL("**/console/connexion**");
  await page.getByLabel("Nom d'utilisateur").fill(login);
  await page.getByLabel("Mot de passe", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  return page;
}

describe("the staff console", () => {
  it("an agent logs in and finds the Martin household with its children and dossier", async () => {
    const p = await staffLogIn("agent", "Guichet-Albertville-2026");
    await p.getByLabel("Rechercher une famille").fill("Martin");
    const row = p.getByRole("link", { name: /F00001|Famille Martin/ }).first();
    await row.click();
    await p.waitForURL("**/console/foyers/**");
    await p.getByRole("heading", { name: /Famille Martin/ }).waitFor();
    await p.getByText("Léa").first().waitFor();
    await p.getByText("Hugo").first().waitFor();
    await p
      .getByText(/Allergie/)
      .first()
      .waitFor();
    // Back and forward keep the search.
    await p.goBack();
    await p.waitForURL("**/console/**Martin**");
    await p
      .getByRole("link", { name: /F00001|Famille Martin/ })
      .first()
      .waitFor();
    // Admin areas are hidden from agents.
    expect(await p.getByRole("link", { name: "Comptes du personnel" }).count()).toBe(0);
  });

  it("an admin sees the administration area", async () => {
    const p = await staffLogIn("admin", "Admin-Albertville-2026");
    await p.getByRole("link", { name: "Comptes du personnel" }).click();
    await p.getByRole("cell", { name: "agent", exact: true }).waitFor();
  });

  it("an agent typing an admin address gets a French refusal, not a crash", async () => {
    const p = await staffLogIn("agent", "Guichet-Albertville-2026");
    await p.getByLabel("Rechercher une famille").waitFor();
    await p.goto("/console/admin/personnel");
    await p.getByText("Cette action est réservée aux administrateurs.").waitFor();
  });

  it("a parent's cookie is refused by staff procedures and by the console", async () => {
    const context = await phoneContext(browser, server.url);
    page = await context.newPage();
    errors = watchErrors(page);
    await page.goto("/connexion");
    await page.getByLabel("Identifiant").fill("F00001");
    await page.getByLabel("Mot de passe", { exact: true }).fill("Martin-Albertville-2026");
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page.waitForURL("**/espace");
    // The same cookie, sent to a staff procedure.
    const res = await page.request.get(
      `/trpc/staff.households.search?input=${encodeURIComponent(JSON.stringify({ q: "martin" }))}`,
    );
    expect(res.status()).toBe(403);
    const body = await res.json();
    expect(body.error.data.code).toBe("FORBIDDEN");
    expect(JSON.stringify(body)).not.toContain("F00002");
    await page.goto("/console/");
    await page.getByText("Cette console est réservée au personnel.").waitFor();
  });
});

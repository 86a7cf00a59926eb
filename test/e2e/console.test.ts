import { sessions } from "@ef/db";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  consoleLogIn,
  deskContext,
  familyLogIn,
  launchChromium,
  phoneContext,
  watchErrors,
} from "../support/browser";
import { startTestServer, type TTestServer } from "../support/server";
import { startTestSmtp, type TTestSmtp } from "../support/smtp-server";

let server: TTestServer;
let smtp: TTestSmtp;
let browser: Browser;
let page: Page;
let errors: string[];

beforeAll(async () => {
  smtp = await startTestSmtp();
  server = await startTestServer({ smtpUrl: smtp.url });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.close();
});
afterEach(async () => {
  await page?.context().close();
  expect(errors).toEqual([]);
});

async function staffLogIn(login: string, password: string) {
  const context = await deskContext(browser, server.url);
  page = await context.newPage();
  errors = watchErrors(page);
  await consoleLogIn(page, login, password);
  return page;
}

/** A family's session through the API, as the parent app's calls make it. */
async function familySession(login: string, password: string) {
  const headers = { "content-type": "application/json", origin: server.url };
  const res = await fetch(`${server.url}/trpc/auth.login`, {
    method: "POST",
    headers,
    body: JSON.stringify({ login, password, audience: "parent" }),
  });
  expect(res.status).toBe(200);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  return {
    async query<T>(path: string, input?: unknown): Promise<T> {
      const search =
        input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`;
      const r = await fetch(`${server.url}/trpc/${path}${search}`, {
        headers: { ...headers, cookie },
      });
      expect(r.status).toBe(200);
      return ((await r.json()) as { result: { data: T } }).result.data;
    },
    async mutate<T>(path: string, input: unknown): Promise<T> {
      const r = await fetch(`${server.url}/trpc/${path}`, {
        method: "POST",
        headers: { ...headers, cookie },
        body: JSON.stringify(input),
      });
      expect(r.status).toBe(200);
      return ((await r.json()) as { result: { data: T } }).result.data;
    },
  };
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

  it("a family clicked on the dashboard while the search is being typed stays open", async () => {
    const p = await staffLogIn("agent", "Guichet-Albertville-2026");
    // A slow connection: the household page's code takes longer than a pause in the typing.
    await p.route("**/console/assets/_householdId-*", async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await route.continue();
    });
    const pieces = p.getByRole("region", { name: "Pièces à vérifier" });
    const bernard = pieces.getByRole("link", { name: /Famille Bernard/ });
    await bernard.waitFor();
    await p.getByLabel("Rechercher une famille").fill("Martin");
    await bernard.click();
    await p.getByRole("heading", { name: /Famille Bernard/, level: 1 }).waitFor();
    await p.waitForTimeout(500);
    expect(new URL(p.url()).pathname).toMatch(/\/console\/foyers\/\d+$/);
    await p.getByRole("heading", { name: /Famille Bernard/, level: 1 }).waitFor();
  });

  it("an ended session is named on the login page, even after a reload; a logout is not", async () => {
    const p = await staffLogIn("agent", "Guichet-Albertville-2026");
    await p.getByLabel("Rechercher une famille").fill("Martin");
    await p
      .getByRole("table", { name: "Foyers correspondant à « Martin »" })
      .getByRole("link")
      .first()
      .click();
    await p.getByRole("heading", { name: /Famille Martin/, level: 1 }).waitFor();
    const expired = p.getByText("Votre session a expiré après une période d'inactivité.");
    // The session ends on the server (idle timeout, revocation); the agent reloads the page.
    server.db.delete(sessions).run();
    await p.reload();
    await p.waitForURL("**/console/connexion**");
    await expired.waitFor();
    // Opened anew (a bookmark, the next morning): still said.
    await p.goto("/console/");
    await p.waitForURL("**/console/connexion**");
    await expired.waitFor();
    await p.getByLabel("Nom d'utilisateur").fill("agent");
    await p.getByLabel("Mot de passe", { exact: true }).fill("Guichet-Albertville-2026");
    await p.getByRole("button", { name: "Se connecter" }).click();
    await p.getByRole("heading", { name: "Tableau de bord", level: 1 }).waitFor();
    // « Se déconnecter » is no expiry: nothing of the kind is said, now or at the next visit.
    await p.getByRole("button", { name: "Se déconnecter" }).first().click();
    await p.waitForURL("**/console/connexion**");
    await p.getByRole("button", { name: "Se connecter" }).waitFor();
    expect(await expired.count()).toBe(0);
    await p.goto("/console/foyers/1");
    await p.waitForURL("**/console/connexion**");
    await p.getByRole("button", { name: "Se connecter" }).waitFor();
    expect(await expired.count()).toBe(0);
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
    await familyLogIn(page);
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

  it("an agent validates a pending registration and the family is told", async () => {
    // F00002's dossier is incomplete: Jade's registration waits for the guichet unique.
    const family = await familySession("F00002", "Bernard-Albertville-2026");
    const me = await family.query<{ householdId: number }>("auth.me");
    const { householdId } = me;
    const overview = await family.query<{ children: { id: number; firstName: string }[] }>(
      "household.overview",
      { householdId },
    );
    const jade = overview.children.find((c) => c.firstName === "Jade");
    expect(jade).toBeDefined();
    const childId = jade?.id;
    const options = await family.query<{ id: number; name: string }[]>("registrations.options", {
      householdId,
      childId,
    });
    const activity = options.find((o) => o.name === "Accueil du matin");
    expect(activity).toBeDefined();
    const created = await family.mutate<{ status: string }>("registrations.create", {
      householdId,
      childId,
      activityId: activity?.id,
    });
    expect(created.status).toBe("pending");

    const p = await staffLogIn("agent", "Guichet-Albertville-2026");
    await p.getByRole("link", { name: "Inscriptions à valider (1)", exact: true }).click();
    await p.waitForURL("**/console/inscriptions");
    await p.getByRole("heading", { name: "Inscriptions à valider", level: 1 }).waitFor();
    const row = p.getByRole("row", { name: /Jade/ });
    await row.getByRole("cell", { name: "Accueil du matin (2026-2027)", exact: true }).waitFor();
    await row.getByRole("link", { name: /F00002/ }).waitFor();
    await row.getByText("incomplet", { exact: true }).waitFor();
    await row.getByRole("button", { name: "Valider", exact: true }).click();

    await p
      .getByRole("status")
      .filter({ hasText: "Inscription de Jade validée. La famille est prévenue par e-mail." })
      .waitFor();
    await row.waitFor({ state: "detached" });
    await p.getByText("Aucune inscription en attente.").waitFor();
    // The navigation's count went with the row.
    await p.getByRole("link", { name: "Inscriptions à valider", exact: true }).waitFor();

    const mail = await smtp.waitFor(
      (m) => m.subject === "Inscription validée : Jade — Accueil du matin",
    );
    expect(mail.to).toContain("famille.bernard@example.fr");
  });
});

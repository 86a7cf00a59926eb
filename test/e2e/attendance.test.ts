import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { consoleLogIn, deskContext, launchChromium, watchErrors } from "../support/browser";
import { startTestServer, type TTestServer } from "../support/server";

let server: TTestServer;
let browser: Browser;
let page: Page;
let errors: string[];

beforeAll(async () => {
  // Thursday 3 December 2026, the morning Léa is booked for lunch.
  server = await startTestServer({ appNow: "2026-12-03T08:00:00+01:00" });
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

describe("pointage", () => {
  it("an agent marks Léa present at lunch, it stays after a reload, and prints the list", async () => {
    const context = await deskContext(browser, server.url);
    // The print dialog would block the page: count the calls instead.
    await context.addInitScript(() => {
      const w = window as unknown as { printCalls: number };
      w.printCalls = 0;
      window.print = () => {
        w.printCalls++;
      };
    });
    page = await context.newPage();
    errors = watchErrors(page);
    await consoleLogIn(page);

    await page.getByRole("link", { name: "Pointage" }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Pointage" }).isVisible()).toBe(true);
    await page
      .getByLabel("Activité")
      .selectOption({ label: "Restauration scolaire (midi) (Accueils périscolaires)" });
    await page.getByLabel("Jour").fill("2026-12-03");
    const title = page.getByRole("heading", {
      name: "Restauration scolaire (midi) — jeudi 3 décembre 2026",
    });
    await title.waitFor();

    const lea = page.getByRole("row", { name: /MARTIN Léa|Martin Léa/i });
    await expect.poll(() => lea.getByText("PAI", { exact: true }).isVisible()).toBe(true);
    await expect.poll(() => lea.getByText(/arachides/).isVisible()).toBe(true);

    const present = page.getByRole("button", { name: "Présent — Léa Martin" });
    await present.click();
    await expect.poll(() => present.getAttribute("aria-pressed")).toBe("true");

    await page.reload();
    await title.waitFor();
    expect(page.url()).toMatch(/activite=\d+/);
    expect(page.url()).toContain("date=2026-12-03");
    await expect
      .poll(() =>
        page.getByRole("button", { name: "Présent — Léa Martin" }).getAttribute("aria-pressed"),
      )
      .toBe("true");
    expect(
      await page.getByRole("button", { name: "Absent — Léa Martin" }).getAttribute("aria-pressed"),
    ).toBe("false");

    await page.getByRole("button", { name: "Imprimer la liste" }).click();
    expect(
      await page.evaluate(() => (window as unknown as { printCalls: number }).printCalls),
    ).toBe(1);
  });
});

import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { deskContext, launchChromium, phoneContext, watchErrors } from "./browser";
import { startTestServer, type TTestServer } from "./server";
import { startTestSmtp, type TTestSmtp } from "./smtp-server";

/**
 * One end-to-end file's world: a real SMTP server, the real server on a temporary database (its
 * clock at `appNow`), Debian's Chromium. Pages opened through it are closed after each test, and
 * a test fails if a page logged an error.
 */
export function useE2E(opts: { appNow?: string } = {}) {
  let server: TTestServer | undefined;
  let smtp: TTestSmtp | undefined;
  let browser: Browser | undefined;
  let open: { page: Page; errors: string[] }[] = [];

  beforeAll(async () => {
    smtp = await startTestSmtp();
    server = await startTestServer({ smtpUrl: smtp.url, appNow: opts.appNow });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await smtp?.close();
  });
  afterEach(async () => {
    const pages = open;
    open = [];
    for (const { page } of pages) await page.context().close();
    expect(pages.flatMap((p) => p.errors)).toEqual([]);
  });

  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not started`);
    return value;
  };
  async function track(page: Page) {
    open.push({ page, errors: watchErrors(page) });
    return page;
  }

  return {
    get server() {
      return need(server, "the server");
    },
    get smtp() {
      return need(smtp, "the SMTP server");
    },
    get browser() {
      return need(browser, "Chromium");
    },
    /** A new phone (375×667), watched for errors. */
    async phonePage() {
      return track(
        await (
          await phoneContext(need(browser, "Chromium"), need(server, "the server").url)
        ).newPage(),
      );
    },
    /** A new desk screen (1280×800), watched for errors. */
    async deskPage() {
      return track(
        await (
          await deskContext(need(browser, "Chromium"), need(server, "the server").url)
        ).newPage(),
      );
    },
  };
}

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TRunning } from "./boot";
import { startDemoServer } from "./test-support";

let running: TRunning;
const logs: string[] = [];

beforeAll(async () => {
  running = await startDemoServer("ef-server-", {
    log: (level, msg, data) => logs.push(JSON.stringify({ level, msg, ...data })),
  });
});
afterAll(() => running.stop());

const login = (headers: Record<string, string> = {}, body?: string) =>
  fetch(`${running.url}/trpc/auth.login`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body:
      body ??
      JSON.stringify({ login: "F00001", password: "Martin-Albertville-2026", audience: "parent" }),
  });

describe("HTTP host", () => {
  it("answers /healthz", async () => {
    const res = await fetch(`${running.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok" });
  });

  it("sends the security headers, and no-store on the API", async () => {
    const res = await fetch(`${running.url}/trpc/content.news`);
    expect(res.status).toBe(200);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(res.headers.get("cache-control")).toBe("no-store");
    const page = await fetch(`${running.url}/`);
    expect(page.headers.get("content-security-policy")).toBe(csp);
  });

  it("logs a parent in over HTTP with an HttpOnly SameSite=Lax cookie", async () => {
    const res = await login({ origin: running.url, "sec-fetch-site": "same-origin" });
    expect(res.status).toBe(200);
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^ef_session=[a-z2-7]{32}; HttpOnly; SameSite=Lax; Path=\//);
  });

  it("refuses cross-site, foreign-origin, form-encoded and multipart mutations", async () => {
    const refused = [
      await login({ "sec-fetch-site": "cross-site" }),
      await login({ origin: "https://evil.example" }),
      await login({ "content-type": "application/x-www-form-urlencoded" }, "login=F00001"),
      await login({ "content-type": "multipart/form-data; boundary=x" }, "--x--"),
      await login({ "content-type": "text/plain" }),
    ];
    for (const res of refused) {
      expect(res.status).toBe(403);
      const body = (await res.json()) as { error: { message: string } };
      expect(body.error.message).toMatch(/^Requête refusée/);
      expect(res.headers.get("set-cookie")).toBeNull();
    }
  });

  it("serves public documents and 404s unknown ones", async () => {
    const docs = (await (await fetch(`${running.url}/trpc/content.documents`)).json()) as {
      result: { data: { url: string; sizeBytes: number }[] };
    };
    const first = docs.result.data[0];
    if (!first) throw new Error("no document");
    const res = await fetch(`${running.url}${first.url}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect((await res.arrayBuffer()).byteLength).toBe(first.sizeBytes);
    expect((await fetch(`${running.url}/documents/99999/x.pdf`)).status).toBe(404);
  });

  it("never logs a password or a token", async () => {
    await login();
    await login(
      {},
      JSON.stringify({ login: "F00001", password: "mauvais-secret", audience: "parent" }),
    );
    const all = logs.join("\n");
    expect(all).toContain('"path":"/trpc/auth.login"');
    expect(all).not.toContain("Martin-Albertville-2026");
    expect(all).not.toContain("mauvais-secret");
    expect(all).not.toMatch(/ef_session=/);
  });
});

/**
 * For the HTTP tests: the real server on a fresh demo database in a temporary folder, and the
 * calls a browser makes (same-site tRPC calls, login with the session cookie).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { boot, type TRunning } from "./boot";
import { readConfig } from "./config";
import type { TLog } from "./log";

/**
 * Boots the server on port 0 with the demo seeded, the mail off, `appNow` as the clock, and no
 * warm-up unless asked.
 */
export function startDemoServer(
  folderPrefix: string,
  options: { appNow?: string; log?: TLog; warmUpFlows?: number } = {},
): Promise<TRunning> {
  const dir = mkdtempSync(join(tmpdir(), folderPrefix));
  return boot(
    {
      ...readConfig({ NODE_ENV: "test", PORT: "0" }),
      host: "127.0.0.1",
      databasePath: join(dir, "db.sqlite"),
      dataDir: dir,
      smtpUrl: null,
      seedDemo: true,
      appNow: options.appNow,
      warmUpFlows: options.warmUpFlows ?? 0,
    },
    options.log ?? (() => {}),
  );
}

/** The headers of a same-site JSON call, with the session cookie when there is one. */
export const sameSite = (running: TRunning, cookie?: string) => ({
  "content-type": "application/json",
  origin: running.url,
  "sec-fetch-site": "same-origin",
  ...(cookie ? { cookie } : {}),
});

/** Logs in through `auth.login` and answers the session cookie (`name=value`). */
export async function loginAs(
  running: TRunning,
  login: string,
  password: string,
  audience: "parent" | "staff",
): Promise<string> {
  const res = await fetch(`${running.url}/trpc/auth.login`, {
    method: "POST",
    headers: sameSite(running),
    body: JSON.stringify({ login, password, audience }),
  });
  expect(res.status).toBe(200);
  return (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}

/** A tRPC mutation over HTTP as `cookie`'s user: its data, or throws with the error. */
export async function trpcCall(
  running: TRunning,
  cookie: string,
  path: string,
  input: unknown,
): Promise<unknown> {
  const res = await fetch(`${running.url}/trpc/${path}`, {
    method: "POST",
    headers: sameSite(running, cookie),
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { result?: { data: unknown }; error?: unknown };
  if (!body.result) throw new Error(JSON.stringify(body.error));
  return body.result.data;
}

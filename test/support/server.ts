import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { boot, readConfig, type TRunning } from "@ef/server";

export type TTestServer = TRunning & { dataDir: string; logs: string[] };

/**
 * The real server (the same boot as `pnpm start`) on a temporary database with the demo, on a
 * free port, sending mail to `smtpUrl`. Logs are kept for assertions, not printed.
 */
export async function startTestServer(
  opts: { smtpUrl?: string; appNow?: string } = {},
): Promise<TTestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), "ef-e2e-"));
  const logs: string[] = [];
  const port = await freePort();
  const base = readConfig({ ...process.env, NODE_ENV: "test", PORT: String(port), PUBLIC_URL: "" });
  const config = {
    ...base,
    host: "127.0.0.1",
    databasePath: join(dataDir, "espace-famille.db"),
    dataDir,
    smtpUrl: opts.smtpUrl ?? null,
    appNow: opts.appNow,
    seedDemo: true,
  };
  const running = await boot(config, (level, msg, data) => {
    logs.push(JSON.stringify({ level, msg, ...data }));
  });
  return { ...running, dataDir, logs };
}

/** A port nothing listens on, so that links in mails can name it before the server starts. */
function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.once("error", fail);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => ok(port));
    });
  });
}

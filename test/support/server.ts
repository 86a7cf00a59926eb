import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { boot, readConfig, type TRunning } from "@ef/server";

export type TTestServer = TRunning & { dataDir: string; logs: string[] };

/**
 * The real server (the same boot as `pnpm start`) on a temporary database with the demo, on a
 * free port, sending mail to `smtpUrl`. Logs are kept for assertions, not printed.
 */
export async function startTestServer(opts: { smtpUrl?: string; appNow?: string } = {}): Promise<TTestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), "ef-e2e-"));
  const logs: string[] = [];
  const base = readConfig({ ...process.env, NODE_ENV: "test", PORT: "0" });
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
  // Links in mails must point at this server.
  return { ...running, dataDir, logs };
}

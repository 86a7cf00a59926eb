import cluster from "node:cluster";
import { openDb } from "@ef/db";
import type { TDemoAccount } from "@ef/db/seed";
import { boot, prepareDatabase } from "./boot";
import { readConfig, type TServerConfig } from "./config";
import { createLog } from "./log";

const log = createLog();
const config = readConfig();

function banner(url: string, demoAccounts: TDemoAccount[] | null, c: TServerConfig): void {
  const lines = [
    "",
    "Espace Famille — Ville d'Albertville",
    `  Portail des familles : ${url}/`,
    `  Console du guichet   : ${url}/console/`,
    `  Base de données      : ${c.databasePath}`,
    c.smtpUrl
      ? `  Courriel (SMTP)      : ${c.smtpUrl}`
      : "  Courriel             : pas de SMTP_URL, les messages restent dans la file d'envoi",
  ];
  if (c.workers > 1) lines.push(`  Processus            : ${c.workers} (SERVER_WORKERS)`);
  if (demoAccounts) {
    lines.push("", "Comptes de démonstration :");
    for (const a of demoAccounts)
      lines.push(`  ${a.login.padEnd(8)} ${a.password.padEnd(26)} ${a.who}`);
  } else if (c.seedDemo) {
    lines.push("", "Comptes de démonstration (voir README) : F00001, F00002, agent, admin");
  }
  process.stdout.write(`${lines.join("\n")}\n\n`);
}

/** SIGINT/SIGTERM: `stop()` once; a stop still hanging after 10 seconds is cut short. */
function onSignals(stop: () => Promise<void>): void {
  let exiting = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (exiting) return;
      exiting = true;
      log("info", "shutdown", { signal });
      // Once everything is closed nothing keeps the process alive: it ends by itself.
      const force = setTimeout(() => process.kill(process.pid, "SIGKILL"), 10_000);
      force.unref();
      stop().then(
        () => {
          process.exitCode = 0;
        },
        (error) => {
          log("error", "shutdown.error", { error });
          process.exitCode = 1;
        },
      );
    });
  }
}

if (config.workers > 1 && cluster.isPrimary) {
  // Several processes on the same port and the same SQLite file (WAL; every booking is a
  // BEGIN IMMEDIATE transaction, so capacity holds across processes). The primary prepares the
  // database, then only watches: the first worker runs the jobs.
  const db = openDb(config.databasePath);
  const demoAccounts = await prepareDatabase(db, config, log);
  db.$client.close();
  let stopping = false;
  const fork = (jobs: boolean) => {
    const worker = cluster.fork({ EF_WORKER_JOBS: jobs ? "1" : "0" });
    worker.on("exit", (code, signal) => {
      if (stopping) return;
      log("error", "worker.exit", { code, signal, jobs });
      fork(jobs);
    });
  };
  for (let i = 0; i < config.workers; i++) fork(i === 0);
  banner(`http://localhost:${config.port}`, demoAccounts, config);
  onSignals(async () => {
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w) => w !== undefined);
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((ok) => {
            if (w.isDead()) return ok();
            w.once("exit", () => ok());
            w.process.kill("SIGTERM");
          }),
      ),
    );
  });
} else if (cluster.isWorker) {
  const running = await boot(config, log, {
    databaseReady: true,
    jobs: process.env.EF_WORKER_JOBS === "1",
  });
  // The primary decides when to stop (it forwards SIGTERM); Ctrl-C reaches every process. Once
  // stopped, the channel to the primary is let go so that nothing keeps the worker alive.
  onSignals(async () => {
    await running.stop();
    process.disconnect?.();
  });
} else {
  const running = await boot(config, log);
  banner(running.url, running.demoAccounts, config);
  onSignals(() => running.stop());
}

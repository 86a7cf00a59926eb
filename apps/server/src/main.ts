import { boot } from "./boot";
import { readConfig } from "./config";
import { createLog } from "./log";

const log = createLog();
const config = readConfig();
const running = await boot(config, log);

const lines = [
  "",
  "Espace Famille — Ville d'Albertville",
  `  Portail des familles : ${running.url}/`,
  `  Console du guichet   : ${running.url}/console/`,
  `  Base de données      : ${config.databasePath}`,
  config.smtpUrl
    ? `  Courriel (SMTP)      : ${config.smtpUrl}`
    : "  Courriel             : pas de SMTP_URL, les messages restent dans la file d'envoi",
];
if (running.demoAccounts) {
  lines.push("", "Comptes de démonstration :");
  for (const a of running.demoAccounts)
    lines.push(`  ${a.login.padEnd(8)} ${a.password.padEnd(26)} ${a.who}`);
} else if (config.seedDemo) {
  lines.push("", "Comptes de démonstration (voir README) : F00001, F00002, agent, admin");
}
process.stdout.write(`${lines.join("\n")}\n\n`);

let exiting = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (exiting) return;
    exiting = true;
    log("info", "shutdown", { signal });
    // Once everything is closed nothing keeps the process alive: it ends by itself. A stop
    // still hanging after 10 seconds is cut short.
    const force = setTimeout(() => process.kill(process.pid, "SIGKILL"), 10_000);
    force.unref();
    running.stop().then(
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

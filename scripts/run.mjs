#!/usr/bin/env node
// The two entry points of the README, for a machine with only Node 20 and npm:
//   npm start  → installs, builds what is missing, starts the demo on http://localhost:3000
//   npm test   → installs (Chromium from Debian's packages included), then every test
// Only Node's own modules here: nothing is installed yet when this runs.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const PNPM_VERSION = "12.4.2";
const mode = process.argv[2];

function say(text) {
  process.stdout.write(`\n▶ ${text}\n`);
}

/** A step that failed: the script ends with its exit code. */
class StepFailed extends Error {
  constructor(code) {
    super(`exit ${code}`);
    this.code = code;
  }
}

function run(cmd, args, extraEnv = {}) {
  const r = spawnSync(cmd, args, {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, ...extraEnv },
  });
  if (r.status !== 0) {
    process.stderr.write(`\nÉchec : ${cmd} ${args.join(" ")} (code ${r.status ?? r.signal})\n`);
    throw new StepFailed(r.status ?? 1);
  }
}

function pnpmVersion(cmd, args) {
  try {
    return execFileSync(cmd, [...args, "--version"], {
      cwd: "/",
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
  } catch {
    return null;
  }
}

/** The exact pnpm of package.json: the one on PATH, else installed globally, else through npx. */
function findPnpm() {
  if (pnpmVersion("pnpm", []) === PNPM_VERSION) return ["pnpm", []];
  say(`Installation de pnpm ${PNPM_VERSION}`);
  const g = spawnSync("npm", ["install", "-g", `pnpm@${PNPM_VERSION}`], { stdio: "inherit" });
  if (g.status === 0 && pnpmVersion("pnpm", []) === PNPM_VERSION) return ["pnpm", []];
  return ["npx", ["-y", `pnpm@${PNPM_VERSION}`]];
}

function install([cmd, pre]) {
  say("Installation des dépendances (pnpm install)");
  // better-sqlite3 compiles from source here: it needs Node's headers.
  const env = existsSync("/usr/include/node/node.h") ? { npm_config_nodedir: "/usr" } : {};
  run(cmd, [...pre, "install", "--frozen-lockfile"], env);
}

function newestMtime(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name === "dist") continue;
    const full = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds an app only when its sources (or the API's types) are newer than its build. */
function buildIfNeeded([cmd, pre], app) {
  const built = join(root, "apps", app, "dist/index.html");
  const sources = Math.max(
    newestMtime(join(root, "apps", app)),
    newestMtime(join(root, "packages/api/src")),
  );
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  say(`Construction de l'application ${app}`);
  run(cmd, [...pre, "--filter", `@ef/${app}`, "build"]);
}

function ensureChromium() {
  if (existsSync("/usr/bin/chromium")) return;
  say("Installation de Chromium (paquets Debian)");
  const sudo = process.getuid?.() === 0 ? [] : ["sudo"];
  const apt = (args) => (sudo.length ? ["sudo", ["apt-get", ...args]] : ["apt-get", args]);
  const [c1, a1] = apt(["update", "-qq"]);
  run(c1, a1);
  const [c2, a2] = apt([
    "install",
    "-y",
    "-qq",
    "--no-install-recommends",
    "chromium",
    "fonts-dejavu-core",
  ]);
  run(c2, a2, { DEBIAN_FRONTEND: "noninteractive" });
}

/** Prints vitest's count as a plain closing line. */
function summarize(reportPath) {
  if (!existsSync(reportPath)) return;
  const report = JSON.parse(readFileSync(reportPath, "utf8"));
  const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  process.stdout.write(
    `\nTests: ${report.numPassedTests} passed, ${report.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ""}\n`,
  );
}

function main() {
  if (mode !== "start" && mode !== "test") {
    process.stderr.write("Usage : node scripts/run.mjs start|test\n");
    return 2;
  }
  const pnpm = findPnpm();
  const [cmd, pre] = pnpm;
  if (mode === "start") {
    install(pnpm);
    buildIfNeeded(pnpm, "parent");
    buildIfNeeded(pnpm, "console");
    say("Démarrage du serveur");
    run(cmd, [...pre, "--filter", "@ef/server", "start"]);
  } else if (mode === "test") {
    install(pnpm);
    ensureChromium();
    say("Vérifications : format et lint (Biome)");
    run(cmd, [...pre, "lint"]);
    say("Construction des deux applications");
    run(cmd, [...pre, "build"]);
    say("Vérification des types");
    run(cmd, [...pre, "typecheck"]);
    say("Tests (unitaires, API, bout en bout)");
    const reportDir = join(root, ".tmp");
    mkdirSync(reportDir, { recursive: true });
    const report = join(reportDir, "vitest-report.json");
    rmSync(report, { force: true });
    const r = spawnSync(
      cmd,
      [
        ...pre,
        "exec",
        "vitest",
        "run",
        "--reporter=default",
        "--reporter=json",
        `--outputFile.json=${report}`,
        ...process.argv.slice(3),
      ],
      { cwd: root, stdio: "inherit", env: process.env },
    );
    summarize(report);
    return r.status ?? 1;
  }
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  if (!(error instanceof StepFailed)) throw error;
  process.exitCode = error.code;
}

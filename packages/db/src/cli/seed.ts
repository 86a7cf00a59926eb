/**
 * `pnpm db:seed [--families N]`: migrates, writes the demo of Albertville when the database is
 * empty, then adds N generated households for benchmarks.
 */
import { sql } from "drizzle-orm";
import { databasePath, dataDir, households, migrate, openDb } from "../index";
import { GENERATED_FAMILY_PASSWORD, isSeeded, seedDemo, seedFamilies } from "../seed/index";

/** The `--families N` count, 0 without it; throws a French message when N is not a count. */
function parseFamilies(argv: readonly string[]): number {
  const args = argv.filter((a) => a !== "--");
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    let value: string | undefined;
    if (arg === "--families") value = args[i + 1];
    else if (arg.startsWith("--families=")) value = arg.slice("--families=".length);
    else continue;
    const n = Number(value);
    if (value === undefined || !Number.isInteger(n) || n < 0) {
      throw new Error(`--families attend un nombre entier de foyers (reçu : ${value ?? "rien"}).`);
    }
    return n;
  }
  return 0;
}

/** The demo clock: `APP_NOW` when set (demo and tests), else now. */
function clock(): Date {
  const appNow = process.env.APP_NOW;
  if (appNow) {
    const at = new Date(appNow);
    if (!Number.isNaN(at.getTime())) return at;
    console.error(`APP_NOW illisible (${appNow}) : l'heure courante est utilisée.`);
  }
  return new Date();
}

function countHouseholds(db: ReturnType<typeof openDb>): number {
  return db.get<{ n: number }>(sql`select count(*) as n from ${households}`)?.n ?? 0;
}

/** Seeds the demo (once) and `--families N` generated households; returns the exit code. */
async function main(argv: readonly string[]): Promise<number> {
  let families: number;
  try {
    families = parseFamilies(argv);
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  const path = databasePath();
  const db = openDb(path);
  try {
    migrate(db);
    console.log(`Base de données : ${path}`);
    const now = clock();

    if (isSeeded(db)) {
      console.log("La base contient déjà des comptes : la démonstration n'est pas réécrite.");
    } else {
      const accounts = await seedDemo(db, { dataDir: dataDir(), now });
      console.log("Démonstration d'Albertville créée (saison 2026-2027, zone A).");
      console.log("Comptes de démonstration :");
      const width = Math.max(...accounts.map((a) => a.login.length));
      const pwWidth = Math.max(...accounts.map((a) => a.password.length));
      for (const a of accounts) {
        console.log(`  ${a.login.padEnd(width)}  ${a.password.padEnd(pwWidth)}  ${a.who}`);
      }
    }

    if (families > 0) {
      const before = countHouseholds(db);
      const started = performance.now();
      await seedFamilies(db, families, { now });
      const seconds = ((performance.now() - started) / 1000).toFixed(1).replace(".", ",");
      const after = countHouseholds(db);
      console.log(
        `${after - before} foyers générés en ${seconds} s (${after} foyers en tout) ; ` +
          `mot de passe commun : ${GENERATED_FAMILY_PASSWORD}`,
      );
    }
  } finally {
    db.$client.close();
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2));

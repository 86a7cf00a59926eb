import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { type BetterSQLite3Database, drizzle } from "drizzle-orm/better-sqlite3";
import { migrate as drizzleMigrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "./schema/index";

export type TSchema = typeof schema;
/** The drizzle database, typed with the whole schema. */
export type TDb = BetterSQLite3Database<TSchema> & { $client: Database.Database };

/** The committed SQL migrations, at the repository's top (`drizzle/`). */
export const migrationsFolder = resolve(
  dirname(fileURLToPath(import.meta.url)),
  "../../../drizzle",
);

/**
 * Opens the database file with the settings every process uses: WAL, foreign keys on, a busy
 * timeout, and `synchronous=FULL` so a confirmed booking survives a power cut.
 */
export function openDb(path: string): TDb {
  if (path !== ":memory:") mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = FULL");
  return drizzle(sqlite, { schema }) as TDb;
}

/** Applies the pending migrations. */
export function migrate(db: TDb): void {
  drizzleMigrate(db, { migrationsFolder });
}

/**
 * Runs `fn` in one `BEGIN IMMEDIATE` transaction: the write lock is taken at the start, so two
 * requests can never both read "one place left" and both book it.
 */
export function immediate<T>(db: TDb, fn: (tx: TDb) => T): T {
  const run = db.$client.transaction(() => fn(db));
  return run.immediate();
}

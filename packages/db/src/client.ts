import { mkdirSync } from "node:fs";
import { type FileHandle, open } from "node:fs/promises";
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
 * timeout, `synchronous=FULL` so a confirmed booking survives a power cut, and a page cache of
 * up to 64 MiB: SQLite's default (2 MiB) is smaller than a town's database (3.7 MB for the rush's
 * 2,000 households), and pages read again from the file made every query several times slower
 * (the rush's server CPU per family halved with it).
 */
export function openDb(path: string): TDb {
  if (path !== ":memory:") mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("cache_size = -65536"); // KiB
  const db = drizzle(sqlite, { schema }) as TDb;
  reuseStatements(db);
  return db;
}

/** At most this many compiled statements are kept per connection. */
const STATEMENT_CACHE_SIZE = 1000;

/**
 * Drizzle compiles every query it runs (`sqlite3_prepare`) and throws the statement away: here
 * the compiled statement is kept by its SQL text and reused, as a prepared statement would be.
 * A statement serves one query at a time (better-sqlite3 is synchronous, nothing iterates).
 */
function reuseStatements(db: TDb): void {
  const session = (db as unknown as { session?: { client?: unknown } }).session;
  const sqlite = db.$client;
  if (!session || session.client !== sqlite) return;
  const statements = new Map<string, Database.Statement>();
  session.client = {
    prepare(source: string) {
      let stmt = statements.get(source);
      if (stmt === undefined) {
        if (statements.size >= STATEMENT_CACHE_SIZE) statements.clear();
        stmt = sqlite.prepare(source);
        statements.set(source, stmt);
      } else if (stmt.reader) {
        // Drizzle asks for rows as arrays (`raw()`) when it maps columns itself, as objects
        // otherwise: every use starts from objects, as a fresh statement would.
        stmt.raw(false);
      }
      return stmt;
    },
    transaction: sqlite.transaction.bind(sqlite),
  };
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
  return transactionOf(db).immediate(fn) as T;
}

/**
 * Runs `fn` in one read transaction (`BEGIN DEFERRED`): every query sees the same state of the
 * database, and no write lock is taken nor any commit written. For reads that would otherwise
 * need {@link immediate} only to be consistent.
 */
export function snapshot<T>(db: TDb, fn: (tx: TDb) => T): T {
  return transactionOf(db).deferred(fn) as T;
}

function transactionOf(db: TDb) {
  let run = transactions.get(db);
  if (!run) {
    run = db.$client.transaction((body: (tx: TDb) => unknown) => body(db));
    transactions.set(db, run);
  }
  return run;
}

/** The connection's transaction wrapper, made once (nested calls become savepoints, as before). */
const transactions = new WeakMap<
  TDb,
  Database.Transaction<(body: (tx: TDb) => unknown) => unknown>
>();

/** Per database: how its answers wait for the WAL to be on disk (see {@link groupCommit}). */
const syncers = new WeakMap<TDb, () => Promise<void>>();

/**
 * Group commit, for the server: commits stop waiting for the disk (`synchronous=NORMAL`, WAL), and
 * {@link durable} — awaited before any answer is sent — flushes the WAL with one `fdatasync` off
 * the event loop, shared by every commit made meanwhile. Nobody is told "done" before the WAL is on
 * disk, as with `synchronous=FULL`, but a 4 ms flush no longer stops every other request, and the
 * write lock is not held during it. WAL keeps the file consistent across a power cut either way.
 */
export function groupCommit(db: TDb): void {
  const file = db.$client.name;
  if (db.$client.memory || file === ":memory:" || file === "") return;
  // Only with a WAL to flush; otherwise commits keep waiting for the disk themselves.
  if (db.$client.pragma("journal_mode", { simple: true }) !== "wal") return;
  db.$client.pragma("synchronous = NORMAL");
  const walPath = `${resolve(file)}-wal`;
  // Rows changed by this connection since it opened: unchanged means nothing new to flush.
  const changes = db.$client.prepare("select total_changes()").pluck();
  let synced = changes.get() as number;
  let running: Promise<void> | null = null;
  let runningUpTo = -1;
  let queued: Promise<void> | null = null;
  // The WAL stays the same file while this connection is open (SQLite removes it only when the
  // last connection closes, and truncates it in place): opened once, flushed many times.
  let wal: FileHandle | null = null;
  const flush = async (upTo: number) => {
    if (!db.$client.open) return;
    wal ??= await open(walPath, "r");
    try {
      await wal.datasync();
    } catch (error) {
      const stale = wal;
      wal = null;
      await stale?.close().catch(() => {});
      throw error;
    }
    synced = Math.max(synced, upTo);
  };
  syncers.set(db, () => {
    const now = changes.get() as number;
    if (now <= synced) return Promise.resolve();
    if (running && runningUpTo >= now) return running;
    // One flush at a time; the next one covers every commit made until it starts.
    queued ??= (running ?? Promise.resolve())
      .catch(() => {})
      .then(() => {
        queued = null;
        runningUpTo = changes.get() as number;
        const flushing = flush(runningUpTo).finally(() => {
          if (running === flushing) running = null;
        });
        running = flushing;
        return flushing;
      });
    return queued;
  });
}

/**
 * Resolves once every commit made so far through `db` is on disk. Immediate when the database
 * commits with `synchronous=FULL` (the default of {@link openDb}: tests, command-line tools).
 */
export function durable(db: TDb): Promise<void> {
  return syncers.get(db)?.() ?? Promise.resolve();
}

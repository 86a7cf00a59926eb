import type { TDb } from "./client";

/** The one-row counters that triggers move on any change of the tables they watch. */
export type TCounterTable = "catalogue_version" | "auth_version";

/**
 * Watches a one-row counter (migrations 0007 and 0012) for what a process keeps in memory while
 * the rows it came from stay the same. Each `check()` answers: "same" — nothing changed since the
 * last check, what was kept holds; "moved" — something changed, from any connection: empty what
 * was kept; "bypass" — inside a transaction that sees another counter than what was kept (its own
 * change, not yet committed, or one committed meanwhile): read the database and keep nothing, so
 * that what a rolled-back change wrote never lingers in memory.
 */
export function watchCounter(db: TDb, table: TCounterTable): () => "same" | "moved" | "bypass" {
  const version = db.$client.prepare(`select n from ${table} where id = 1`).pluck();
  let seen: unknown = null;
  return () => {
    const now = version.get();
    if (now === seen) return "same";
    if (db.$client.inTransaction) return "bypass";
    seen = now;
    return "moved";
  };
}

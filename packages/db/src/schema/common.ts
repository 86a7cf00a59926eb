import { integer, text } from "drizzle-orm/sqlite-core";

/** Primary key: SQLite rowid alias. */
export const id = () => integer("id").primaryKey({ autoIncrement: true });

/** An instant, ISO 8601 UTC (`2026-12-01T07:00:00.000Z`): sorts as text. */
export const instant = (name: string) => text(name);

/** A local day in Europe/Paris, `YYYY-MM-DD`. */
export const day = (name: string) => text(name);

export const bool = (name: string) => integer(name, { mode: "boolean" });

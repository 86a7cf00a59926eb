import { dirname, isAbsolute, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository's top folder. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

/**
 * Resolves a path setting: absolute as given; relative to where the command was typed
 * (`INIT_CWD`, set by pnpm for scripts that run inside a package) — else to the repository top.
 */
function fromSetting(value: string | undefined, fallback: string): string {
  if (!value) return resolve(repoRoot, fallback);
  if (isAbsolute(value)) return value;
  return resolve(process.env.INIT_CWD ?? process.cwd(), value);
}

/** `DATABASE_PATH`, default `data/espace-famille.db`. */
export function databasePath(): string {
  return fromSetting(process.env.DATABASE_PATH, "data/espace-famille.db");
}

/** `DATA_DIR` (uploaded files, documents), default `data/`. */
export function dataDir(): string {
  return fromSetting(process.env.DATA_DIR, "data");
}

export { immediate, migrate, migrationsFolder, openDb, type TDb, type TSchema } from "./client";
export { dataDir, databasePath, repoRoot } from "./paths";
export * from "./schema/index";

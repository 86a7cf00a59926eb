export { immediate, migrate, migrationsFolder, openDb, type TDb, type TSchema } from "./client";
export { durable, groupCommit } from "./client";
export { databasePath, dataDir, repoRoot } from "./paths";
export * from "./schema/index";

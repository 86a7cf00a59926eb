export { checkpointInBackground, type TCheckpoint, type TCheckpointer } from "./checkpointer";
export {
  durable,
  groupCommit,
  immediate,
  migrate,
  migrationsFolder,
  openDb,
  snapshot,
  type TDb,
  type TSchema,
} from "./client";
export { eqConst } from "./constant";
export { type TCounterTable, watchCounter } from "./counter";
export { databasePath, dataDir, repoRoot } from "./paths";
export { prepared } from "./prepared";
export * from "./schema/index";

import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { migrate, openDb } from "@ef/db";
import { seedDemo } from "@ef/db/seed";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    templateDb: string;
    templateDataDir: string;
  }
}

/** Builds one migrated database with the demo, copied by every test file (fast, isolated). */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), "ef-template-"));
  const dataDir = join(dir, "data");
  mkdirSync(dataDir);
  const path = join(dir, "template.db");
  const db = openDb(path);
  migrate(db);
  await seedDemo(db, { dataDir, now: new Date("2026-12-01T08:00:00+01:00") });
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  db.$client.close();
  project.provide("templateDb", path);
  project.provide("templateDataDir", dataDir);
  return () => rmSync(dir, { recursive: true, force: true });
}

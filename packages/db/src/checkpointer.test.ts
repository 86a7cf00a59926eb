import { mkdtempSync, statSync, unlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { checkpointInBackground, type TCheckpoint } from "./checkpointer";
import { groupCommit, openDb } from "./client";

const tempDb = () => openDb(join(mkdtempSync(join(tmpdir(), "ef-ckpt-")), "test.db"));

async function until(what: string, check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`still not: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("WAL checkpoints off the event loop", () => {
  it("the server's connection stops checkpointing; the thread copies the WAL into the file", async () => {
    const db = tempDb();
    groupCommit(db);
    db.run(sql`create table t (x blob)`);
    const passes: TCheckpoint[] = [];
    const checkpointer = checkpointInBackground(db, (pass) => passes.push(pass));
    expect(db.$client.pragma("wal_autocheckpoint", { simple: true })).toBe(0);
    const before = statSync(db.$client.name).size;
    // About 2 MB through the WAL: more than SQLite's own 1,000-page mark.
    for (let i = 0; i < 64; i++) db.run(sql`insert into t values (randomblob(32768))`);
    await until("the WAL is copied into the database file", () =>
      passes.some((p) => p.log > 0 && p.checkpointed === p.log && p.busy === 0),
    );
    expect(statSync(db.$client.name).size).toBeGreaterThan(before + 2_000_000);
    await checkpointer.stop();
    expect(db.$client.pragma("wal_autocheckpoint", { simple: true })).toBe(1000);
    expect(db.get<{ n: number }>(sql`select count(*) as n from t`)?.n).toBe(64);
    db.$client.close();
  });

  it("a thread that cannot work gives checkpoints back to the server's connection", async () => {
    const db = tempDb();
    db.run(sql`create table t (x integer)`);
    // The thread opens the file by its name: gone, it fails at once.
    unlinkSync(db.$client.name);
    const checkpointer = checkpointInBackground(db);
    await until(
      "autocheckpoint restored",
      () => db.$client.pragma("wal_autocheckpoint", { simple: true }) === 1000,
    );
    await checkpointer.stop();
    db.$client.close();
  });

  it("leaves an in-memory database as it is", async () => {
    const db = openDb(":memory:");
    const checkpointer = checkpointInBackground(db);
    expect(db.$client.pragma("wal_autocheckpoint", { simple: true })).toBe(1000);
    await checkpointer.stop();
    db.$client.close();
  });
});

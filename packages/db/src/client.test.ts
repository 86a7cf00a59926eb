import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { durable, groupCommit, openDb } from "./client";

const tempDb = () => openDb(join(mkdtempSync(join(tmpdir(), "ef-db-")), "test.db"));

describe("group commit", () => {
  it("commits without waiting for the disk, and durable() waits for the WAL flush", async () => {
    const db = tempDb();
    expect(db.$client.pragma("synchronous", { simple: true })).toBe(2); // FULL by default
    await durable(db); // nothing to flush
    groupCommit(db);
    expect(db.$client.pragma("synchronous", { simple: true })).toBe(1); // NORMAL
    db.run(sql`create table t (x integer)`);
    const flushes: Promise<void>[] = [];
    for (let i = 0; i < 50; i++) {
      db.run(sql`insert into t values (${i})`);
      flushes.push(durable(db));
    }
    await Promise.all(flushes);
    await durable(db);
    const other = openDb(db.$client.name);
    expect(other.get<{ n: number }>(sql`select count(*) as n from t`)?.n).toBe(50);
    other.$client.close();
    db.$client.close();
  });

  it("leaves an in-memory database as it is", async () => {
    const db = openDb(":memory:");
    groupCommit(db);
    expect(db.$client.pragma("synchronous", { simple: true })).toBe(2);
    db.run(sql`create table t (x integer)`);
    db.run(sql`insert into t values (1)`);
    await durable(db);
    db.$client.close();
  });
});

describe("reused statements", () => {
  it("answer objects or arrays as each query asks, whoever compiled them first", () => {
    const db = tempDb();
    db.run(sql`create table t (x integer, y text)`);
    db.run(sql`insert into t values (1, 'a'), (2, 'b')`);
    const text = sql`select x, y from t order by x`;
    expect(db.values(text)).toEqual([
      [1, "a"],
      [2, "b"],
    ]);
    expect(db.all(text)).toEqual([
      { x: 1, y: "a" },
      { x: 2, y: "b" },
    ]);
    expect(db.get(text)).toEqual({ x: 1, y: "a" });
    expect(db.values(text)[1]).toEqual([2, "b"]);
    db.$client.close();
  });
});

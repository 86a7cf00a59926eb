import { existsSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { households, openDb } from "@ef/db";
import { afterAll, describe, expect, it } from "vitest";
import type { TRunning } from "./boot";
import { readConfig } from "./config";
import { startDemoServer } from "./test-support";
import { warmUp } from "./warm-up";

const warmFolders = () => readdirSync(tmpdir()).filter((name) => name.startsWith("ef-warm-up-"));

describe("warm-up", () => {
  it("books and pays for families on a database of its own, and leaves nothing behind", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ef-warm-test-"));
    const config = {
      ...readConfig({ NODE_ENV: "test", PORT: "0" }),
      databasePath: join(dir, "town.db"),
      dataDir: dir,
    };
    const before = warmFolders();
    const logs: string[] = [];
    const result = await warmUp(config, (level, msg) => logs.push(`${level} ${msg}`), 20);
    // 18 places for 20 families: the last two meet « complet », as at an opening.
    expect(result).toMatchObject({ done: true, paid: 18, full: 2 });
    expect(logs).toEqual([]);
    // The town's database was never opened, and the warm-up's own folder is gone.
    expect(existsSync(config.databasePath)).toBe(false);
    expect(warmFolders()).toEqual(before);
  });

  // In the summer holidays, the next school year's first holidays; years later, the same.
  it.each(["2027-07-20T08:00:00.000Z", "2031-03-10T08:00:00.000Z"])(
    "works on %s: the demo's school year is moved to the current one",
    async (appNow) => {
      const dir = mkdtempSync(join(tmpdir(), "ef-warm-test-"));
      const config = {
        ...readConfig({ NODE_ENV: "test", PORT: "0" }),
        databasePath: join(dir, "town.db"),
        dataDir: dir,
        appNow,
      };
      const logs: string[] = [];
      const result = await warmUp(config, (level, msg) => logs.push(`${level} ${msg}`), 10);
      expect(result).toMatchObject({ done: true, paid: 9, full: 1 });
      expect(logs).toEqual([]);
    },
  );

  describe("at boot", () => {
    let running: TRunning;
    const logs: { level: string; msg: string; data: Record<string, unknown> }[] = [];
    afterAll(() => running?.stop());

    it("runs as the server starts; the town's database keeps only its own households", async () => {
      running = await startDemoServer("ef-warm-boot-", {
        warmUpFlows: 10,
        log: (level, msg, data) => logs.push({ level, msg, data: data ?? {} }),
      });
      expect(await running.warmedUp).toMatchObject({ done: true, paid: 9, full: 1 });
      expect(logs.find((l) => l.msg.startsWith("warmup"))).toMatchObject({
        level: "info",
        msg: "warmup.done",
        data: { done: true, paid: 9, full: 1 },
      });
      const res = await fetch(`${running.url}/healthz`);
      expect(res.status).toBe(200);
      const db = openDb(running.db.$client.name);
      try {
        const names = db
          .select({ name: households.name })
          .from(households)
          .all()
          .map((h) => h.name);
        expect(names).toHaveLength(2);
        expect(names.some((n) => n.startsWith("Chauffe"))).toBe(false);
      } finally {
        db.$client.close();
      }
    });
  });

  it("ends with the server: a stop during the warm-up starts no other family", async () => {
    const before = warmFolders();
    const logs: string[] = [];
    const server = await startDemoServer("ef-warm-stop-", {
      warmUpFlows: 2000,
      log: (level, msg) => logs.push(`${level} ${msg}`),
    });
    await server.stop();
    expect(await server.warmedUp).toMatchObject({ done: false, reason: "arrêt du serveur" });
    expect(logs).toContain("warn warmup.skipped");
    expect(warmFolders()).toEqual(before);
  });

  it("is on in production, off elsewhere, and WARMUP_FLOWS says how many", () => {
    expect(readConfig({ NODE_ENV: "production" }).warmUpFlows).toBe(600);
    expect(readConfig({ NODE_ENV: "test" }).warmUpFlows).toBe(0);
    expect(readConfig({}).warmUpFlows).toBe(0);
    expect(readConfig({ NODE_ENV: "production", WARMUP_FLOWS: "0" }).warmUpFlows).toBe(0);
    expect(readConfig({ WARMUP_FLOWS: "50" }).warmUpFlows).toBe(50);
    expect(() => readConfig({ WARMUP_FLOWS: "beaucoup" })).toThrow(/WARMUP_FLOWS invalide/);
    expect(() => readConfig({ WARMUP_FLOWS: "-1" })).toThrow(/WARMUP_FLOWS invalide/);
  });
});

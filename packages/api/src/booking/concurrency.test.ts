import { execFile } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { reservations } from "@ef/db";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { activityId, addFamily, freshDb } from "../../test/helpers";

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));

describe("capacity under concurrency", () => {
  it("200 simultaneous attempts from 4 processes on a day with 7 places book exactly 7", async () => {
    const db = freshDb();
    const soir = activityId(db, "accueil_soir");
    db.$client.prepare("update activities set capacity = 7 where id = ?").run(soir);
    const codes = Array.from(
      { length: 200 },
      () => addFamily(db, { age: 8, activityCodes: ["accueil_soir"] }).code,
    );
    const path = db.$client.name;
    db.$client.pragma("wal_checkpoint(TRUNCATE)");
    const slices = [0, 1, 2, 3].map((i) => codes.slice(i * 50, (i + 1) * 50));
    const results = await Promise.all(
      slices.map((slice) =>
        run(
          process.execPath,
          [
            "--import",
            "tsx",
            join(here, "../../test/concurrency-worker.ts"),
            path,
            String(soir),
            "2026-12-17",
            ...slice,
          ],
          {
            cwd: join(here, "../.."),
            maxBuffer: 1 << 20,
          },
        ),
      ),
    );
    const outcomes = results.map(
      (r) => JSON.parse(r.stdout) as { booked: number; full: number; other: string[] },
    );
    expect(outcomes.flatMap((o) => o.other)).toEqual([]);
    expect(outcomes.reduce((s, o) => s + o.booked, 0)).toBe(7);
    expect(outcomes.reduce((s, o) => s + o.full, 0)).toBe(193);
    const booked = db
      .select()
      .from(reservations)
      .where(
        and(
          eq(reservations.activityId, soir),
          eq(reservations.date, "2026-12-17"),
          eq(reservations.status, "booked"),
        ),
      )
      .all();
    expect(booked).toHaveLength(7);
  }, 120_000);
});

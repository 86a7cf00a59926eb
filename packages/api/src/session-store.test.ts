import { openDb } from "@ef/db";
import { describe, expect, it } from "vitest";
import { freshDb, householdId, makeCaller } from "../test/helpers";
import { authRow } from "./session-store";

/** Another connection to the same file, as another server process or a command-line tool. */
const otherConnection = (db: ReturnType<typeof freshDb>) => openDb(db.$client.name).$client;

describe("who is asking, kept in memory between requests", () => {
  it("a session ended from another connection is refused at the very next request", async () => {
    const db = freshDb();
    const id = householdId(db, "F00001");
    const { caller, cookies } = makeCaller(db, { who: "F00001" });
    await expect(caller.household.overview({ householdId: id })).resolves.toMatchObject({
      household: { accountCode: "F00001" },
    });
    const other = otherConnection(db);
    other.prepare("delete from sessions").run();
    other.close();
    await expect(caller.household.overview({ householdId: id })).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
    expect(cookies.token).not.toBeNull();
  });

  it("an account disabled from another connection is refused at the very next request", async () => {
    const db = freshDb();
    const id = householdId(db, "F00001");
    const { caller } = makeCaller(db, { who: "F00001" });
    await caller.household.overview({ householdId: id });
    const other = otherConnection(db);
    other
      .prepare("update users set disabled_at = '2026-12-01T07:00:00.000Z' where login = 'f00001'")
      .run();
    other.close();
    await expect(caller.household.overview({ householdId: id })).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
  });

  it("a household renamed from another connection is seen by the very next request", async () => {
    const db = freshDb();
    const id = householdId(db, "F00001");
    const { caller } = makeCaller(db, { who: "F00001" });
    const before = await caller.household.overview({ householdId: id });
    const other = otherConnection(db);
    other.prepare("update households set name = 'Famille Martin-Durand' where id = ?").run(id);
    other.close();
    const after = await caller.household.overview({ householdId: id });
    expect(before.household.name).not.toBe("Famille Martin-Durand");
    expect(after.household.name).toBe("Famille Martin-Durand");
  });

  it("keeps no row read inside a transaction that changed them, once it is rolled back", () => {
    const db = freshDb();
    const id = householdId(db, "F00001");
    const read = () =>
      db.$client.prepare("select id, name from households where id = ?").get(id) as
        | { id: number; name: string }
        | undefined;
    const kept = authRow(db, `household:${id}`, read);
    expect(() =>
      db.$client.transaction(() => {
        db.$client.prepare("update households set name = 'Annulé' where id = ?").run(id);
        expect(authRow(db, `household:${id}`, read)?.name).toBe("Annulé");
        throw new Error("annulé");
      })(),
    ).toThrow("annulé");
    expect(authRow(db, `household:${id}`, read)).toEqual(kept);
    expect(authRow(db, `household:${id}`, read)?.name).not.toBe("Annulé");
    // Kept rows cannot be changed by whoever reads them.
    expect(Object.isFrozen(authRow(db, `household:${id}`, read))).toBe(true);
  });
});

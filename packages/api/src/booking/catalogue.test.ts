import { activities, immediate, openDb } from "@ef/db";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { activityId, freshDb } from "../../test/helpers";
import { activityRules, seasonCalendar, withCatalogue } from "./catalogue";

const nameOf = (db: ReturnType<typeof freshDb>, id: number) =>
  activityRules(db, [id]).get(id)?.name;

describe("the catalogue kept in memory", () => {
  it("shows a change at once, from this connection or another one", () => {
    const db = freshDb();
    const resto = activityId(db, "restauration");
    const before = nameOf(db, resto);
    expect(before).toBe("Restauration scolaire (midi)");
    // The same rules twice: the second from memory, the very same frozen object.
    expect(activityRules(db, [resto]).get(resto)).toBe(activityRules(db, [resto]).get(resto));
    expect(Object.isFrozen(activityRules(db, [resto]).get(resto)?.tariffs)).toBe(true);

    db.update(activities).set({ name: "Cantine" }).where(eq(activities.id, resto)).run();
    expect(nameOf(db, resto)).toBe("Cantine");

    // Another connection to the same file (a second server process, a command-line tool).
    const other = openDb(db.$client.name);
    other.$client
      .prepare("update activities set name = 'Restaurant scolaire' where id = ?")
      .run(resto);
    other.$client
      .prepare(
        "update calendar_periods set label = 'Vacances d''hiver (zone A)' where label like 'Vacances d''hiver%'",
      )
      .run();
    other.$client.close();
    expect(nameOf(db, resto)).toBe("Restaurant scolaire");
    const season = activityRules(db, [resto]).get(resto)?.seasonId ?? 0;
    expect(seasonCalendar(db, season)?.periods.map((p) => p.label)).toContain(
      "Vacances d'hiver (zone A)",
    );
  });

  it("is checked once for reads made together; a change made meanwhile shows at the next read", () => {
    const db = freshDb();
    const resto = activityId(db, "restauration");
    const other = openDb(db.$client.name);
    const seen = withCatalogue(db, () => {
      const first = nameOf(db, resto);
      other.$client.prepare("update activities set name = 'Cantine' where id = ?").run(resto);
      return [first, nameOf(db, resto)];
    });
    other.$client.close();
    // One planning shows one catalogue, as it was when it started…
    expect(seen).toEqual(["Restauration scolaire (midi)", "Restauration scolaire (midi)"]);
    // …and the next request sees the change.
    expect(nameOf(db, resto)).toBe("Cantine");
  });

  it("never keeps what a rolled-back change wrote", () => {
    const db = freshDb();
    const resto = activityId(db, "restauration");
    expect(nameOf(db, resto)).toBe("Restauration scolaire (midi)");
    expect(() =>
      immediate(db, (tx) => {
        tx.update(activities).set({ name: "Jamais" }).where(eq(activities.id, resto)).run();
        // Read inside the failing step: it sees its own change…
        expect(nameOf(tx, resto)).toBe("Jamais");
        throw new Error("refusé");
      }),
    ).toThrow("refusé");
    // …which is gone, and stays gone after another change brings the catalogue's counter back
    // to the value it had inside the rolled-back step.
    db.update(activities).set({ capacity: 99 }).where(eq(activities.id, resto)).run();
    expect(activityRules(db, [resto]).get(resto)).toMatchObject({
      name: "Restauration scolaire (midi)",
      capacity: 99,
    });
  });
});

import { describe, expect, it } from "vitest";
import { freshDb, householdId, makeCaller } from "../../test/helpers";

const db = freshDb();

describe("household.overview", () => {
  it("shows the Martins their children, Léa's registration and the complete dossier", async () => {
    const { caller } = makeCaller(db, { who: "F00001" });
    const out = await caller.household.overview({ householdId: householdId(db, "F00001") });
    expect(out.household).toMatchObject({ accountCode: "F00001", name: "Famille Martin" });
    expect(out.children.map((c) => [c.firstName, c.birthDate, c.classLevel])).toEqual([
      ["Hugo", "2014-03-02", "5e"],
      ["Léa", "2018-05-14", "CE2"],
    ]);
    const lea = out.children.find((c) => c.firstName === "Léa");
    expect(lea?.age).toBe(8);
    expect(lea?.registrations).toEqual([
      expect.objectContaining({
        activityName: "Restauration scolaire (midi)",
        status: "validated",
      }),
    ]);
    expect(out.children.find((c) => c.firstName === "Hugo")?.registrations).toEqual([]);
    expect(out.dossier?.status).toBe("complete");
    expect(out.dossier?.pieces.every((p) => p.status === "accepted")).toBe(true);
  });

  it("shows the Bernards an incomplete dossier with what is missing", async () => {
    const { caller } = makeCaller(db, { who: "F00002" });
    const out = await caller.household.overview({ householdId: householdId(db, "F00002") });
    expect(out.children.map((c) => c.firstName)).toEqual(["Jade"]);
    expect(out.dossier?.status).toBe("incomplete");
    expect(out.dossier?.pieces.some((p) => p.status === "missing")).toBe(true);
  });
});

describe("staff.households.search", () => {
  const agent = makeCaller(db, { who: "agent" }).caller;
  const codes = async (q: string) =>
    (await agent.staff.households.search({ q })).map((h) => h.accountCode);

  it("finds a household by account code, family name, parent, child and phone", async () => {
    expect(await codes("f00001")).toEqual(["F00001"]);
    expect(await codes("Martin")).toEqual(["F00001"]);
    expect(await codes("léa")).toEqual(["F00001"]);
    expect(await codes("jade")).toEqual(["F00002"]);
    const detail = await agent.staff.households.get({ householdId: householdId(db, "F00001") });
    const phone = detail.household.phone.replace(/\D/g, "").slice(-6);
    expect(await codes(phone)).toContain("F00001");
  });

  it("treats LIKE wildcards as plain characters", async () => {
    expect(await codes("%%")).toEqual([]);
    expect(await codes("__")).toEqual([]);
  });

  it("gives the desk the household's file with health notes", async () => {
    const detail = await agent.staff.households.get({ householdId: householdId(db, "F00001") });
    expect(detail.guardians.length).toBeGreaterThan(0);
    expect(detail.accounts).toEqual([
      expect.objectContaining({ login: "F00001", disabled: false }),
    ]);
    expect(detail.children.find((c) => c.firstName === "Léa")?.healthNotes).not.toBe("");
  });

  it("answers NOT_FOUND for a household that does not exist", async () => {
    await expect(agent.staff.households.get({ householdId: 999_999 })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});

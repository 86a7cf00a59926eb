import { auditLog, users } from "@ef/db";
import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { DEMO_NOW, errorOf, freshDb, householdId, makeCaller } from "../../../test/helpers";
import { audit } from "../../audit";
import { AUDIT_PAGE_SIZE, ZAuditListSchema } from "./audit.schemas";

const db = freshDb();
const admin = makeCaller(db, { who: "admin" }).caller;
const agent = makeCaller(db, { who: "agent" }).caller;
const martin = householdId(db, "F00001");
const agentId = db.select({ id: users.id }).from(users).where(eq(users.login, "agent")).get()?.id;
const all = { household: "", actorUserId: null, before: null };

describe("admin.audit.list", () => {
  it("shows who did what and when, with before and after, newest first", async () => {
    await agent.staff.households.updateQf({
      householdId: martin,
      qf: 812,
      validUntil: "2027-08-31",
      source: "Attestation CAF du 30/11/2026",
    });
    const { rows } = await admin.admin.audit.list(all);
    expect(rows[0]).toMatchObject({
      action: "household.updateQf",
      actor: { id: agentId, login: "agent" },
      household: { id: martin, accountCode: "F00001", name: "Famille Martin" },
      entity: "household",
    });
    expect(rows[0]?.before).toMatchObject({ qf: 950 });
    expect(rows[0]?.after).toMatchObject({ qf: 812 });
  });

  it("filters by household (its account code) and by staff member", async () => {
    await admin.admin.content.news.create({
      title: "Neige",
      body: "Accueils ouverts.",
      publish: true,
    });
    const byHousehold = await admin.admin.audit.list({ ...all, household: "f00001" });
    expect(byHousehold.rows.length).toBeGreaterThan(0);
    expect(byHousehold.rows.every((r) => r.household?.accountCode === "F00001")).toBe(true);
    const byAdmin = await admin.admin.audit.list({
      ...all,
      actorUserId:
        db.select({ id: users.id }).from(users).where(eq(users.login, "admin")).get()?.id ?? 0,
    });
    expect(byAdmin.rows.map((r) => r.action)).toContain("news.create");
    expect(byAdmin.rows.every((r) => r.actor?.login === "admin")).toBe(true);
    const byAgent = await admin.admin.audit.list({ ...all, actorUserId: agentId ?? 0 });
    expect(byAgent.rows.map((r) => r.action)).not.toContain("news.create");

    const unknown = await errorOf(admin.admin.audit.list({ ...all, household: "F09999" }));
    expect(unknown).toMatchObject({
      code: "NOT_FOUND",
      message: "Aucun foyer ne porte l'identifiant F09999.",
    });
    expect(
      ZAuditListSchema.safeParse({ ...all, household: "Martin" }).error?.issues[0]?.message,
    ).toBe("Identifiant de foyer invalide (exemple : F00123).");
  });

  it("pages through a long log without gaps or repeats, and never writes", async () => {
    for (let i = 0; i < AUDIT_PAGE_SIZE + 5; i++) {
      audit(db, DEMO_NOW, {
        actorUserId: agentId ?? null,
        householdId: martin,
        action: "attendance.mark",
        entity: "attendance",
        entityId: i,
        after: { status: "present" },
      });
    }
    const total = db
      .select({ n: count() })
      .from(auditLog)
      .where(eq(auditLog.householdId, martin))
      .get()?.n;
    const seen: number[] = [];
    let before: number | null = null;
    do {
      const page: Awaited<ReturnType<typeof admin.admin.audit.list>> = await admin.admin.audit.list(
        {
          household: "F00001",
          actorUserId: null,
          before,
        },
      );
      expect(page.rows.length).toBeLessThanOrEqual(AUDIT_PAGE_SIZE);
      seen.push(...page.rows.map((r) => r.id));
      before = page.nextBefore;
    } while (before !== null);
    expect(seen).toHaveLength(total ?? 0);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort((a, b) => b - a)).toEqual(seen);
    // Reading the log adds nothing to it.
    expect(
      db.select({ n: count() }).from(auditLog).where(eq(auditLog.householdId, martin)).get()?.n,
    ).toBe(total);
  });
});

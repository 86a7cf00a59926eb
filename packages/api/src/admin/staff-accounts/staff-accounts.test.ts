import { auditLog, sessions, users } from "@ef/db";
import { and, count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { errorOf, freshDb, makeCaller } from "../../../test/helpers";
import { ZCreateStaffAccountSchema } from "./staff-accounts.schemas";

const db = freshDb();
const admin = makeCaller(db, { who: "admin" }).caller;

const staffLogin = (login: string, password: string) =>
  makeCaller(db).caller.auth.login({ login, password, audience: "staff" });
const countUsers = () => db.select({ n: count() }).from(users).get()?.n;

describe("admin.staffAccounts.create", () => {
  it("creates an agent whose temporary password logs in once and asks for a new one", async () => {
    const created = await admin.admin.staffAccounts.create({
      login: "  C.Dupont ",
      displayName: "Claire Dupont",
      email: "claire.dupont@albertville.example",
      role: "agent",
    });
    expect(created.login).toBe("c.dupont");
    expect(created.temporaryPassword).toMatch(/^[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}$/);
    expect(Date.parse(created.validUntil) - Date.parse("2026-12-01T07:00:00Z")).toBe(
      14 * 86_400_000,
    );

    const { caller, cookies } = makeCaller(db);
    const me = await caller.auth.login({
      login: "c.dupont",
      password: created.temporaryPassword,
      audience: "staff",
    });
    expect(me).toMatchObject({ role: "agent", mustChangePassword: true });
    const agent = makeCaller(db, { token: cookies.token }).caller;
    // Nothing but the password change until it is done.
    expect((await errorOf(agent.staff.dashboard.get())).appCode).toBe("PASSWORD_CHANGE_REQUIRED");
    await agent.auth.changePassword({
      currentPassword: created.temporaryPassword,
      newPassword: "Une phrase pour le guichet",
      confirmPassword: "Une phrase pour le guichet",
    });
    const list = await admin.admin.staffAccounts.list();
    expect(list.find((a) => a.login === "c.dupont")).toMatchObject({
      displayName: "Claire Dupont",
      role: "agent",
      disabled: false,
      mustChangePassword: false,
      self: false,
    });

    const line = db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.action, "staffAccount.create"), eq(auditLog.entityId, String(created.id))),
      )
      .get();
    expect(line?.after).toEqual({
      login: "c.dupont",
      displayName: "Claire Dupont",
      email: "claire.dupont@albertville.example",
      role: "agent",
    });
    // The password is never written to the audit log.
    expect(JSON.stringify(line)).not.toContain(created.temporaryPassword);
  });

  it("creates an admin, who reaches the admin areas after the change", async () => {
    const created = await admin.admin.staffAccounts.create({
      login: "direction",
      displayName: "Direction Enfance",
      email: "",
      role: "admin",
    });
    const { caller, cookies } = makeCaller(db);
    await caller.auth.login({
      login: "direction",
      password: created.temporaryPassword,
      audience: "staff",
    });
    const second = makeCaller(db, { token: cookies.token }).caller;
    await second.auth.changePassword({
      currentPassword: created.temporaryPassword,
      newPassword: "Le service enfance et jeunesse",
      confirmPassword: "Le service enfance et jeunesse",
    });
    expect((await second.admin.staffAccounts.list()).length).toBeGreaterThanOrEqual(3);
  });

  it("refuses a login already taken (a staff member's or a family's), in French, writing nothing", async () => {
    const before = countUsers();
    const auditBefore = db.select({ n: count() }).from(auditLog).get()?.n;
    const taken = await errorOf(
      admin.admin.staffAccounts.create({
        login: "Agent",
        displayName: "Autre",
        email: "",
        role: "agent",
      }),
    );
    expect(taken).toMatchObject({
      code: "CONFLICT",
      message: "Ce nom d'utilisateur est déjà pris : choisissez-en un autre.",
    });
    const family = await errorOf(
      admin.admin.staffAccounts.create({
        login: "f00001",
        displayName: "X",
        email: "",
        role: "agent",
      }),
    );
    expect(family.code).toBe("BAD_REQUEST");
    expect(family.message).toContain("identifiant de famille");
    expect(countUsers()).toBe(before);
    expect(db.select({ n: count() }).from(auditLog).get()?.n).toBe(auditBefore);
  });

  it("says what is wrong with each field, with the schema the form uses", () => {
    const result = ZCreateStaffAccountSchema.safeParse({
      login: "é",
      displayName: " ",
      email: "pas-une-adresse",
      role: "chef",
    });
    expect(result.success).toBe(false);
    const fields = result.error?.flatten().fieldErrors;
    expect(fields?.login?.[0]).toBe("Le nom d'utilisateur doit contenir au moins 3 caractères.");
    expect(fields?.displayName?.[0]).toBe("Le nom est obligatoire.");
    expect(fields?.email?.[0]).toContain("Adresse e-mail invalide");
    expect(fields?.role?.[0]).toBe("Choisissez le rôle : agent ou administrateur.");
  });
});

describe("admin.staffAccounts.setDisabled", () => {
  it("logs the person out at once and refuses their login; enabling lets them back", async () => {
    const created = await admin.admin.staffAccounts.create({
      login: "temporaire",
      displayName: "Agent Temporaire",
      email: "",
      role: "agent",
    });
    const { caller, cookies } = makeCaller(db);
    await caller.auth.login({
      login: "temporaire",
      password: created.temporaryPassword,
      audience: "staff",
    });
    const open = () =>
      db.select({ n: count() }).from(sessions).where(eq(sessions.userId, created.id)).get()?.n;
    expect(open()).toBe(1);

    expect(
      await admin.admin.staffAccounts.setDisabled({ userId: created.id, disabled: true }),
    ).toEqual({
      disabled: true,
    });
    expect(open()).toBe(0);
    const session = makeCaller(db, { token: cookies.token }).caller;
    expect((await errorOf(session.auth.sessionStatus())).code).toBe("UNAUTHORIZED");
    const refused = await errorOf(staffLogin("temporaire", created.temporaryPassword));
    expect(refused.message).toBe("Ce compte est désactivé. Adressez-vous au guichet unique.");
    expect(
      (await admin.admin.staffAccounts.list()).find((a) => a.id === created.id)?.disabled,
    ).toBe(true);

    await admin.admin.staffAccounts.setDisabled({ userId: created.id, disabled: false });
    await staffLogin("temporaire", created.temporaryPassword);
    const lines = db
      .select({ action: auditLog.action, before: auditLog.before, after: auditLog.after })
      .from(auditLog)
      .where(eq(auditLog.entityId, String(created.id)))
      .all()
      .filter((l) => l.action !== "staffAccount.create");
    expect(lines).toEqual([
      {
        action: "staffAccount.disable",
        before: { login: "temporaire", disabled: false },
        after: { login: "temporaire", disabled: true },
      },
      {
        action: "staffAccount.enable",
        before: { login: "temporaire", disabled: true },
        after: { login: "temporaire", disabled: false },
      },
    ]);
  });

  it("refuses an admin disabling themself, and a family's account", async () => {
    const self = (await admin.admin.staffAccounts.list()).find((a) => a.self);
    expect(self?.login).toBe("admin");
    const refused = await errorOf(
      admin.admin.staffAccounts.setDisabled({ userId: self?.id ?? 0, disabled: true }),
    );
    expect(refused).toMatchObject({
      code: "FORBIDDEN",
      message: "Vous ne pouvez pas désactiver votre propre compte.",
    });
    expect(db.select().from(users).where(eq(users.login, "admin")).get()?.disabledAt).toBeNull();

    const family = db.select({ id: users.id }).from(users).where(eq(users.login, "f00001")).get();
    expect(
      (
        await errorOf(
          admin.admin.staffAccounts.setDisabled({ userId: family?.id ?? 0, disabled: true }),
        )
      ).code,
    ).toBe("NOT_FOUND");
  });
});

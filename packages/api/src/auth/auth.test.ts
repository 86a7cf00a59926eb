import { hashPassword } from "@ef/auth";
import { mailOutbox, sessions, users } from "@ef/db";
import { desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { errorOf, freshDb, makeCaller, manualClock } from "../../test/helpers";
import { createServices } from "../services";

const MARTIN = {
  login: "F00001",
  password: "Martin-Albertville-2026",
  audience: "parent" as const,
};
const MINUTE = 60_000;

function lastMail(db: ReturnType<typeof freshDb>) {
  return db.select().from(mailOutbox).orderBy(desc(mailOutbox.id)).get();
}

describe("login", () => {
  it("logs a parent in with the account code, in any case, and sets the cookie", async () => {
    const db = freshDb();
    const { caller, cookies } = makeCaller(db);
    const out = await caller.auth.login({ ...MARTIN, login: " f00001 " });
    expect(out).toEqual({
      role: "parent",
      displayName: "Famille Martin",
      mustChangePassword: false,
    });
    expect(cookies.token).toMatch(/^[a-z2-7]{32}$/);
    const me = await caller.auth.me();
    expect(me?.login).toBe("F00001");
    expect(me?.role).toBe("parent");
  });

  it("stores only the token's hash", async () => {
    const db = freshDb();
    const { caller, cookies } = makeCaller(db);
    await caller.auth.login(MARTIN);
    const stored = db
      .select({ id: sessions.id })
      .from(sessions)
      .all()
      .map((s) => s.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(stored).not.toContain(cookies.token);
  });

  it("gives one message for a wrong identifier and a wrong password", async () => {
    const db = freshDb();
    const { caller } = makeCaller(db);
    const wrongPassword = await errorOf(caller.auth.login({ ...MARTIN, password: "nope" }));
    const wrongLogin = await errorOf(caller.auth.login({ ...MARTIN, login: "F09999" }));
    expect(wrongPassword.message).toBe("Identifiant ou mot de passe incorrect.");
    expect(wrongLogin).toEqual(wrongPassword);
  });

  it("throttles an account after 5 failures, says when to retry, and lets it in after", async () => {
    const db = freshDb();
    const clock = manualClock();
    const services = createServices();
    const { caller } = makeCaller(db, { clock, services });
    for (let i = 0; i < 5; i++) {
      await errorOf(caller.auth.login({ ...MARTIN, password: `faux-${i}` }));
      clock.advance(1000);
    }
    // Even the right password waits: the lock does not tell which one was right.
    const locked = await errorOf(caller.auth.login(MARTIN));
    expect(locked.code).toBe("TOO_MANY_REQUESTS");
    expect(locked.message).toMatch(
      /^Trop de tentatives de connexion\. Réessayez à partir de \d\d:\d\d\.$/,
    );
    // Another address cannot unlock it either.
    const other = makeCaller(db, { clock, services, ip: "198.51.100.7" }).caller;
    expect((await errorOf(other.auth.login(MARTIN))).code).toBe("TOO_MANY_REQUESTS");
    clock.advance(15 * MINUTE);
    await expect(caller.auth.login(MARTIN)).resolves.toMatchObject({ role: "parent" });
  });

  it("throttles an address trying many accounts", async () => {
    const db = freshDb();
    const services = createServices();
    const { caller } = makeCaller(db, { services });
    for (let i = 0; i < 30; i++) {
      await errorOf(
        caller.auth.login({
          login: `F1${String(i).padStart(4, "0")}`,
          password: "x",
          audience: "parent",
        }),
      );
    }
    expect((await errorOf(caller.auth.login(MARTIN))).code).toBe("TOO_MANY_REQUESTS");
    const elsewhere = makeCaller(db, { services, ip: "198.51.100.9" }).caller;
    await expect(elsewhere.auth.login(MARTIN)).resolves.toMatchObject({ role: "parent" });
  });

  it("sends staff to the console and parents to the portal", async () => {
    const db = freshDb();
    const { caller } = makeCaller(db);
    const staffOnPortal = await errorOf(
      caller.auth.login({
        login: "agent",
        password: "Guichet-Albertville-2026",
        audience: "parent",
      }),
    );
    expect(staffOnPortal.message).toContain("console");
    const parentOnConsole = await errorOf(caller.auth.login({ ...MARTIN, audience: "staff" }));
    expect(parentOnConsole.message).toContain("Espace Famille");
  });

  it("refuses a disabled account and ends its sessions at once", async () => {
    const db = freshDb();
    const { caller } = makeCaller(db, { who: "F00001" });
    expect(await caller.auth.me()).not.toBeNull();
    db.update(users)
      .set({ disabledAt: new Date().toISOString() })
      .where(eq(users.login, "f00001"))
      .run();
    expect(await caller.auth.me()).toBeNull();
    const again = await errorOf(makeCaller(db).caller.auth.login(MARTIN));
    expect(again.message).toBe("Ce compte est désactivé. Adressez-vous au guichet unique.");
  });
});

describe("first login with credentials from the guichet", () => {
  async function withTemporaryPassword(db: ReturnType<typeof freshDb>, expiresAt: string) {
    db.update(users)
      .set({
        passwordHash: await hashPassword("abcd-efgh-jkmn"),
        mustChangePassword: true,
        tempPasswordExpiresAt: expiresAt,
      })
      .where(eq(users.login, "f00001"))
      .run();
  }

  it("forces a new password before anything else, then ends the other sessions", async () => {
    const db = freshDb();
    await withTemporaryPassword(db, "2026-12-15T00:00:00Z");
    const other = makeCaller(db, { who: "F00001" });
    const { caller, cookies } = makeCaller(db);
    const out = await caller.auth.login({ ...MARTIN, password: "abcd-efgh-jkmn" });
    expect(out.mustChangePassword).toBe(true);
    const household = (await caller.auth.me())?.householdId ?? 0;
    expect((await errorOf(caller.household.overview({ householdId: household }))).appCode).toBe(
      "PASSWORD_CHANGE_REQUIRED",
    );
    const before = cookies.token;
    await caller.auth.changePassword({
      currentPassword: "abcd-efgh-jkmn",
      newPassword: "mon nouveau mot de passe",
      confirmPassword: "mon nouveau mot de passe",
    });
    expect(cookies.token).not.toBe(before);
    await expect(caller.household.overview({ householdId: household })).resolves.toBeTruthy();
    expect(await other.caller.auth.me()).toBeNull();
    expect(lastMail(db)?.subject).toBe("Votre mot de passe a été modifié");
    await expect(
      makeCaller(db).caller.auth.login({ ...MARTIN, password: "mon nouveau mot de passe" }),
    ).resolves.toMatchObject({ mustChangePassword: false });
  });

  it("refuses an expired temporary password", async () => {
    const db = freshDb();
    await withTemporaryPassword(db, "2026-11-30T00:00:00Z");
    const e = await errorOf(
      makeCaller(db).caller.auth.login({ ...MARTIN, password: "abcd-efgh-jkmn" }),
    );
    expect(e.message).toContain("provisoire a expiré");
  });

  it("refuses a wrong current password, a short one, or two that differ, with French field messages", async () => {
    const db = freshDb();
    const { caller } = makeCaller(db, { who: "F00001" });
    const wrong = await errorOf(
      caller.auth.changePassword({
        currentPassword: "faux",
        newPassword: "mon nouveau mot de passe",
        confirmPassword: "mon nouveau mot de passe",
      }),
    );
    expect(wrong.message).toBe("Le mot de passe actuel est incorrect.");
    const short = await errorOf(
      caller.auth.changePassword({
        currentPassword: MARTIN.password,
        newPassword: "court",
        confirmPassword: "court",
      }),
    );
    expect(short.code).toBe("BAD_REQUEST");
    const differ = await errorOf(
      caller.auth.changePassword({
        currentPassword: MARTIN.password,
        newPassword: "mon nouveau mot de passe",
        confirmPassword: "mon autre mot de passe",
      }),
    );
    expect(differ.code).toBe("BAD_REQUEST");
    // Nothing changed: the old password still works.
    await expect(makeCaller(db).caller.auth.login(MARTIN)).resolves.toBeTruthy();
  });
});

describe("password reset", () => {
  function tokenFromMail(db: ReturnType<typeof freshDb>) {
    const mail = lastMail(db);
    const match = /jeton=([a-z2-7]+)/.exec(mail?.textBody ?? "");
    if (!match?.[1]) throw new Error("no link in the mail");
    return { mail, token: match[1] };
  }

  it("mails a single-use link valid one hour that ends every session", async () => {
    const db = freshDb();
    const clock = manualClock();
    const open = makeCaller(db, { who: "F00001", clock });
    const { caller } = makeCaller(db, { clock });
    await caller.auth.requestPasswordReset({ login: "F00001", audience: "parent" });
    const { mail, token } = tokenFromMail(db);
    expect(mail?.toAddress).toBe("famille.martin@example.fr");
    expect(mail?.textBody).toContain("http://localhost:3000/mot-de-passe/nouveau?jeton=");
    const input = {
      token,
      newPassword: "un tout nouveau mot de passe",
      confirmPassword: "un tout nouveau mot de passe",
    };
    clock.advance(30 * MINUTE);
    await expect(caller.auth.completePasswordReset(input)).resolves.toEqual({ role: "parent" });
    expect(await open.caller.auth.me()).toBeNull();
    expect((await caller.auth.me())?.login).toBe("F00001");
    const reused = await errorOf(caller.auth.completePasswordReset(input));
    expect(reused.message).toContain("Ce lien n'est plus valide");
  });

  it("refuses a link after an hour", async () => {
    const db = freshDb();
    const clock = manualClock();
    const { caller } = makeCaller(db, { clock });
    await caller.auth.requestPasswordReset({ login: "F00001", audience: "parent" });
    const { token } = tokenFromMail(db);
    clock.advance(61 * MINUTE);
    const e = await errorOf(
      caller.auth.completePasswordReset({
        token,
        newPassword: "un tout nouveau mot de passe",
        confirmPassword: "un tout nouveau mot de passe",
      }),
    );
    expect(e.message).toContain("Ce lien n'est plus valide");
    await expect(makeCaller(db, { clock }).caller.auth.login(MARTIN)).resolves.toBeTruthy();
  });

  it("answers the same for an unknown account and mails nothing", async () => {
    const db = freshDb();
    const { caller } = makeCaller(db);
    const before = db.select().from(mailOutbox).all().length;
    await expect(
      caller.auth.requestPasswordReset({ login: "F09999", audience: "parent" }),
    ).resolves.toEqual({ ok: true });
    expect(db.select().from(mailOutbox).all()).toHaveLength(before);
  });

  it("a new link replaces the previous one", async () => {
    const db = freshDb();
    const { caller } = makeCaller(db);
    await caller.auth.requestPasswordReset({ login: "F00001", audience: "parent" });
    const first = tokenFromMail(db).token;
    await caller.auth.requestPasswordReset({ login: "F00001", audience: "parent" });
    const e = await errorOf(
      caller.auth.completePasswordReset({
        token: first,
        newPassword: "un tout nouveau mot de passe",
        confirmPassword: "un tout nouveau mot de passe",
      }),
    );
    expect(e.message).toContain("Ce lien n'est plus valide");
  });
});

describe("sessions", () => {
  it("staff sessions end after 30 minutes of inactivity; polling does not count, keepAlive does", async () => {
    const db = freshDb();
    const clock = manualClock();
    const { caller } = makeCaller(db, { who: "agent", clock });
    clock.advance(20 * MINUTE);
    const status = await caller.auth.sessionStatus();
    expect(new Date(status.expiresAt).getTime() - clock().getTime()).toBe(10 * MINUTE);
    await caller.auth.keepAlive();
    clock.advance(29 * MINUTE);
    await expect(caller.staff.households.search({ q: "martin" })).resolves.toHaveLength(1);
    clock.advance(29 * MINUTE);
    expect((await caller.auth.me())?.role).toBe("agent");
    clock.advance(2 * MINUTE);
    const e = await errorOf(caller.staff.households.search({ q: "martin" }));
    expect(e.code).toBe("UNAUTHORIZED");
    expect(e.message).toBe("Votre session a expiré. Veuillez vous reconnecter.");
  });

  it("parents' sessions slide: used within 30 days, they go on", async () => {
    const db = freshDb();
    const clock = manualClock();
    const { caller, cookies } = makeCaller(db, { who: "F00001", clock });
    const first = cookies.token;
    for (let i = 0; i < 4; i++) {
      clock.advance(20 * 24 * 60 * MINUTE);
      expect(
        (
          await caller.household.overview({
            householdId: (await caller.auth.me())?.householdId ?? 0,
          })
        ).children,
      ).toHaveLength(2);
    }
    expect(cookies.token).toBe(first);
    clock.advance(31 * 24 * 60 * MINUTE);
    expect(await caller.auth.me()).toBeNull();
  });

  it("logout ends the session and clears the cookie", async () => {
    const db = freshDb();
    const { caller, cookies } = makeCaller(db, { who: "F00001" });
    await caller.auth.logout();
    expect(cookies.cleared).toBe(true);
    expect(db.select().from(sessions).all()).toHaveLength(0);
  });
});

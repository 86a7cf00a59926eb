import { describe, expect, it } from "vitest";
import { DEMO_NOW, errorOf, freshDb, householdId, makeCaller } from "../test/helpers";
import { appRouter } from "./root";

const db = freshDb();
const martin = householdId(db, "F00001");

type TCaller = ReturnType<typeof makeCaller>["caller"];
type TCase = {
  /** Calls the procedure with valid input. */
  call: (c: TCaller) => Promise<unknown>;
  /** Who may call it: everyone, anyone logged in, the family or staff, staff, admins. */
  audience: "public" | "authed" | "household" | "agent" | "admin";
};

const validReset = {
  token: "x".repeat(32),
  newPassword: "un-mot-de-passe-long",
  confirmPassword: "un-mot-de-passe-long",
};

/** Every procedure of the router, with its audience. A new procedure must be added here. */
const cases: Record<string, TCase> = {
  "auth.login": {
    audience: "public",
    call: (c) =>
      c.auth.login({ login: "F00002", password: "Bernard-Albertville-2026", audience: "parent" }),
  },
  "auth.logout": { audience: "public", call: (c) => c.auth.logout() },
  "auth.me": { audience: "public", call: (c) => c.auth.me() },
  "auth.changePassword": {
    audience: "authed",
    call: (c) =>
      c.auth.changePassword({
        currentPassword: "faux",
        newPassword: "nouveau-mot-de-passe",
        confirmPassword: "nouveau-mot-de-passe",
      }),
  },
  "auth.requestPasswordReset": {
    audience: "public",
    call: (c) => c.auth.requestPasswordReset({ login: "F00404", audience: "parent" }),
  },
  "auth.completePasswordReset": {
    audience: "public",
    call: (c) => c.auth.completePasswordReset(validReset),
  },
  "auth.sessionStatus": { audience: "authed", call: (c) => c.auth.sessionStatus() },
  "auth.keepAlive": { audience: "authed", call: (c) => c.auth.keepAlive() },
  "content.news": { audience: "public", call: (c) => c.content.news() },
  "content.documents": { audience: "public", call: (c) => c.content.documents() },
  "household.overview": {
    audience: "household",
    call: (c) => c.household.overview({ householdId: martin }),
  },
  "staff.households.search": {
    audience: "agent",
    call: (c) => c.staff.households.search({ q: "martin" }),
  },
  "staff.households.get": {
    audience: "agent",
    call: (c) => c.staff.households.get({ householdId: martin }),
  },
  "admin.staffAccounts.list": { audience: "admin", call: (c) => c.admin.staffAccounts.list() },
};

const as = (who: string | null) => makeCaller(db, { who, clock: () => DEMO_NOW }).caller;

describe("access to every procedure", () => {
  it("covers the whole router", () => {
    expect(Object.keys(appRouter._def.procedures).sort()).toEqual(Object.keys(cases).sort());
  });

  for (const [name, { audience, call }] of Object.entries(cases)) {
    describe(name, () => {
      if (audience === "public") {
        it("answers anonymous callers", async () => {
          // Public procedures may refuse the input (e.g. a wrong token), never the caller.
          const outcome = await call(as(null)).then(
            () => "ok",
            (e: { code?: string }) => e.code,
          );
          expect(outcome).not.toBe("UNAUTHORIZED");
          expect(outcome).not.toBe("FORBIDDEN");
        });
        return;
      }

      it("refuses anonymous callers (UNAUTHORIZED)", async () => {
        expect((await errorOf(call(as(null)))).code).toBe("UNAUTHORIZED");
      });

      if (audience === "household") {
        it("answers NOT_FOUND to another family", async () => {
          expect((await errorOf(call(as("F00002")))).code).toBe("NOT_FOUND");
        });
        it("answers the family itself and staff", async () => {
          await expect(call(as("F00001"))).resolves.toBeTruthy();
          await expect(call(as("agent"))).resolves.toBeTruthy();
        });
      }
      if (audience === "agent" || audience === "admin") {
        it("refuses a parent (FORBIDDEN)", async () => {
          expect((await errorOf(call(as("F00001")))).code).toBe("FORBIDDEN");
        });
      }
      if (audience === "agent") {
        it("answers an agent and an admin", async () => {
          await expect(call(as("agent"))).resolves.toBeTruthy();
          await expect(call(as("admin"))).resolves.toBeTruthy();
        });
      }
      if (audience === "admin") {
        it("refuses an agent (FORBIDDEN) and answers an admin", async () => {
          expect((await errorOf(call(as("agent")))).code).toBe("FORBIDDEN");
          await expect(call(as("admin"))).resolves.toBeTruthy();
        });
      }
    });
  }
});

import { payments, registrations, waitingList } from "@ef/db";
import { describe, expect, it } from "vitest";
import absenceCases from "../test/access/absences";
import adminCatalogueCases from "../test/access/admin-catalogue";
import attendanceCases from "../test/access/attendance";
import billingCases from "../test/access/billing";
import type { TAccessCase } from "../test/access/case";
import consoleMiscCases from "../test/access/console-misc";
import deskCases from "../test/access/desk";
import dossierCases from "../test/access/dossier";
import nextSeasonCases from "../test/access/next-season";
import refundCases from "../test/access/refunds";
import staffHouseholdCases from "../test/access/staff-households";
import {
  activityId,
  childId,
  DEMO_NOW,
  errorOf,
  freshDb,
  householdId,
  makeCaller,
} from "../test/helpers";
import { applyChanges } from "./booking/basket-service";
import { appRouter } from "./root";

const db = freshDb();
const martin = householdId(db, "F00001");
const lea = childId(db, "Léa");
const jade = childId(db, "Jade");
const resto = activityId(db, "restauration");
const soir = activityId(db, "accueil_soir");
const day = (date: string, want = true) => ({ childId: lea, activityId: resto, date, want });
// A panier with one line, and a registration waiting for an agent.
const basket = applyChanges(db, {
  household: { id: martin, name: "Famille Martin", email: "m@example.fr", qf: 950, resident: true },
  expectedVersion: 0,
  changes: [day("2026-12-10")],
  now: DEMO_NOW,
  actor: { userId: 1, isStaff: false },
});
const payment = db
  .insert(payments)
  .values({
    householdId: martin,
    amountCents: 1000,
    refdet: "EF202600000999",
    exer: 2026,
    objet: "test",
    mel: "m@example.fr",
    status: "refused",
    expiresAt: DEMO_NOW.toISOString(),
    createdAt: DEMO_NOW.toISOString(),
    updatedAt: DEMO_NOW.toISOString(),
  })
  .returning({ id: payments.id })
  .get();
const waiting = db
  .insert(waitingList)
  .values({
    householdId: martin,
    childId: lea,
    activityId: resto,
    date: "2026-12-18",
    status: "waiting",
    createdAt: DEMO_NOW.toISOString(),
    updatedAt: DEMO_NOW.toISOString(),
  })
  .returning({ id: waitingList.id })
  .get();
const pending = db
  .insert(registrations)
  .values({
    childId: jade,
    activityId: activityId(db, "accueil_matin"),
    seasonId: 1,
    status: "pending",
    createdAt: DEMO_NOW.toISOString(),
  })
  .returning({ id: registrations.id })
  .get();

type TCase = TAccessCase;

const validReset = {
  token: "x".repeat(32),
  newPassword: "un-mot-de-passe-long",
  confirmPassword: "un-mot-de-passe-long",
};

const fixtures = { db, martin, lea, jade, resto, soir };

/**
 * Every procedure of the router, with its audience. A new procedure must be added here or in a
 * module of `test/access/` (one per console domain).
 */
const cases: Record<string, TCase> = {
  ...staffHouseholdCases(fixtures),
  ...adminCatalogueCases(fixtures),
  ...nextSeasonCases(fixtures),
  ...attendanceCases(fixtures),
  ...billingCases(fixtures),
  ...absenceCases(fixtures),
  ...consoleMiscCases(fixtures),
  ...dossierCases(fixtures),
  ...deskCases(fixtures),
  ...refundCases(fixtures),
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
  "registrations.options": {
    audience: "household",
    call: (c) => c.registrations.options({ householdId: martin, childId: lea }),
  },
  "registrations.create": {
    audience: "household",
    call: (c) => c.registrations.create({ householdId: martin, childId: lea, activityId: soir }),
  },
  "planning.month": {
    audience: "household",
    call: (c) => c.planning.month({ householdId: martin, month: "2026-12" }),
  },
  "basket.get": { audience: "household", call: (c) => c.basket.get({ householdId: martin }) },
  "basket.setDays": {
    audience: "household",
    call: (c) =>
      c.basket.setDays({
        householdId: martin,
        version: basket.version,
        changes: [day("2026-12-11")],
      }),
  },
  "basket.applyPattern": {
    audience: "household",
    call: (c) =>
      c.basket.applyPattern({
        householdId: martin,
        version: basket.version,
        childId: lea,
        activityId: resto,
        weekdays: [1],
        from: "2026-12-14",
        to: "2026-12-14",
      }),
  },
  "basket.clear": {
    audience: "household",
    call: (c) => c.basket.clear({ householdId: martin, version: 99 }),
  },
  "basket.confirm": {
    audience: "household",
    call: (c) =>
      c.basket.confirm({ householdId: martin, basketId: basket.basketId, version: basket.version }),
  },
  "payment.start": {
    audience: "household",
    call: (c) =>
      c.payment.start({ householdId: martin, basketId: basket.basketId, version: basket.version }),
  },
  "payment.status": {
    audience: "household",
    call: (c) => c.payment.status({ householdId: martin, paymentId: payment.id }),
  },
  "payment.credit": {
    audience: "household",
    call: (c) => c.payment.credit({ householdId: martin }),
  },
  "paidRegistrations.options": {
    audience: "household",
    call: (c) => c.paidRegistrations.options({ householdId: martin }),
  },
  "paidRegistrations.setItems": {
    audience: "household",
    call: (c) =>
      c.paidRegistrations.setItems({
        householdId: martin,
        version: 99,
        items: [{ childId: lea, activityId: resto, groupId: null, sessionId: null, want: false }],
      }),
  },
  "waitingList.join": {
    audience: "household",
    call: (c) =>
      c.waitingList.join({
        householdId: martin,
        childId: lea,
        activityId: resto,
        date: "2026-12-17",
        groupId: null,
        sessionId: null,
      }),
  },
  "waitingList.mine": {
    audience: "household",
    call: (c) => c.waitingList.mine({ householdId: martin }),
  },
  "waitingList.leave": {
    audience: "household",
    call: (c) => c.waitingList.leave({ householdId: martin, entryId: waiting.id }),
  },
  "staff.registrations.pending": {
    audience: "agent",
    call: (c) => c.staff.registrations.pending(),
  },
  "staff.registrations.decide": {
    audience: "agent",
    call: (c) => c.staff.registrations.decide({ registrationId: pending.id, decision: "validate" }),
  },
};

/** Past the access check: whatever the business answer, it is not a refusal of the caller. */
async function getsThrough(p: Promise<unknown>, alsoRefused: string[] = []) {
  const outcome = await p.then(
    () => "ok",
    (e: { code?: string }) => e.code ?? "error",
  );
  expect(["UNAUTHORIZED", "FORBIDDEN", ...alsoRefused]).not.toContain(outcome);
}

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
          await getsThrough(call(as(null)));
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
          await getsThrough(call(as("F00001")), ["NOT_FOUND"]);
          await getsThrough(call(as("agent")), ["NOT_FOUND"]);
        });
      }
      if (audience === "agent" || audience === "admin") {
        it("refuses a parent (FORBIDDEN)", async () => {
          expect((await errorOf(call(as("F00001")))).code).toBe("FORBIDDEN");
        });
      }
      if (audience === "agent") {
        it("answers an agent and an admin", async () => {
          await getsThrough(call(as("agent")));
          await getsThrough(call(as("admin")));
        });
      }
      if (audience === "admin") {
        it("refuses an agent (FORBIDDEN) and answers an admin", async () => {
          expect((await errorOf(call(as("agent")))).code).toBe("FORBIDDEN");
          await getsThrough(call(as("admin")));
        });
      }
    });
  }
});

import type { TAccessCase, TAccessFixtures } from "./case";

/**
 * Access cases of the desk's booking procedures: staff only, for any household; the family itself
 * is refused (FORBIDDEN). The calls are harmless (a stale version, an unknown registration).
 */
export default function cases(fx: TAccessFixtures): Record<string, TAccessCase> {
  return {
    "staff.desk.setDays": {
      audience: "agent",
      call: (c) =>
        c.staff.desk.setDays({
          householdId: fx.martin,
          version: 99,
          changes: [{ childId: fx.lea, activityId: fx.resto, date: "2026-12-11", want: true }],
        }),
    },
    "staff.desk.setPaidItems": {
      audience: "agent",
      call: (c) =>
        c.staff.desk.setPaidItems({
          householdId: fx.martin,
          version: 99,
          items: [
            { childId: fx.lea, activityId: fx.resto, groupId: 99_999, sessionId: null, want: true },
          ],
        }),
    },
    "staff.desk.confirm": {
      audience: "agent",
      call: (c) => c.staff.desk.confirm({ householdId: fx.martin, basketId: 99_999, version: 99 }),
    },
    "staff.desk.cancelRegistration": {
      audience: "agent",
      call: (c) =>
        c.staff.desk.cancelRegistration({
          householdId: fx.martin,
          registrationId: 99_999,
          reason: "Demande de la famille",
        }),
    },
  };
}

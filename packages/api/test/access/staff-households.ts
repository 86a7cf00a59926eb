import { households, users } from "@ef/db";
import type { TAccessCase, TAccessFixtures } from "./case";

/** Access cases of this console domain's procedures (audience and one valid call each). */
export default function cases(fx: TAccessFixtures): Record<string, TAccessCase> {
  // A household of its own, so that issuing credentials never touches the demo families the
  // other cases log in as.
  const at = new Date("2026-12-01T07:00:00Z").toISOString();
  const desk = fx.db
    .insert(households)
    .values({
      accountCode: "F09990",
      name: "Famille Guichet",
      email: "g@example.fr",
      createdAt: at,
    })
    .returning({ id: households.id })
    .get();
  fx.db
    .insert(users)
    .values({
      login: "f09990",
      role: "parent",
      householdId: desk.id,
      displayName: "Famille Guichet",
      passwordHash: "x",
      createdAt: at,
    })
    .run();
  const householdId = desk.id;
  return {
    "staff.households.create": {
      audience: "agent",
      call: (c) =>
        c.staff.households.create({
          name: "Famille Accès",
          addressLine: "1 rue de la République",
          postalCode: "73200",
          city: "Albertville",
          resident: true,
          qf: 800,
          email: "acces@example.fr",
          phone: "06 12 34 56 78",
          guardians: [{ firstName: "Anne", lastName: "Accès", email: "", phone: "" }],
          children: [],
        }),
    },
    "staff.households.issueCredentials": {
      audience: "agent",
      call: (c) => c.staff.households.issueCredentials({ householdId, sendByMail: false }),
    },
    "staff.households.setAccountDisabled": {
      audience: "agent",
      call: (c) => c.staff.households.setAccountDisabled({ householdId, disabled: false }),
    },
    "staff.households.updateContact": {
      audience: "agent",
      call: (c) =>
        c.staff.households.updateContact({
          householdId,
          addressLine: "2 place de l'Europe",
          postalCode: "73200",
          city: "Albertville",
          resident: true,
          email: "g@example.fr",
          phone: "04 79 10 20 30",
        }),
    },
    "staff.households.updateQf": {
      audience: "agent",
      call: (c) =>
        c.staff.households.updateQf({
          householdId,
          qf: 650,
          validUntil: "2027-08-31",
          source: "Attestation CAF du 12/11/2026",
        }),
    },
  };
}

import { absences } from "@ef/db";
import type { TAccessCase, TAccessFixtures } from "./case";

/** Access cases of the absences' procedures: the family's declaration and the agent's review. */
export default function cases(fx: TAccessFixtures): Record<string, TAccessCase> {
  const at = new Date("2026-11-30T08:00:00Z").toISOString();
  const pending = fx.db
    .insert(absences)
    .values({
      householdId: fx.martin,
      childId: fx.lea,
      date: "2026-11-30",
      reason: "Malade",
      filePath: "private/absences/acces.pdf",
      fileName: "certificat.pdf",
      mimeType: "application/pdf",
      sizeBytes: 10,
      status: "pending",
      declaredAt: at,
    })
    .returning({ id: absences.id })
    .get();
  const certificate = {
    fileName: "certificat.pdf",
    contentBase64: Buffer.from("%PDF-1.4\n").toString("base64"),
  };
  return {
    "absences.declare": {
      audience: "household",
      call: (c) =>
        c.absences.declare({
          householdId: fx.martin,
          childId: fx.lea,
          date: "2026-12-01",
          reason: "Malade",
          certificate,
        }),
    },
    "absences.mine": {
      audience: "household",
      call: (c) => c.absences.mine({ householdId: fx.martin }),
    },
    "staff.absences.pending": { audience: "agent", call: (c) => c.staff.absences.pending() },
    "staff.absences.decide": {
      audience: "agent",
      call: (c) => c.staff.absences.decide({ absenceId: pending.id, decision: "accept" }),
    },
  };
}

import { dossierPieces, dossiers } from "@ef/db";
import { eq } from "drizzle-orm";
import type { TAccessCase, TAccessFixtures } from "./case";

/** A one-page PDF's first bytes: enough for the type check. */
const pdf = Buffer.from("%PDF-1.4\n%accès\n").toString("base64");

/** Access cases of the dossier Pass'Enfance Jeunesse (the family's and the guichet's). */
export default function cases(fx: TAccessFixtures): Record<string, TAccessCase> {
  const martinDossier = fx.db
    .select({ id: dossiers.id })
    .from(dossiers)
    .where(eq(dossiers.householdId, fx.martin))
    .get();
  const piece = fx.db
    .select({ id: dossierPieces.id })
    .from(dossierPieces)
    .where(eq(dossierPieces.dossierId, martinDossier?.id ?? 0))
    .get();
  if (!piece) throw new Error("the demo's Martin dossier has no piece");
  return {
    "dossier.get": {
      audience: "household",
      call: (c) => c.dossier.get({ householdId: fx.martin }),
    },
    "dossier.uploadPiece": {
      audience: "household",
      call: (c) =>
        c.dossier.uploadPiece({
          householdId: fx.martin,
          kind: "assurance",
          file: { fileName: "assurance.pdf", contentBase64: pdf },
        }),
    },
    "staff.dossiers.toReview": { audience: "agent", call: (c) => c.staff.dossiers.toReview() },
    "staff.dossiers.get": {
      audience: "agent",
      call: (c) => c.staff.dossiers.get({ householdId: fx.martin }),
    },
    "staff.dossiers.decide": {
      audience: "agent",
      // Martin's pieces are all accepted: the answer is a CONFLICT, past the access check.
      call: (c) => c.staff.dossiers.decide({ pieceId: piece.id, decision: "accept" }),
    },
  };
}

import type { TPieceKind } from "@ef/db";

/** The dossier's pieces, in the words of the guichet unique. */
export const pieceLabels: Record<TPieceKind, string> = {
  fiche_sanitaire: "Fiche sanitaire de liaison",
  vaccinations: "Carnet de vaccinations",
  assurance: "Attestation d'assurance (responsabilité civile)",
  justificatif_qf: "Justificatif du quotient familial",
  reglement: "Règlement intérieur signé",
};

import type { RouterOutputs } from "@ef/api";

type THousehold = RouterOutputs["staff"]["households"]["get"];
type TChild = THousehold["children"][number];
type TDossier = NonNullable<THousehold["dossier"]>;

export const roleLabels: Record<"parent" | "agent" | "admin", string> = {
  parent: "Famille",
  agent: "Agent",
  admin: "Administrateur",
};

export const dossierStatusLabels: Record<TDossier["status"], string> = {
  complete: "Complet",
  incomplete: "Incomplet",
  missing: "Non déposé",
};

export const pieceStatusLabels: Record<TDossier["pieces"][number]["status"], string> = {
  missing: "Manquante",
  uploaded: "Déposée, à vérifier",
  accepted: "Acceptée",
  refused: "Refusée",
};

/** The dossier's state in the list of registrations to validate, said in one word. */
export const registrationDossierLabels: Record<TDossier["status"], string> = {
  complete: "complet",
  incomplete: "incomplet",
  missing: "absent",
};

export const registrationStatusLabels: Record<TChild["registrations"][number]["status"], string> = {
  pending: "En attente de validation",
  validated: "Validée",
  refused: "Refusée",
  cancelled: "Annulée",
};

/** Which look a state word gets (the word itself always says it: never colour alone). */
export type TTone = "ok" | "warn" | "bad" | "neutral";

export const dossierTone: Record<TDossier["status"], TTone> = {
  complete: "ok",
  incomplete: "warn",
  missing: "bad",
};

export const pieceTone: Record<TDossier["pieces"][number]["status"], TTone> = {
  missing: "bad",
  uploaded: "warn",
  accepted: "ok",
  refused: "bad",
};

export const registrationTone: Record<TChild["registrations"][number]["status"], TTone> = {
  pending: "warn",
  validated: "ok",
  refused: "bad",
  cancelled: "neutral",
};

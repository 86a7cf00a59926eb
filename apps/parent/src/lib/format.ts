/** French wording and formats for what the API returns. */
import type { RouterOutputs } from "@ef/api";

type TOverview = RouterOutputs["household"]["overview"];
export type TChild = TOverview["children"][number];
export type TDossier = NonNullable<TOverview["dossier"]>;
type TPieceStatus = TDossier["pieces"][number]["status"];

const longDate = new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeZone: "Europe/Paris" });

/** "2 novembre 2026" (and "1er décembre 2026"), in Albertville's time zone. */
export function formatDate(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? "" : longDate.format(d).replace(/^1 /, "1er ");
}

const decimal = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1 });

/** "85 ko", "1,2 Mo". */
export function formatSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} octets`;
  if (bytes < 1_000_000) return `${Math.round(bytes / 1000)} ko`;
  return `${decimal.format(bytes / 1_000_000)} Mo`;
}

export function formatAge(age: number): string {
  return age < 2 ? `${age} an` : `${age} ans`;
}

export const registrationWords: Record<TChild["registrations"][number]["status"], string> = {
  validated: "validée",
  pending: "en attente de validation",
  refused: "refusée",
  cancelled: "annulée",
};

export const pieceWords: Record<TPieceStatus, string> = {
  missing: "manquante",
  uploaded: "envoyée — en cours de vérification",
  accepted: "acceptée",
  refused: "refusée",
};

/** Pieces the family still has to bring: missing or refused. */
export function piecesToProvide(dossier: TDossier): number {
  return dossier.pieces.filter((p) => p.status === "missing" || p.status === "refused").length;
}

/** "Dossier 2026-2027 complet" / "Dossier 2026-2027 incomplet — 2 pièces à fournir". */
export function dossierSummary(dossier: TDossier): string {
  const name = `Dossier ${dossier.seasonCode}`;
  if (dossier.status === "complete") return `${name} complet`;
  const n = piecesToProvide(dossier);
  if (n === 0) return `${name} incomplet — pièces en cours de vérification`;
  return `${name} incomplet — ${n} ${n > 1 ? "pièces" : "pièce"} à fournir`;
}

/** The guichet unique, for everything not online yet. */
export const GUICHET =
  "le guichet unique vous accueille à l'Hôtel de ville, du lundi au vendredi, de 8\u00a0h\u00a030 à 12\u00a0h et de 13\u00a0h\u00a030 à 17\u00a0h";

const euros = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" });

/** "3,40 €". */
export function formatEuros(cents: number): string {
  return euros.format(cents / 100);
}

/** "1 jour", "3 jours". */
export function plural(n: number, one: string, many: string): string {
  return `${n} ${n > 1 ? many : one}`;
}

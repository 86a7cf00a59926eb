import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { id, instant } from "./common";
import { households } from "./households";
import { seasons } from "./seasons";
import { users } from "./users";

export const pieceKinds = [
  "fiche_sanitaire",
  "vaccinations",
  "assurance",
  "justificatif_qf",
  "reglement",
] as const;
export type TPieceKind = (typeof pieceKinds)[number];
export const pieceStatuses = ["missing", "uploaded", "accepted", "refused"] as const;

/** The yearly file (dossier Pass'Enfance Jeunesse) of a household. */
export const dossiers = sqliteTable(
  "dossiers",
  {
    id: id(),
    householdId: integer("household_id")
      .notNull()
      .references(() => households.id, { onDelete: "cascade" }),
    seasonId: integer("season_id")
      .notNull()
      .references(() => seasons.id),
    status: text("status", { enum: ["incomplete", "complete"] }).notNull(),
    completedAt: instant("completed_at"),
  },
  (t) => [uniqueIndex("dossiers_household_season_uq").on(t.householdId, t.seasonId)],
);

export const dossierPieces = sqliteTable(
  "dossier_pieces",
  {
    id: id(),
    dossierId: integer("dossier_id")
      .notNull()
      .references(() => dossiers.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: pieceKinds }).notNull(),
    status: text("status", { enum: pieceStatuses }).notNull(),
    /** Path under DATA_DIR; never in a public folder. */
    filePath: text("file_path"),
    fileName: text("file_name"),
    mimeType: text("mime_type"),
    sizeBytes: integer("size_bytes"),
    uploadedAt: instant("uploaded_at"),
    reviewedAt: instant("reviewed_at"),
    reviewedBy: integer("reviewed_by").references(() => users.id),
    refusalReason: text("refusal_reason"),
  },
  (t) => [
    uniqueIndex("dossier_pieces_dossier_kind_uq").on(t.dossierId, t.kind),
    index("dossier_pieces_status_idx").on(t.status),
  ],
);

/**
 * Public documents (règlement, tarifs, menus…): PDFs under `DATA_DIR/documents/`, served to anyone
 * by the server's `/documents/:id` while published. The type is judged from the bytes.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, normalize, sep } from "node:path";
import { documents, immediate, type TDb } from "@ef/db";
import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import { audit } from "../../audit";
import { appError } from "../../errors";
import { sniffType } from "../../files/private-files";
import { adminProcedure } from "../../trpc";
import {
  MAX_DOCUMENT_BYTES,
  ZCreateDocumentSchema,
  ZDeleteDocumentSchema,
  ZSetDocumentPublishedSchema,
  ZUpdateDocumentSchema,
} from "./content.schemas";

const ZDocumentRowSchema = z.object({
  id: z.number(),
  title: z.string(),
  description: z.string(),
  category: z.enum(["reglement", "tarifs", "menus", "autre"]),
  fileName: z.string(),
  sizeBytes: z.number(),
  published: z.boolean(),
  createdAt: z.string(),
  /** Where the public (and the admin) open it; only published documents are served. */
  url: z.string(),
});

const columns = {
  id: documents.id,
  title: documents.title,
  description: documents.description,
  category: documents.category,
  fileName: documents.fileName,
  sizeBytes: documents.sizeBytes,
  published: documents.published,
  createdAt: documents.createdAt,
};
type TRow = Omit<z.infer<typeof ZDocumentRowSchema>, "url">;
const withUrl = (d: TRow) => ({
  ...d,
  url: `/documents/${d.id}/${encodeURIComponent(d.fileName)}`,
});

function loadDocument(db: TDb, id: number) {
  const row = db
    .select({ ...columns, filePath: documents.filePath })
    .from(documents)
    .where(eq(documents.id, id))
    .get();
  if (!row) throw appError("NOT_FOUND", "Ce document est introuvable.");
  return row;
}

/** A display name without folders or control characters, ending in .pdf. */
function cleanPdfName(name: string): string {
  const base = (name.split(/[\\/]/).pop() ?? "")
    .split("")
    .filter((ch) => ch !== '"' && ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f)
    .join("")
    .trim()
    .slice(0, 150);
  if (!base) return "document.pdf";
  return /\.pdf$/i.test(base) ? base : `${base}.pdf`;
}

/** The absolute path of a public document, refusing anything outside `DATA_DIR/documents`. */
function documentPath(dataDir: string, filePath: string): string {
  const root = join(normalize(dataDir), "documents") + sep;
  const full = normalize(join(dataDir, filePath));
  if (!full.startsWith(root)) throw new Error("document outside its folder");
  return full;
}

export const listDocuments = adminProcedure
  .output(z.array(ZDocumentRowSchema))
  .query(({ ctx }) =>
    ctx.db
      .select(columns)
      .from(documents)
      .orderBy(asc(documents.category), asc(documents.title), asc(documents.id))
      .all()
      .map(withUrl),
  );

/** "Ajouter un document": a PDF (checked from its bytes, 5 MB at most), published or not. */
export const createDocument = adminProcedure
  .input(ZCreateDocumentSchema)
  .output(ZDocumentRowSchema)
  .mutation(({ ctx, input }) => {
    const { contentBase64 } = input.file;
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(contentBase64)) {
      throw appError("INVALID", "Le fichier n'a pas pu être lu. Réessayez.");
    }
    const bytes = Buffer.from(contentBase64, "base64");
    if (bytes.length === 0) throw appError("INVALID", "Le fichier est vide.");
    if (bytes.length > MAX_DOCUMENT_BYTES) {
      throw appError("INVALID", "Le fichier dépasse 5 Mo. Envoyez un fichier plus léger.");
    }
    if (sniffType(bytes) !== "pdf") {
      throw appError("INVALID", "Ce fichier n'est pas un PDF : enregistrez-le en PDF.");
    }
    const dataDir = ctx.config.dataDir;
    mkdirSync(join(dataDir, "documents"), { recursive: true });
    const filePath = join("documents", `${randomBytes(16).toString("hex")}.pdf`);
    writeFileSync(join(dataDir, filePath), bytes, { flag: "wx", mode: 0o644 });
    try {
      return immediate(ctx.db, (tx) => {
        const row = tx
          .insert(documents)
          .values({
            title: input.title,
            description: input.description,
            category: input.category,
            filePath,
            fileName: cleanPdfName(input.file.fileName),
            mimeType: "application/pdf",
            sizeBytes: bytes.length,
            published: input.published,
            createdAt: ctx.now.toISOString(),
          })
          .returning(columns)
          .get();
        audit(tx, ctx.now, {
          actorUserId: ctx.user.id,
          action: "document.create",
          entity: "document",
          entityId: row.id,
          after: {
            title: row.title,
            category: row.category,
            fileName: row.fileName,
            sizeBytes: row.sizeBytes,
            published: row.published,
          },
        });
        return withUrl(row);
      });
    } catch (error) {
      // Nothing half-saved: no row, no file.
      rmSync(join(dataDir, filePath), { force: true });
      throw error;
    }
  });

/** Corrects a document's title, description or category. */
export const updateDocument = adminProcedure
  .input(ZUpdateDocumentSchema)
  .output(ZDocumentRowSchema)
  .mutation(({ ctx, input }) =>
    immediate(ctx.db, (tx) => {
      const before = loadDocument(tx, input.id);
      const row = tx
        .update(documents)
        .set({ title: input.title, description: input.description, category: input.category })
        .where(eq(documents.id, input.id))
        .returning(columns)
        .get();
      if (!row) throw appError("NOT_FOUND", "Ce document est introuvable.");
      audit(tx, ctx.now, {
        actorUserId: ctx.user.id,
        action: "document.update",
        entity: "document",
        entityId: row.id,
        before: { title: before.title, description: before.description, category: before.category },
        after: { title: row.title, description: row.description, category: row.category },
      });
      return withUrl(row);
    }),
  );

/** "Publier" / "Retirer": on the parents' public home, or not (then not served at all). */
export const setDocumentPublished = adminProcedure
  .input(ZSetDocumentPublishedSchema)
  .output(ZDocumentRowSchema)
  .mutation(({ ctx, input }) =>
    immediate(ctx.db, (tx) => {
      const before = loadDocument(tx, input.id);
      const row = tx
        .update(documents)
        .set({ published: input.published })
        .where(eq(documents.id, input.id))
        .returning(columns)
        .get();
      if (!row) throw appError("NOT_FOUND", "Ce document est introuvable.");
      if (before.published !== input.published) {
        audit(tx, ctx.now, {
          actorUserId: ctx.user.id,
          action: input.published ? "document.publish" : "document.unpublish",
          entity: "document",
          entityId: row.id,
          before: { title: before.title, published: before.published },
          after: { title: row.title, published: row.published },
        });
      }
      return withUrl(row);
    }),
  );

/** "Supprimer": the row goes, then its file (the database no longer points at it). */
export const deleteDocument = adminProcedure
  .input(ZDeleteDocumentSchema)
  .output(z.object({ id: z.number() }))
  .mutation(({ ctx, input }) => {
    const filePath = immediate(ctx.db, (tx) => {
      const before = loadDocument(tx, input.id);
      tx.delete(documents).where(eq(documents.id, input.id)).run();
      audit(tx, ctx.now, {
        actorUserId: ctx.user.id,
        action: "document.delete",
        entity: "document",
        entityId: before.id,
        before: {
          title: before.title,
          category: before.category,
          fileName: before.fileName,
          published: before.published,
        },
      });
      return before.filePath;
    });
    // Best effort: a file outside the folder (never written by the console) is left alone.
    try {
      rmSync(documentPath(ctx.config.dataDir, filePath), { force: true });
    } catch {
      // The row is gone; nothing serves the file any more.
    }
    return { id: input.id };
  });

/** Input schemas of news and public documents, shared with the console's forms. Zod only. */
import { z } from "zod";

const ZId = z.number().int().positive();

export const ZNewsInputSchema = z.object({
  title: z
    .string()
    .trim()
    .min(1, "Le titre est obligatoire.")
    .max(120, "Le titre doit contenir au plus 120 caractères."),
  body: z
    .string()
    .trim()
    .min(1, "Le texte de l'actualité est obligatoire.")
    .max(5000, "Le texte doit contenir au plus 5 000 caractères."),
});

export const ZCreateNewsSchema = ZNewsInputSchema.extend({
  /** Published at once, or kept as a draft. */
  publish: z.boolean(),
});
export const ZUpdateNewsSchema = ZNewsInputSchema.extend({ id: ZId });
export const ZSetNewsStatusSchema = z.object({
  id: ZId,
  status: z.enum(["published", "unpublished"]),
});

export const documentCategoryLabels = {
  reglement: "Règlement",
  tarifs: "Tarifs",
  menus: "Menus",
  autre: "Autre",
} as const;
const ZCategory = z.enum(["reglement", "tarifs", "menus", "autre"], {
  error: "Choisissez la catégorie du document.",
});

/** Public documents are PDFs of 5 MB at most. */
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

const ZDocumentMetaSchema = z.object({
  title: z
    .string()
    .trim()
    .min(1, "Le titre est obligatoire.")
    .max(120, "Le titre doit contenir au plus 120 caractères."),
  description: z.string().trim().max(300, "La description doit contenir au plus 300 caractères."),
  category: ZCategory,
});

/**
 * The file, as JSON: its name and its bytes in base64. "%PDF" in base64 starts with "JVBERi":
 * the form says at once that a file is not a PDF; the server checks the bytes themselves again.
 */
export const ZDocumentFileSchema = z.object({
  fileName: z
    .string()
    .trim()
    .min(1, "Choisissez un fichier PDF.")
    .max(200, "Nom de fichier trop long."),
  contentBase64: z
    .string()
    .min(1, "Choisissez un fichier PDF.")
    .max(Math.ceil((MAX_DOCUMENT_BYTES * 4) / 3) + 8, "Le fichier dépasse 5 Mo.")
    .refine((v) => v.startsWith("JVBERi"), "Ce fichier n'est pas un PDF : enregistrez-le en PDF."),
});

export const ZCreateDocumentSchema = ZDocumentMetaSchema.extend({
  file: ZDocumentFileSchema,
  published: z.boolean(),
});
export const ZUpdateDocumentSchema = ZDocumentMetaSchema.extend({ id: ZId });
export const ZSetDocumentPublishedSchema = z.object({ id: ZId, published: z.boolean() });
export const ZDeleteDocumentSchema = z.object({ id: ZId });

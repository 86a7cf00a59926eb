/**
 * Private files: dossier pieces and medical certificates. Stored under `DATA_DIR/private/`, never
 * in a public folder; served only through a route that checks the session. The type is decided
 * from the content (magic bytes), never from the name or the browser's claim.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, normalize, sep } from "node:path";
import { z } from "zod";
import { appError } from "../errors";

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

const mimeTypes = {
  pdf: "application/pdf",
  jpg: "image/jpeg",
  png: "image/png",
} as const;
export type TPrivateMime = (typeof mimeTypes)[keyof typeof mimeTypes];

/** A file sent by the browser: its name and its bytes in base64 (JSON, like every mutation). */
export const ZUploadSchema = z.object({
  fileName: z
    .string()
    .trim()
    .min(1, "Choisissez un fichier.")
    .max(200, "Nom de fichier trop long."),
  // 5 MB in base64 is 4/3 larger; the exact size is checked on the bytes.
  contentBase64: z
    .string()
    .min(1, "Le fichier est vide.")
    .max(Math.ceil((MAX_UPLOAD_BYTES * 4) / 3) + 8, "Le fichier dépasse 5 Mo."),
});
export type TUpload = z.infer<typeof ZUploadSchema>;

export type TStoredFile = {
  /** Relative to DATA_DIR. */
  filePath: string;
  fileName: string;
  mimeType: TPrivateMime;
  sizeBytes: number;
};

/** PDF, JPEG or PNG from the first bytes; null for anything else. */
export function sniffType(bytes: Uint8Array): keyof typeof mimeTypes | null {
  const starts = (sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return "pdf"; // %PDF-
  if (starts([0xff, 0xd8, 0xff])) return "jpg";
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  return null;
}

/** Checks an upload and returns its bytes and type, or throws a French INVALID error. */
export function checkUpload(upload: TUpload): { bytes: Buffer; ext: keyof typeof mimeTypes } {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(upload.contentBase64)) {
    throw appError("INVALID", "Le fichier n'a pas pu être lu. Réessayez.");
  }
  const bytes = Buffer.from(upload.contentBase64, "base64");
  if (bytes.length === 0) throw appError("INVALID", "Le fichier est vide.");
  if (bytes.length > MAX_UPLOAD_BYTES) {
    throw appError("INVALID", "Le fichier dépasse 5 Mo. Envoyez un fichier plus léger.");
  }
  const ext = sniffType(bytes);
  if (!ext) {
    throw appError(
      "INVALID",
      "Ce fichier n'est ni un PDF, ni une image JPEG ou PNG. Envoyez un document de l'un de ces types.",
    );
  }
  return { bytes, ext };
}

/** A display name without folders or control characters. */
function cleanName(name: string, ext: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const clean = Array.from(base)
    .filter((ch) => ch !== '"' && ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f)
    .join("")
    .trim()
    .slice(0, 150);
  return clean || `document.${ext}`;
}

/**
 * Checks and writes the file, then runs `fn` (the database transaction). If `fn` throws, the file
 * is removed: a failed step leaves nothing behind.
 */
export function withStoredFile<T>(
  dataDir: string,
  folder: "pieces" | "absences",
  upload: TUpload,
  fn: (file: TStoredFile) => T,
): T {
  const { bytes, ext } = checkUpload(upload);
  const relDir = join("private", folder);
  mkdirSync(join(dataDir, relDir), { recursive: true });
  const filePath = join(relDir, `${randomBytes(16).toString("hex")}.${ext}`);
  writeFileSync(join(dataDir, filePath), bytes, { flag: "wx", mode: 0o600 });
  try {
    return fn({
      filePath,
      fileName: cleanName(upload.fileName, ext),
      mimeType: mimeTypes[ext],
      sizeBytes: bytes.length,
    });
  } catch (error) {
    rmSync(join(dataDir, filePath), { force: true });
    throw error;
  }
}

/** The absolute path of a stored private file, refusing anything outside `DATA_DIR/private`. */
export function privateFilePath(dataDir: string, filePath: string): string {
  const root = join(normalize(dataDir), "private") + sep;
  const full = normalize(join(dataDir, filePath));
  if (!full.startsWith(root)) throw new Error("private file outside its folder");
  return full;
}

export function readPrivateFile(dataDir: string, filePath: string): Buffer {
  return readFileSync(privateFilePath(dataDir, filePath));
}

/** Removes a replaced file (best effort: the database no longer points at it). */
export function removePrivateFile(dataDir: string, filePath: string | null): void {
  if (filePath) rmSync(privateFilePath(dataDir, filePath), { force: true });
}

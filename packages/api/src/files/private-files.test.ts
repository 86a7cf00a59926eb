import { existsSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { MAX_UPLOAD_BYTES, readPrivateFile, sniffType, withStoredFile } from "./private-files";

const pdf = Buffer.from("%PDF-1.4\n%test\n");
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
const jpg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]);
const b64 = (b: Buffer) => b.toString("base64");

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof TRPCError) return e.message;
    throw e;
  }
  throw new Error("no error");
}

describe("private files", () => {
  it("recognises PDF, JPEG and PNG from their content, whatever their name", () => {
    expect(sniffType(pdf)).toBe("pdf");
    expect(sniffType(png)).toBe("png");
    expect(sniffType(jpg)).toBe("jpg");
    expect(sniffType(Buffer.from("MZ\x90\x00 not a pdf"))).toBeNull();
    expect(sniffType(Buffer.from("<html>%PDF-"))).toBeNull();
  });

  it("stores outside any public folder and reads it back", () => {
    const dir = mkdtempSync(join(tmpdir(), "ef-files-"));
    const stored = withStoredFile(
      dir,
      "pieces",
      { fileName: "C:\\Users\\moi\\attestation.jpeg", contentBase64: b64(pdf) },
      (f) => f,
    );
    expect(stored.filePath.startsWith(join("private", "pieces"))).toBe(true);
    expect(stored.mimeType).toBe("application/pdf");
    expect(stored.fileName).toBe("attestation.jpeg");
    expect(readPrivateFile(dir, stored.filePath).equals(pdf)).toBe(true);
    expect(() => readPrivateFile(dir, "../escape.pdf")).toThrow();
  });

  it("refuses a file that is not what it claims, an empty one and one over 5 MB", () => {
    const dir = mkdtempSync(join(tmpdir(), "ef-files-"));
    const keep = (f: unknown) => f;
    expect(
      messageOf(() =>
        withStoredFile(
          dir,
          "pieces",
          { fileName: "x.pdf", contentBase64: b64(Buffer.from("hello")) },
          keep,
        ),
      ),
    ).toMatch(/ni un PDF/);
    const big = Buffer.alloc(MAX_UPLOAD_BYTES + 1);
    pdf.copy(big);
    expect(
      messageOf(() =>
        withStoredFile(dir, "pieces", { fileName: "x.pdf", contentBase64: b64(big) }, keep),
      ),
    ).toMatch(/5 Mo/);
    expect(existsSync(join(dir, "private", "pieces"))).toBe(false);
  });

  it("removes the file when the database step fails", () => {
    const dir = mkdtempSync(join(tmpdir(), "ef-files-"));
    expect(() =>
      withStoredFile(dir, "absences", { fileName: "c.png", contentBase64: b64(png) }, () => {
        throw new Error("transaction failed");
      }),
    ).toThrow("transaction failed");
    expect(readdirSync(join(dir, "private", "absences"))).toEqual([]);
  });
});

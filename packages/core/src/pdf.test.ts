import { describe, expect, it } from "vitest";
import { pdfAscii, pdfDocument, pdfString } from "./pdf";

const latin1 = (bytes: Uint8Array) => Array.from(bytes, (b) => String.fromCharCode(b)).join("");

describe("pdfString", () => {
  it("writes French text in WinAnsi and escapes the parentheses and backslash", () => {
    expect(pdfString("Reçu (1) 12,00\u202f€ – l’été \\ ✓")).toEqual([
      0x28,
      ...pdfAscii("Re"),
      0xe7,
      ...pdfAscii("u \\(1\\) 12,00"),
      0xa0,
      0x80,
      0x20,
      0x96,
      0x20,
      0x6c,
      0x92,
      0xe9,
      0x74,
      0xe9,
      0x20,
      0x5c,
      0x5c,
      0x20,
      0x3f,
      0x29,
    ]);
  });
});

describe("pdfDocument", () => {
  it("gives each object and the cross-reference table at the offsets the file states", () => {
    const page = [
      ...pdfAscii("BT /F1 10 Tf 50 800 Td "),
      ...pdfString("Été"),
      ...pdfAscii(" Tj ET"),
    ];
    const text = latin1(pdfDocument([page, page]));
    expect(text.startsWith("%PDF-1.4\n")).toBe(true);
    expect(text.endsWith("%%EOF\n")).toBe(true);
    expect(text).toContain("/Count 2");
    const startxref = Number(/startxref\n(\d+)\n/.exec(text)?.[1]);
    expect(text.slice(startxref, startxref + 5)).toBe("xref\n");
    const offsets = [...text.slice(startxref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) =>
      Number(m[1]),
    );
    // Catalog, page tree, two fonts, then a page and its content per page.
    expect(offsets).toHaveLength(8);
    offsets.forEach((offset, i) => {
      expect(text.slice(offset).startsWith(`${i + 1} 0 obj\n`)).toBe(true);
    });
    const length = Number(/\/Length (\d+) >>\nstream\n/.exec(text)?.[1]);
    expect(length).toBe(page.length);
  });
});

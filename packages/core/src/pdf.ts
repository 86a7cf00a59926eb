/**
 * A small PDF 1.4 writer with no dependency, shared by the invoices (@ef/api) and the seed's demo
 * documents (@ef/db): A4 pages, Helvetica as font `/F1` and Helvetica-Bold as `/F2`, text in
 * WinAnsi (French accents, €, –, —, ’, œ; other characters become "?"), a cross-reference table
 * with exact offsets. Pure byte-building: the caller writes each page's content stream.
 */

export const PDF_PAGE_WIDTH = 595;
export const PDF_PAGE_HEIGHT = 842;

const WIN_ANSI_EXTRA: Record<string, number> = {
  "€": 0x80,
  "‚": 0x82,
  "„": 0x84,
  "…": 0x85,
  Œ: 0x8c,
  "‘": 0x91,
  "’": 0x92,
  "“": 0x93,
  "”": 0x94,
  "•": 0x95,
  "–": 0x96,
  "—": 0x97,
  œ: 0x9c,
  Ÿ: 0x9f,
  "\u202f": 0xa0,
  "−": 0x2d,
};

/** The bytes of PDF syntax (operators, numbers, names), which is ASCII. */
export function pdfAscii(text: string): number[] {
  return Array.from(text, (ch) => (ch.codePointAt(0) ?? 0x3f) & 0xff);
}

/** A PDF string literal `( … )` in WinAnsi bytes, with `(`, `)` and `\` escaped. */
export function pdfString(text: string): number[] {
  const out: number[] = [0x28];
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0x3f;
    let byte = WIN_ANSI_EXTRA[ch];
    if (byte === undefined) byte = code < 0x80 || (code >= 0xa0 && code <= 0xff) ? code : 0x3f;
    if (byte === 0x28 || byte === 0x29 || byte === 0x5c) out.push(0x5c);
    out.push(byte);
  }
  out.push(0x29);
  return out;
}

/** The whole file, one A4 page per content stream (which may use fonts `/F1` and `/F2`). */
export function pdfDocument(pageContents: readonly (readonly number[])[]): Uint8Array {
  const objects: number[][] = [];
  // 1 catalog, 2 page tree, 3 regular font, 4 bold font, then per page: page, content.
  const pageIds = pageContents.map((_, i) => 5 + i * 2);
  objects.push(pdfAscii("<< /Type /Catalog /Pages 2 0 R >>"));
  objects.push(
    pdfAscii(
      `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(" ")}] /Count ${pageContents.length} >>`,
    ),
  );
  objects.push(
    pdfAscii("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"),
  );
  objects.push(
    pdfAscii(
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
    ),
  );
  pageContents.forEach((content, i) => {
    objects.push(
      pdfAscii(
        `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PDF_PAGE_WIDTH} ${PDF_PAGE_HEIGHT}] ` +
          `/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${6 + i * 2} 0 R >>`,
      ),
    );
    objects.push([
      ...pdfAscii(`<< /Length ${content.length} >>\nstream\n`),
      ...content,
      ...pdfAscii("\nendstream"),
    ]);
  });

  const bytes: number[] = [...pdfAscii("%PDF-1.4\n"), 0x25, 0xe2, 0xe3, 0xcf, 0xd3, 0x0a];
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(bytes.length);
    bytes.push(...pdfAscii(`${i + 1} 0 obj\n`), ...body, ...pdfAscii("\nendobj\n"));
  });
  const xrefAt = bytes.length;
  let xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) xref += `${String(offset).padStart(10, "0")} 00000 n \n`;
  xref += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  bytes.push(...pdfAscii(xref));
  return Uint8Array.from(bytes);
}

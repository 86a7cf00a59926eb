/**
 * A small, valid PDF 1.4 writer for the demo documents: A4 pages of Helvetica text, a bold title,
 * a cross-reference table with exact offsets. Text is encoded in WinAnsi (French accents, €, –, —,
 * ’, œ); other characters become "?".
 */

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
};

/** A PDF string literal `( … )` in WinAnsi bytes, with `(`, `)` and `\` escaped. */
function pdfString(text: string): number[] {
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

/** Cuts a line at spaces so that it holds in `width` characters. */
function wrap(line: string, width: number): string[] {
  if (line.length <= width) return [line];
  const out: string[] = [];
  let rest = line;
  while (rest.length > width) {
    let cut = rest.lastIndexOf(" ", width);
    if (cut <= 0) cut = width;
    out.push(rest.slice(0, cut));
    rest = `   ${rest.slice(cut).trimStart()}`;
  }
  out.push(rest);
  return out;
}

const PAGE_WIDTH = 595;
const PAGE_HEIGHT = 842;
const MARGIN = 56;
const BODY_SIZE = 10.5;
const LEADING = 15;
const LINES_PER_PAGE = 44;
const WRAP_AT = 95;

/** Builds a PDF of `title` (bold, on the first page) and `lines` (an empty string = a blank line). */
export function textPdf(title: string, lines: readonly string[]): Buffer {
  const bodyLines = lines.flatMap((l) => wrap(l, WRAP_AT));
  const pages: string[][] = [];
  const firstPageLines = LINES_PER_PAGE - 3;
  pages.push(bodyLines.slice(0, firstPageLines));
  for (let i = firstPageLines; i < bodyLines.length; i += LINES_PER_PAGE) {
    pages.push(bodyLines.slice(i, i + LINES_PER_PAGE));
  }

  const ascii = (s: string) => Array.from(Buffer.from(s, "latin1"));
  const objects: number[][] = [];
  // 1 catalog, 2 page tree, 3 regular font, 4 bold font, then per page: page, content.
  const pageIds = pages.map((_, i) => 5 + i * 2);
  objects.push(ascii("<< /Type /Catalog /Pages 2 0 R >>"));
  objects.push(
    ascii(
      `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(" ")}] /Count ${pages.length} >>`,
    ),
  );
  objects.push(
    ascii("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"),
  );
  objects.push(
    ascii("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"),
  );
  pages.forEach((pageLines, i) => {
    const content: number[] = [];
    let top = PAGE_HEIGHT - MARGIN;
    if (i === 0) {
      content.push(...ascii(`BT /F2 16 Tf ${MARGIN} ${top} Td `), ...pdfString(title));
      content.push(...ascii(" Tj ET\n"));
      top -= 3 * LEADING;
    }
    content.push(...ascii(`BT /F1 ${BODY_SIZE} Tf ${LEADING} TL ${MARGIN} ${top} Td\n`));
    for (const line of pageLines) content.push(...pdfString(line), ...ascii(" Tj T*\n"));
    content.push(...ascii(`ET\nBT /F1 8 Tf ${MARGIN} 30 Td `));
    content.push(...pdfString(`${title} — page ${i + 1}/${pages.length}`), ...ascii(" Tj ET\n"));
    objects.push(
      ascii(
        `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE_WIDTH} ${PAGE_HEIGHT}] ` +
          `/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${6 + i * 2} 0 R >>`,
      ),
    );
    objects.push([
      ...ascii(`<< /Length ${content.length} >>\nstream\n`),
      ...content,
      ...ascii("\nendstream"),
    ]);
  });

  const bytes: number[] = [...ascii("%PDF-1.4\n"), 0x25, 0xe2, 0xe3, 0xcf, 0xd3, 0x0a];
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(bytes.length);
    bytes.push(...ascii(`${i + 1} 0 obj\n`), ...body, ...ascii("\nendobj\n"));
  });
  const xrefAt = bytes.length;
  let xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) xref += `${String(offset).padStart(10, "0")} 00000 n \n`;
  xref += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  bytes.push(...ascii(xref));
  return Buffer.from(bytes);
}

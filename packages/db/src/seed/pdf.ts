/**
 * The demo documents as PDF (the writer of @ef/core, shared with the invoices): A4 pages of
 * Helvetica text under a bold title.
 */
import { PDF_PAGE_HEIGHT, pdfAscii, pdfDocument, pdfString } from "@ef/core";

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

  const contents = pages.map((pageLines, i) => {
    const content: number[] = [];
    let top = PDF_PAGE_HEIGHT - MARGIN;
    if (i === 0) {
      content.push(...pdfAscii(`BT /F2 16 Tf ${MARGIN} ${top} Td `), ...pdfString(title));
      content.push(...pdfAscii(" Tj ET\n"));
      top -= 3 * LEADING;
    }
    content.push(...pdfAscii(`BT /F1 ${BODY_SIZE} Tf ${LEADING} TL ${MARGIN} ${top} Td\n`));
    for (const line of pageLines) content.push(...pdfString(line), ...pdfAscii(" Tj T*\n"));
    content.push(...pdfAscii(`ET\nBT /F1 8 Tf ${MARGIN} 30 Td `));
    content.push(...pdfString(`${title} — page ${i + 1}/${pages.length}`), ...pdfAscii(" Tj ET\n"));
    return content;
  });
  return Buffer.from(pdfDocument(contents));
}

/**
 * The invoice as a PDF (the writer of @ef/core, shared with the seed's documents), with
 * positioned text so that amounts line up on the right.
 */
import { PDF_PAGE_HEIGHT, PDF_PAGE_WIDTH, pdfAscii, pdfDocument, pdfString } from "@ef/core";

// Helvetica's widths (1/1000 em) for ASCII 32–126, from its AFM; bold is close enough (+5 %).
const WIDTHS = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
  556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667,
  611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
  667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500,
  222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];

/** The width of `text` in points at `size`. */
export function textWidth(text: string, size: number, bold = false): number {
  let units = 0;
  for (const ch of text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === "€") units += 556;
    else if (ch === "—") units += 1000;
    else if (ch === "\u202f" || ch === "\u00a0") units += 278;
    else units += WIDTHS[code - 32] ?? 556;
  }
  return (units * size * (bold ? 1.05 : 1)) / 1000;
}

/** Cuts `text` so it holds in `width` points (with "…"). */
function fit(text: string, width: number, size: number): string {
  if (textWidth(text, size) <= width) return text;
  let t = text;
  while (t.length > 1 && textWidth(`${t}…`, size) > width) t = t.slice(0, -1);
  return `${t.trimEnd()}…`;
}

type TOp = { x: number; y: number; size: number; bold: boolean; text: string };

export type TInvoicePdf = {
  kind: "facture" | "avoir";
  number: string;
  issuedOn: string;
  dueOn: string;
  monthLabel: string;
  billedName: string;
  billedAddress: string;
  accountCode: string;
  qfLabel: string;
  resident: boolean;
  lines: readonly { label: string; amount: string }[];
  total: string;
  paid: string | null;
  remaining: string | null;
  status: string;
  refdet: string;
};

const M = 50;
const RIGHT = PDF_PAGE_WIDTH - M;

/** The invoice as PDF bytes. */
export function invoicePdf(doc: TInvoicePdf): Buffer {
  const pages: TOp[][] = [];
  let ops: TOp[] = [];
  let y = 0;
  const text = (x: number, t: string, size = 10, bold = false) =>
    ops.push({ x, y, size, bold, text: t });
  const right = (t: string, size = 10, bold = false) =>
    ops.push({ x: RIGHT - textWidth(t, size, bold), y, size, bold, text: t });
  const newPage = () => {
    ops = [];
    pages.push(ops);
    y = PDF_PAGE_HEIGHT - M;
  };

  newPage();
  // The town's header.
  text(M, "Ville d'Albertville", 16, true);
  right(doc.kind === "facture" ? "FACTURE" : "AVOIR", 16, true);
  y -= 16;
  text(M, "Guichet unique — Espace Famille", 10);
  right(`N° ${doc.number}`, 11, true);
  y -= 13;
  text(M, "Hôtel de ville, 12 cours de l'Hôtel de ville", 10);
  right(`Émise le ${doc.issuedOn}`, 10);
  y -= 13;
  text(M, "73200 Albertville", 10);
  if (doc.kind === "facture") right(`À payer avant le ${doc.dueOn}`, 10, true);
  y -= 36;
  // The household as billed.
  text(320, "Facturé à", 9, true);
  y -= 14;
  text(320, doc.billedName, 11, true);
  y -= 14;
  for (const part of doc.billedAddress.split(", ")) {
    text(320, fit(part, RIGHT - 320, 10), 10);
    y -= 13;
  }
  text(320, `Compte famille : ${doc.accountCode}`, 10);
  y -= 13;
  text(320, fit(`Tranche de QF : ${doc.qfLabel}`, RIGHT - 320, 10), 10);
  y -= 30;
  text(M, `Accueils périscolaires — ${doc.monthLabel}`, 13, true);
  y -= 22;
  text(M, "Désignation", 10, true);
  right("Montant", 10, true);
  y -= 6;
  const rule = y;
  y -= 14;
  for (const line of doc.lines) {
    if (y < M + 150) {
      newPage();
      text(M, `${doc.number} (suite)`, 10, true);
      y -= 24;
    }
    text(M, fit(line.label, RIGHT - M - 90, 10), 10);
    right(line.amount, 10);
    y -= 14;
  }
  y -= 6;
  text(300, doc.kind === "facture" ? "Total de la facture" : "Total de l'avoir", 11, true);
  right(doc.total, 11, true);
  y -= 16;
  if (doc.paid) {
    text(300, "Déjà réglé", 10);
    right(doc.paid, 10);
    y -= 14;
  }
  if (doc.remaining) {
    text(300, "Reste à payer", 11, true);
    right(doc.remaining, 11, true);
    y -= 14;
  }
  text(300, `État : ${doc.status}`, 10);
  y -= 30;
  if (doc.kind === "facture") {
    text(M, "Comment payer", 12, true);
    y -= 16;
    const how = [
      `En ligne : Espace Famille, rubrique « Paiements », bouton « Payer » (carte bancaire, PayFiP).`,
      `Référence de paiement : ${doc.refdet}.`,
      "Au guichet unique (Hôtel de ville, du lundi au vendredi, 08:30–12:00 et 13:30–17:00) :",
      "espèces, chèque à l'ordre du Trésor public, ou CESU — en rappelant le numéro de facture.",
    ];
    for (const h of how) {
      text(M, fit(h, RIGHT - M, 10), 10);
      y -= 13;
    }
  } else {
    text(
      M,
      fit(
        "Le montant de cet avoir est porté au crédit de votre compte famille : il sera déduit de vos prochains paiements.",
        RIGHT - M,
        10,
      ),
      10,
    );
  }

  const contents = pages.map((pageOps, i) => {
    const content: number[] = [];
    if (i === 0) content.push(...pdfAscii(`0.6 G 0.5 w ${M} ${rule} m ${RIGHT} ${rule} l S 0 G\n`));
    for (const op of pageOps) {
      content.push(
        ...pdfAscii(`BT /${op.bold ? "F2" : "F1"} ${op.size} Tf ${op.x.toFixed(2)} ${op.y} Td `),
        ...pdfString(op.text),
        ...pdfAscii(" Tj ET\n"),
      );
    }
    const foot = `${doc.number} — page ${i + 1}/${pages.length}`;
    content.push(
      ...pdfAscii(`BT /F1 8 Tf ${M} 30 Td `),
      ...pdfString(foot),
      ...pdfAscii(" Tj ET\n"),
    );
    return content;
  });
  return Buffer.from(pdfDocument(contents));
}

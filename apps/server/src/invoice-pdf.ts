import type { IncomingMessage, ServerResponse } from "node:http";
import { invoicePdfFor } from "@ef/api";
import { refuseFile, sessionOf, type TFileRouteDeps } from "./file-response";

/** `/factures/:id` or `/factures/:id/FA-2026-00001.pdf`. */
export const INVOICE_PDF_PATH = /^\/factures\/(\d+)(?:\/[A-Za-z0-9-]+\.pdf)?$/;

/**
 * `GET /factures/:invoiceId`: the invoice's PDF, for the household it belongs to and the staff of
 * the guichet unique. Anyone else (anonymous, another family, an unknown id) gets the same 404.
 */
export function createInvoicePdf(deps: TFileRouteDeps) {
  return function serveInvoicePdf(req: IncomingMessage, res: ServerResponse, idText: string) {
    const who = sessionOf(req, deps);
    const id = Number(idText);
    const file = who && Number.isSafeInteger(id) ? invoicePdfFor(deps.db, who.user, id) : null;
    if (!file) return refuseFile(res, 404, "Facture introuvable.");
    res.writeHead(200, {
      "Content-Type": "application/pdf",
      "Content-Length": String(file.bytes.length),
      "Content-Disposition": `inline; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      // A family's bill: never kept by a shared cache; its state (paid) changes.
      "Cache-Control": "private, no-store",
    });
    res.end(req.method === "HEAD" ? undefined : file.bytes);
  };
}

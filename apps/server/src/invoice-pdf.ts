import type { IncomingMessage, ServerResponse } from "node:http";
import { invoicePdfFor, readSession, type TClock } from "@ef/api";
import type { TDb } from "@ef/db";
import { readCookie } from "./cookies";

/** `/factures/:id` or `/factures/:id/FA-2026-00001.pdf`. */
export const INVOICE_PDF_PATH = /^\/factures\/(\d+)(?:\/[A-Za-z0-9-]+\.pdf)?$/;

/**
 * `GET /factures/:invoiceId`: the invoice's PDF, for the household it belongs to and the staff of
 * the guichet unique. Anyone else (anonymous, another family, an unknown id) gets the same 404.
 */
export function createInvoicePdf(deps: { db: TDb; clock: TClock; cookieName: string }) {
  return function serveInvoicePdf(req: IncomingMessage, res: ServerResponse, idText: string) {
    const token = readCookie(req, deps.cookieName);
    const who = token ? readSession(deps.db, token, deps.clock()) : null;
    const id = Number(idText);
    const file = who && Number.isSafeInteger(id) ? invoicePdfFor(deps.db, who.user, id) : null;
    if (!file) {
      res.writeHead(404, {
        "Content-Type": "text/plain; charset=utf-8",
        "Cache-Control": "no-store",
      });
      res.end("Facture introuvable.");
      return;
    }
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

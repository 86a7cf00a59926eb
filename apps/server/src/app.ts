import { createReadStream, existsSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { normalize, resolve, sep } from "node:path";
import {
  appRouter,
  createContextInner,
  handleNotification,
  type TClock,
  type TServices,
} from "@ef/api";
import { documents, type TDb } from "@ef/db";
import type { TPayfipSimulator } from "@ef/payfip";
import { and, eq } from "drizzle-orm";
import { createAbsenceFiles } from "./absence-files";
import type { TServerConfig } from "./config";
import { clearSessionCookie, readCookie, sessionCookieName, setSessionCookie } from "./cookies";
import { servedInTurn } from "./fair-queue";
import { createInvoicePdf, INVOICE_PDF_PATH } from "./invoice-pdf";
import type { TLog } from "./log";
import { createPieceFiles, isUploadCall, UPLOAD_BODY_BYTES } from "./private-files";
import { refuseCrossSite, setSecurityHeaders } from "./security";
import { createStaticApp } from "./static";
import { createTrpcHandler } from "./trpc-handler";

export type TAppDeps = {
  db: TDb;
  clock: TClock;
  config: TServerConfig;
  services: TServices;
  log: TLog;
  simulator?: TPayfipSimulator | null;
};

/** Where a request came from, for throttling. */
function clientIp(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const fwd = String(req.headers["x-forwarded-for"] ?? "")
      .split(",")[0]
      ?.trim();
    if (fwd) return fwd;
  }
  return req.socket.remoteAddress ?? "unknown";
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Cache-Control": "no-store",
  });
  res.end(JSON.stringify(body));
}

/** The HTTP host: API, public documents, health, and both built apps. */
export function createAppServer(deps: TAppDeps): Server {
  const { db, clock, config, services, log } = deps;
  const cookieName = sessionCookieName(config.production);
  const allowedOrigins = [new URL(config.publicUrl).origin];

  // Calls that carry a file (base64 in JSON) get a larger body limit than the rest.
  const makeTrpc = (maxBodySize: number) =>
    createTrpcHandler({
      router: appRouter,
      basePath: "/trpc/",
      maxBodySize,
      createContext: ({ req, res }) =>
        createContextInner({
          db,
          clock,
          services,
          config: {
            publicUrl: config.publicUrl,
            production: config.production,
            dataDir: config.dataDir,
          },
          sessionToken: readCookie(req, cookieName),
          ip: clientIp(req, config.trustProxy),
          cookies: {
            setSession: (token) => setSessionCookie(res, config.production, token),
            clearSession: () => clearSessionCookie(res, config.production),
          },
        }),
      onError: ({ error, path, type }) => {
        if (error.code === "INTERNAL_SERVER_ERROR") {
          log("error", "trpc.error", { path, type, code: error.code, error: error.cause ?? error });
        }
      },
    });
  const trpc = makeTrpc(1_000_000);
  const trpcUpload = makeTrpc(UPLOAD_BODY_BYTES);

  const parentApp = createStaticApp(config.parentDist, "/");
  const consoleApp = createStaticApp(config.consoleDist, "/console");
  const invoicePdf = createInvoicePdf({ db, clock, cookieName });
  const absenceFile = createAbsenceFiles({ db, clock, dataDir: config.dataDir, cookieName });
  const pieceFile = createPieceFiles({ db, clock, dataDir: config.dataDir, cookieName });

  function serveDocument(res: ServerResponse, idText: string): void {
    const id = Number(idText);
    const doc = Number.isInteger(id)
      ? db
          .select({
            filePath: documents.filePath,
            mimeType: documents.mimeType,
            fileName: documents.fileName,
          })
          .from(documents)
          .where(and(eq(documents.id, id), eq(documents.published, true)))
          .get()
      : undefined;
    const root = resolve(config.dataDir);
    const full = doc ? normalize(resolve(root, doc.filePath)) : "";
    if (!doc || !full.startsWith(root + sep) || !existsSync(full)) {
      res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" });
      res.end("Document introuvable.");
      return;
    }
    res.writeHead(200, {
      "Content-Type": doc.mimeType,
      "Content-Disposition": `inline; filename*=UTF-8''${encodeURIComponent(doc.fileName)}`,
      "Cache-Control": "public, max-age=300",
    });
    createReadStream(full).pipe(res);
  }

  /** PayFiP's notification: a form POST with `idOp`; only PayFiP's own answer is trusted. */
  function receiveNotification(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== "POST") {
      res.writeHead(405, { Allow: "POST" }).end();
      return;
    }
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      body += chunk;
      if (body.length > 10_000) req.destroy();
    });
    req.on("end", () => {
      const idOp =
        new URLSearchParams(body).get("idOp") ?? new URLSearchParams(body).get("idop") ?? "";
      const payfip = services.payfip;
      if (!/^[A-Za-z0-9-]{1,64}$/.test(idOp) || !payfip) {
        res.writeHead(400, { "Content-Type": "text/plain; charset=utf-8" }).end("idOp manquant");
        return;
      }
      handleNotification(db, payfip, idOp, clock, config.publicUrl)
        .then((outcome) => {
          if (outcome === "ignored") log("warn", "payfip.notification_unknown", {});
          res.writeHead(200, { "Content-Type": "text/plain; charset=utf-8" }).end("OK");
        })
        .catch((error) => {
          log("error", "payfip.notification_error", { error });
          res.writeHead(500).end();
        });
    });
  }

  // Served in order of arrival, one request per turn of the event loop: see fair-queue.ts.
  return createServer(
    servedInTurn((req, res, started) => {
      const url = new URL(req.url ?? "/", "http://localhost");
      const pathname = url.pathname;
      setSecurityHeaders(res, config.production);
      res.on("finish", () => {
        // The path only: query strings carry inputs, which are nobody's business in a log.
        if (pathname === "/healthz" || pathname.startsWith("/assets/")) return;
        log("info", "request", {
          method: req.method,
          path: pathname,
          status: res.statusCode,
          ms: Math.round((performance.now() - started) * 10) / 10,
        });
      });

      try {
        if (
          deps.simulator &&
          pathname.startsWith("/payfip-simulator") &&
          deps.simulator.handle(req, res, pathname)
        ) {
          return;
        }
        if (pathname === "/payfip/notification") {
          receiveNotification(req, res);
          return;
        }
        if (pathname.startsWith("/trpc/")) {
          res.setHeader("Cache-Control", "no-store");
          const refused = refuseCrossSite(req, allowedOrigins);
          if (refused) {
            sendJson(res, 403, {
              error: { message: refused, data: { code: "FORBIDDEN", appCode: "FORBIDDEN" } },
            });
            return;
          }
          (isUploadCall(pathname) ? trpcUpload : trpc)(req, res);
          return;
        }
        if (pathname === "/healthz") {
          let ok = true;
          try {
            db.$client.prepare("select 1").get();
          } catch {
            ok = false;
          }
          sendJson(res, ok ? 200 : 503, {
            status: ok ? "ok" : "indisponible",
            time: clock().toISOString(),
          });
          return;
        }
        if (req.method !== "GET" && req.method !== "HEAD") {
          res.writeHead(405, { "Content-Type": "text/plain; charset=utf-8", Allow: "GET, HEAD" });
          res.end("Méthode non autorisée.");
          return;
        }
        const piece = /^\/fichiers\/pieces\/(\d+)$/.exec(pathname);
        if (piece?.[1]) {
          pieceFile(req, res, piece[1]);
          return;
        }
        const certificate = /^\/fichiers\/absences\/(\d+)$/.exec(pathname);
        if (certificate?.[1]) {
          absenceFile(req, res, certificate[1]);
          return;
        }
        const invoice = INVOICE_PDF_PATH.exec(pathname);
        if (invoice?.[1]) {
          invoicePdf(req, res, invoice[1]);
          return;
        }
        const doc = /^\/documents\/(\d+)(?:\/[^/]*)?$/.exec(pathname);
        if (doc?.[1]) {
          serveDocument(res, doc[1]);
          return;
        }
        if (pathname === "/console" || pathname.startsWith("/console/")) {
          consoleApp(req, res, pathname);
          return;
        }
        parentApp(req, res, pathname);
      } catch (error) {
        log("error", "http.error", { path: pathname, error });
        if (!res.headersSent) sendJson(res, 500, { error: { message: "Erreur interne." } });
        else res.end();
      }
    }),
  );
}

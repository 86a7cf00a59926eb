import { existsSync, readFileSync, statSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, join, normalize, sep } from "node:path";
import { gzipSync } from "node:zlib";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".webmanifest": "application/manifest+json",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};
const COMPRESSIBLE = new Set([".html", ".js", ".css", ".json", ".svg", ".webmanifest", ".txt"]);

type TFile = {
  body: Buffer;
  gzip: Buffer | null;
  type: string;
  immutable: boolean;
  mtimeMs: number;
};

/**
 * Serves a built single-page app from `dir` under `prefix`: hashed assets cached for a year,
 * everything else answered with index.html (the router takes it from there). Files are read and
 * gzipped once, then kept in memory.
 */
export function createStaticApp(dir: string, prefix: string) {
  const cache = new Map<string, TFile | null>();

  function load(rel: string): TFile | null {
    const full = normalize(join(dir, rel));
    const cached = cache.get(rel);
    // Hashed assets never change; index.html is re-read after a rebuild.
    if (cached?.immutable) return cached;
    if (cached && existsSync(full) && statSync(full).mtimeMs === cached.mtimeMs) return cached;
    if (cached === null && rel.startsWith("assets/")) return null;
    let file: TFile | null = null;
    if (full.startsWith(dir + sep) && existsSync(full) && statSync(full).isFile()) {
      const ext = extname(full);
      const body = readFileSync(full);
      file = {
        body,
        gzip: COMPRESSIBLE.has(ext) && body.length > 512 ? gzipSync(body) : null,
        type: TYPES[ext] ?? "application/octet-stream",
        immutable: rel.startsWith("assets/"),
        mtimeMs: statSync(full).mtimeMs,
      };
    }
    cache.set(rel, file);
    return file;
  }

  return function serve(req: IncomingMessage, res: ServerResponse, pathname: string): void {
    let rel = decodeURIComponent(pathname.slice(prefix.length)).replace(/^\/+/, "");
    let file = rel ? load(rel) : null;
    if (!file) {
      // Unknown asset: a real 404, not the app's page.
      if (rel.startsWith("assets/") || /\.[a-z0-9]+$/i.test(rel)) {
        res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" });
        res.end("Fichier introuvable.");
        return;
      }
      rel = "index.html";
      file = load(rel);
    }
    if (!file) {
      res.writeHead(503, { "Content-Type": "text/plain; charset=utf-8" });
      res.end("L'application n'est pas encore construite : lancez « pnpm build ».");
      return;
    }
    const gzip = file.gzip && /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
    res.setHeader("Content-Type", file.type);
    res.setHeader(
      "Cache-Control",
      file.immutable ? "public, max-age=31536000, immutable" : "no-cache",
    );
    res.setHeader("Vary", "Accept-Encoding");
    if (gzip) res.setHeader("Content-Encoding", "gzip");
    const body = gzip && file.gzip ? file.gzip : file.body;
    res.setHeader("Content-Length", body.length);
    res.writeHead(200);
    res.end(req.method === "HEAD" ? undefined : body);
  };
}

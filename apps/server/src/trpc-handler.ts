/**
 * tRPC over node:http without the fetch-API round trip. tRPC's standalone adapter turns every
 * request into a `Request` and every answer into a `Response` (web streams, abort signals, header
 * objects): on this server that cost more than most procedures themselves. Here the plain calls —
 * GET queries and JSON POST mutations, single or batched (`httpBatchLink`) — go straight to the
 * procedures, with tRPC's own error shapes and status codes; anything else (HEAD, streaming
 * batches, other content types, bodies without a length, unknown procedures, wrong methods) is
 * left to the standard adapter, unchanged.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AnyTRPCRouter } from "@trpc/server";
import { type CreateHTTPHandlerOptions, createHTTPHandler } from "@trpc/server/adapters/standalone";
import {
  type AnyProcedure,
  defaultTransformer,
  getErrorShape,
  getHTTPStatusCode,
  getTRPCErrorFromUnknown,
  middlewareMarker,
  TRPCError,
  transformTRPCResponse,
} from "@trpc/server/unstable-core-do-not-import";

type TCall = { path: string; procedure: AnyProcedure; index: number };

/** No procedure here streams or is cancelled: one signal that never fires serves every call. */
const neverAborted = new AbortController().signal;

type TCallOptions = {
  path: string;
  getRawInput: () => Promise<unknown>;
  ctx: unknown;
  type: "query" | "mutation";
  signal: undefined;
  batchIndex: number;
  input?: unknown;
};
type TNextOptions = { ctx?: object; input?: unknown; getRawInput?: () => Promise<unknown> };
type TStepResult =
  | { ok: true; data: unknown; ctx?: unknown; marker: unknown }
  | { ok: false; error: TRPCError; marker: unknown };
type TMiddleware = (
  opts: TCallOptions & { meta: unknown; next: (o?: TNextOptions) => Promise<TStepResult> },
) => Promise<TStepResult>;

/**
 * A procedure called as tRPC calls it (its middlewares in turn, each `next()` merging the context
 * and the input it is given), with the language's own object spreads: tRPC's compiled helper for
 * them cost ~0.1 ms a request here.
 */
async function callProcedure(procedure: AnyProcedure, opts: TCallOptions): Promise<unknown> {
  const def = procedure._def as unknown as { middlewares: TMiddleware[]; meta: unknown };
  const result = await step(def.middlewares, def.meta, 0, opts);
  if (!result) {
    throw new TRPCError({
      code: "INTERNAL_SERVER_ERROR",
      message: "No result from middlewares - did you forget to `return next()`?",
    });
  }
  if (!result.ok) throw result.error;
  return result.data;
}

async function step(
  middlewares: TMiddleware[],
  meta: unknown,
  index: number,
  opts: TCallOptions,
): Promise<TStepResult> {
  try {
    const middleware = middlewares[index];
    if (!middleware) throw new TRPCError({ code: "INTERNAL_SERVER_ERROR" });
    return await middleware({
      ...opts,
      meta,
      input: opts.input,
      next: (next) =>
        step(middlewares, meta, index + 1, {
          ...opts,
          ctx: next?.ctx ? { ...(opts.ctx as object), ...next.ctx } : opts.ctx,
          input: next && "input" in next ? next.input : opts.input,
          getRawInput: next?.getRawInput ?? opts.getRawInput,
        }),
    });
  } catch (cause) {
    return { ok: false, error: getTRPCErrorFromUnknown(cause), marker: middlewareMarker };
  }
}

/** Reads a JSON body of at most `limit` bytes. */
function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        fail(new TRPCError({ code: "PAYLOAD_TOO_LARGE", message: "Request body too large" }));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => ok(Buffer.concat(chunks).toString("utf8")));
    req.on("error", fail);
  });
}

export function createTrpcHandler<TRouter extends AnyTRPCRouter>(
  opts: CreateHTTPHandlerOptions<TRouter>,
): (req: IncomingMessage, res: ServerResponse) => void {
  const standard = createHTTPHandler(opts);
  const router = opts.router;
  const config = router._def._config;
  const procedures = router._def.procedures as Record<string, AnyProcedure | undefined>;
  const basePath = opts.basePath ?? "/";
  const maxBodySize = opts.maxBodySize ?? Number.POSITIVE_INFINITY;
  // tRPC's default transformer leaves answers as they are: its copy of each one is skipped.
  const plain = config.transformer === defaultTransformer;

  async function handle(
    req: IncomingMessage,
    res: ServerResponse,
    calls: TCall[],
    isBatch: boolean,
    rawInput: () => Promise<string | null>,
  ): Promise<void> {
    const type = calls[0]?.procedure._def.type as "query" | "mutation";
    // Inputs are parsed once, when the first procedure asks (as tRPC does).
    let parsed: Promise<Record<number, unknown>> | null = null;
    const inputs = () => {
      parsed ??= rawInput().then((text) => {
        const value: unknown = text ? JSON.parse(text) : undefined;
        const out: Record<number, unknown> = {};
        if (value === undefined) return out;
        if (!isBatch) {
          out[0] = config.transformer.input.deserialize(value);
          return out;
        }
        if (typeof value !== "object" || value === null || Array.isArray(value)) {
          throw new TRPCError({
            code: "BAD_REQUEST",
            message: '"input" needs to be an object when doing a batch call',
          });
        }
        for (const call of calls) {
          const v = (value as Record<number, unknown>)[call.index];
          if (v !== undefined) out[call.index] = config.transformer.input.deserialize(v);
        }
        return out;
      });
      // As tRPC: an input that cannot be read is the caller's mistake.
      parsed = parsed.catch((cause: unknown) => {
        if (cause instanceof TRPCError) throw cause;
        throw new TRPCError({
          code: "BAD_REQUEST",
          message: cause instanceof Error ? cause.message : "Invalid input",
          cause,
        });
      });
      return parsed;
    };
    const inputOf = async (index: number) => {
      try {
        return (await inputs())[index];
      } catch {
        return undefined;
      }
    };
    let ctx: unknown;
    let ctxError: TRPCError | null = null;
    try {
      ctx = await opts.createContext?.({
        req,
        res,
        info: {
          isBatchCall: isBatch,
          calls: calls.map((c) => ({
            path: c.path,
            procedure: c.procedure,
            getRawInput: async () => (await inputs())[c.index],
            result: () => undefined,
            batchIndex: c.index,
          })),
          type,
          connectionParams: null,
          signal: neverAborted,
          url: null,
          accept: null,
        },
      } as Parameters<NonNullable<typeof opts.createContext>>[0]);
    } catch (cause) {
      ctxError = getTRPCErrorFromUnknown(cause);
    }
    const results = await Promise.all(
      calls.map(async (call) => {
        try {
          if (ctxError) throw ctxError;
          const data = await callProcedure(call.procedure, {
            path: call.path,
            getRawInput: async () => (await inputs())[call.index],
            ctx,
            type,
            signal: undefined,
            batchIndex: call.index,
          });
          return { result: { data } };
        } catch (cause) {
          const error = getTRPCErrorFromUnknown(cause);
          const input = await inputOf(call.index);
          opts.onError?.({ error, path: call.path, input, ctx, type, req } as Parameters<
            NonNullable<typeof opts.onError>
          >[0]);
          return { error: getErrorShape({ config, ctx, error, input, path: call.path, type }) };
        }
      }),
    );
    const json = isBatch ? results : results[0];
    if (res.headersSent || res.writableEnded) return;
    res.statusCode = getHTTPStatusCode(json as Parameters<typeof getHTTPStatusCode>[0]);
    res.setHeader("Vary", "trpc-accept, accept");
    res.setHeader("Content-Type", "application/json");
    res.end(JSON.stringify(plain ? json : transformTRPCResponse(config, json as never)));
  }

  return (req, res) => {
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const pathname = q < 0 ? url : url.slice(0, q);
    const method = req.method;
    const length = Number(req.headers["content-length"]);
    const json = String(req.headers["content-type"] ?? "").startsWith("application/json");
    if (
      !pathname.startsWith(basePath) ||
      req.headers["trpc-accept"] !== undefined ||
      !(
        method === "GET" ||
        (method === "POST" && json && Number.isInteger(length) && length <= maxBodySize)
      )
    ) {
      standard(req, res);
      return;
    }
    const search = new URLSearchParams(q < 0 ? "" : url.slice(q + 1));
    const isBatch = search.get("batch") === "1";
    let path: string;
    try {
      path = decodeURIComponent(pathname.slice(basePath.length));
    } catch {
      standard(req, res);
      return;
    }
    const paths = isBatch ? path.split(",") : [path];
    const calls: TCall[] = [];
    const wanted = method === "GET" ? "query" : "mutation";
    for (const [index, p] of paths.entries()) {
      const procedure = procedures[p];
      // Unknown paths, wrong methods and subscriptions: tRPC's own answer.
      if (!procedure || procedure._def.type !== wanted) {
        standard(req, res);
        return;
      }
      calls.push({ path: p, procedure, index });
    }
    const rawInput =
      method === "GET"
        ? () => Promise.resolve(search.get("input"))
        : (() => {
            const body = readBody(req, maxBodySize);
            body.catch(() => {});
            return () => body;
          })();
    handle(req, res, calls, isBatch, rawInput).catch(() => {
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "application/json" });
      res.end();
    });
  };
}

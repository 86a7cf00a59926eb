import { Worker } from "node:worker_threads";
import { post as postOnThisThread } from "./post-http.mjs";

/** What a POST answered: its status and its body as text. */
export type TPostAnswer = { status: number; text: string };

/** Sends one POST and reads the whole answer; throws on transport trouble or timeout. */
export type TPost = (
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
) => Promise<TPostAnswer>;

/**
 * A POST over node:http(s) with kept-alive connections, on the calling thread (post-http.mjs):
 * far lighter than `fetch` per call; a kept connection the other side closed meanwhile is tried
 * again once on a new one.
 */
export const post: TPost = postOnThisThread;

type TReply =
  | { id: number; answer: TPostAnswer }
  | { id: number; error: { message: string; code: string | null } };

let thread: Worker | null = null;
let lastId = 0;
const waiting = new Map<number, { ok: (a: TPostAnswer) => void; fail: (e: Error) => void }>();

function failAll(cause: Error): void {
  for (const w of waiting.values()) w.fail(cause);
  waiting.clear();
}

function postThread(): Worker {
  if (thread) return thread;
  const started = new Worker(new URL("./post-thread.mjs", import.meta.url));
  started.on("message", (reply: TReply) => {
    const w = waiting.get(reply.id);
    if (!w) return;
    waiting.delete(reply.id);
    if (waiting.size === 0) started.unref();
    if ("answer" in reply) w.ok(reply.answer);
    else w.fail(Object.assign(new Error(reply.error.message), { code: reply.error.code }));
  });
  // A thread that stops (it should not) fails what it held; the next POST starts another.
  const lost = (cause: Error) => {
    if (thread === started) thread = null;
    failAll(cause);
  };
  started.on("error", lost);
  started.on("exit", (code) => lost(new Error(`fil des appels HTTP arrêté (code ${code})`)));
  thread = started;
  return started;
}

/**
 * The same POST, sent by a worker thread: the request's building, the socket's reads and writes
 * and the answer's assembly run beside the event loop instead of on it. The server's PayFiP calls
 * go this way — at the opening of the summer places, « Payer » and the notification each wait for
 * PayFiP, and on the event loop those exchanges cost the other families about 2 ms of turn per
 * payment (`pnpm bench:rush`). The thread starts with the first call and keeps the process alive
 * only while a call is waiting for its answer.
 */
export const postInThread: TPost = (url, body, headers, timeoutMs) =>
  new Promise<TPostAnswer>((ok, fail) => {
    const worker = postThread();
    lastId += 1;
    if (waiting.size === 0) worker.ref();
    waiting.set(lastId, { ok, fail });
    worker.postMessage({ id: lastId, url, body, headers, timeoutMs });
  });

/**
 * The thread that sends PayFiP's POSTs (see `postInThread` in post.ts). Plain JavaScript: a
 * worker thread starts from a file node runs as it is, under the server, the tests and the bench.
 * Each message is one POST; the answer (or the failure, as words and a code) goes back with the
 * message's id.
 */
import { parentPort } from "node:worker_threads";
import { post } from "./post-http.mjs";

const port = parentPort;
if (!port) throw new Error("post-thread.mjs runs as a worker thread only");

port.on(
  "message",
  /** @param {{ id: number; url: string; body: string; headers: Record<string, string>; timeoutMs: number }} m */
  (m) => {
    post(m.url, m.body, m.headers, m.timeoutMs).then(
      (answer) => port.postMessage({ id: m.id, answer }),
      (error) =>
        port.postMessage({
          id: m.id,
          error: {
            message: error instanceof Error ? error.message : String(error),
            code: /** @type {{ code?: unknown }} */ (error)?.code ?? null,
          },
        }),
    );
  },
);

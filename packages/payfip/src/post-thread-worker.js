// The thread behind ./post-thread.ts: it sends the POSTs it is given and answers with what came
// back. Plain JavaScript: loaded as it is, wherever the server runs from.
import { parentPort } from "node:worker_threads";
import { httpPost } from "./http-post.js";

parentPort?.on(
  "message",
  /** @param {{ id: number; url: string; body: string; headers: Record<string, string>; timeoutMs: number }} call */
  async (call) => {
    try {
      const answer = await httpPost(call.url, call.body, call.headers, call.timeoutMs);
      parentPort?.postMessage({ id: call.id, ok: true, status: answer.status, text: answer.text });
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      parentPort?.postMessage({ id: call.id, ok: false, name: e.name, message: e.message });
    }
  },
);

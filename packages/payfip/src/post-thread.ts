/**
 * PayFiP's calls sent from a thread of their own. A payment asks PayFiP twice (creating it, then
 * what became of it), and the HTTP client's work — the connection, the request, reading the answer —
 * ran on the server's one JavaScript thread, beside every parent's request: at the opening of the
 * summer places, a tenth of that thread's time (`pnpm bench:rush`, 300 families paying: 9–10 ms of
 * the main thread per paid family, 8–9 ms with this thread). Here the main thread only hands the
 * SOAP text over and gets the answer back; the thread works on the machine's other core. With
 * PayFiP's real service, over HTTPS, the encryption goes there too.
 *
 * If the thread stops (it should not), the calls under way fail as a network failure would, and the
 * next ones are sent from the main thread, as before.
 */
import { Worker } from "node:worker_threads";
import { post, type TPost, type TPostAnswer } from "./post";

export type TThreadPost = TPost & {
  /** Waits for the calls under way, then ends the thread; later calls use the main thread. */
  close(): Promise<void>;
};

type TAnswer = { id: number } & (
  | { ok: true; status: number; text: string }
  | { ok: false; name: string; message: string }
);

export function postInThread(): TThreadPost {
  let worker: Worker | null = new Worker(new URL("./post-thread-worker.js", import.meta.url));
  // An idle thread does not keep the process alive; one with calls under way does.
  worker.unref();
  let nextId = 0;
  const waiting = new Map<
    number,
    { resolve: (answer: TPostAnswer) => void; reject: (error: Error) => void }
  >();
  let drained: (() => void) | null = null;
  /** Cleared by close(): calls from then on are sent from the main thread. */
  let open = true;

  const settle = (id: number) => {
    const call = waiting.get(id);
    waiting.delete(id);
    if (waiting.size === 0) {
      worker?.unref();
      drained?.();
    }
    return call;
  };
  /** The thread is gone: what it was sending failed as a network failure would. */
  const lost = (why: string) => {
    if (!worker) return;
    worker = null;
    for (const id of [...waiting.keys()]) settle(id)?.reject(new Error(why));
  };
  worker.on("message", (answer: TAnswer) => {
    const call = settle(answer.id);
    if (!call) return;
    if (answer.ok) call.resolve({ status: answer.status, text: answer.text });
    else call.reject(Object.assign(new Error(answer.message), { name: answer.name }));
  });
  worker.on("error", (error) => lost(`le fil des appels PayFiP s'est arrêté : ${error.message}`));
  worker.on("exit", () => lost("le fil des appels PayFiP s'est arrêté"));

  const send: TPost = (url, body, headers, timeoutMs) => {
    const thread = worker;
    if (!thread || !open) return post(url, body, headers, timeoutMs);
    return new Promise<TPostAnswer>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      thread.ref();
      thread.postMessage({ id, url, body, headers, timeoutMs });
    });
  };
  return Object.assign(send, {
    async close() {
      const thread = worker;
      open = false;
      if (!thread) return;
      if (waiting.size > 0) await new Promise<void>((resolve) => (drained = resolve));
      drained = null;
      worker = null;
      await thread.terminate();
    },
  });
}

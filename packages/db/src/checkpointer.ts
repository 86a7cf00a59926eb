/**
 * WAL checkpoints off the event loop. SQLite copies the WAL back into the database file every
 * 1,000 pages, inside the commit that crosses the mark, with two `fsync`s: the request that
 * happened to commit then (and every request queued behind it) waited for the disk. Here the
 * server's connection never checkpoints; a thread with its own connection does, a few times a
 * second, without waiting for readers or writers (`PASSIVE`). If that thread ever stops, the
 * server's connection checkpoints itself again, as SQLite does by default.
 */
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type { TDb } from "./client";

/** SQLite's own default, restored if the thread is gone. */
const AUTO_CHECKPOINT_PAGES = 1000;

/** How often the thread copies the WAL into the database file. */
const EVERY_MS = 250;

// Plain JavaScript, evaluated in the thread: nothing to compile, wherever the server runs from.
const source = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma("busy_timeout = 1000");
const checkpoint = () => {
  try {
    const [row] = db.pragma("wal_checkpoint(PASSIVE)");
    parentPort.postMessage({ kind: "checkpoint", ...row });
  } catch (error) {
    parentPort.postMessage({ kind: "error", message: String(error) });
  }
};
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.on("message", (message) => {
  if (message !== "stop") return;
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

export type TCheckpoint = { busy: number; log: number; checkpointed: number };

export type TCheckpointer = {
  /** Last checkpoint, then the thread ends (before the server closes its connection). */
  stop(): Promise<void>;
};

/**
 * Moves `db`'s checkpoints to a thread. A database in memory or not in WAL mode is left as it is.
 * `onCheckpoint` hears each pass (tests, diagnostics).
 */
export function checkpointInBackground(
  db: TDb,
  onCheckpoint?: (pass: TCheckpoint) => void,
): TCheckpointer {
  const file = db.$client.name;
  const wal = db.$client.pragma("journal_mode", { simple: true }) === "wal";
  if (db.$client.memory || !wal) return { stop: async () => {} };
  const worker = new Worker(source, {
    eval: true,
    workerData: {
      driver: createRequire(import.meta.url).resolve("better-sqlite3"),
      file,
      everyMs: EVERY_MS,
    },
  });
  db.$client.pragma("wal_autocheckpoint = 0");
  /** The server's connection checkpoints itself again. */
  const restore = () => {
    if (db.$client.open) db.$client.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
  };
  let running = true;
  const fallBack = () => {
    if (!running) return;
    running = false;
    restore();
  };
  worker.on("message", (message: { kind: string } & TCheckpoint) => {
    if (message.kind === "checkpoint") onCheckpoint?.(message);
    else {
      // The thread cannot checkpoint: the server's connection does it again itself.
      fallBack();
      void worker.terminate();
    }
  });
  worker.on("error", fallBack);
  const exited = new Promise<void>((resolve) => {
    worker.on("exit", () => {
      fallBack();
      resolve();
    });
  });
  worker.unref();
  return {
    async stop() {
      if (!running) return exited;
      running = false;
      worker.postMessage("stop");
      const timeout = setTimeout(() => void worker.terminate(), 5000);
      await exited;
      clearTimeout(timeout);
      restore();
    },
  };
}

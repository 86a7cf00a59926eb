/**
 * Structured logs: one JSON object a line on stdout. Keys that could carry a secret or a health
 * note are never written, whatever the caller passes.
 */
const SECRET_KEY = /pass|token|jeton|cookie|authorization|secret|health|allerg|pai\b/i;

export type TLog = (
  level: "info" | "warn" | "error",
  msg: string,
  data?: Record<string, unknown>,
) => void;

function scrub(value: unknown, depth = 0): unknown {
  if (depth > 4 || value === null || typeof value !== "object") return value;
  if (value instanceof Error) return { name: value.name, message: value.message };
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = SECRET_KEY.test(k) ? "[masqué]" : scrub(v, depth + 1);
  }
  return out;
}

/** How long a line may wait to be written with the next ones. */
export const LOG_BATCH_MS = 50;
const LOG_BATCH_LINES = 256;

/**
 * stdout, a batch of lines at a time: one write every {@link LOG_BATCH_MS} at most instead of one
 * per request (each write is a system call, and wakes whoever reads the log). A warning or an
 * error goes out at once, with the lines before it; whatever waits is written as the process exits.
 */
function batchedStdout(): (line: string, urgent: boolean) => void {
  let pending: string[] = [];
  let timer: NodeJS.Timeout | null = null;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (pending.length === 0) return;
    const text = pending.join("");
    pending = [];
    process.stdout.write(text);
  };
  process.on("exit", flush);
  return (line, urgent) => {
    pending.push(line);
    if (urgent || pending.length >= LOG_BATCH_LINES) flush();
    else if (!timer) {
      timer = setTimeout(flush, LOG_BATCH_MS);
      timer.unref();
    }
  };
}

/** One batch for the whole process, whoever logs. */
let stdout: ((line: string, urgent: boolean) => void) | null = null;

function sharedStdout() {
  stdout ??= batchedStdout();
  return stdout;
}

export function createLog(write: (line: string, urgent: boolean) => void = sharedStdout()): TLog {
  return (level, msg, data) => {
    const entry = { t: new Date().toISOString(), level, msg, ...(scrub(data ?? {}) as object) };
    write(`${JSON.stringify(entry)}\n`, level !== "info");
  };
}

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

export function createLog(write: (line: string) => void = (l) => process.stdout.write(l)): TLog {
  return (level, msg, data) => {
    const entry = { t: new Date().toISOString(), level, msg, ...(scrub(data ?? {}) as object) };
    write(`${JSON.stringify(entry)}\n`);
  };
}

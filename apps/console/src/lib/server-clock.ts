/**
 * The server's clock as seen from this desk. Session expiry instants come from the server, whose
 * clock may differ from the desk computer's (a clock set wrong, or a demo server started at a
 * chosen instant with `APP_NOW`).
 *
 * The server's `/healthz` answer carries its clock's time to the millisecond: one call calibrates.
 * Until then (or if it fails), each API answer's `Date` header gives an estimate to the second;
 * differences under two seconds are noise and ignored.
 */
let offsetMs = 0;
let calibrated = false;
let calibrating: Promise<void> | null = null;

export function noteServerDate(header: string | null, sentAt: number, receivedAt: number) {
  if (calibrated || !header) return;
  const serverAt = Date.parse(header);
  if (Number.isNaN(serverAt)) return;
  // The header is truncated to the second: its middle is the best guess.
  const offset = serverAt + 500 - (sentAt + receivedAt) / 2;
  offsetMs = Math.abs(offset) < 2_000 ? 0 : offset;
}

/** Asks the server for its time once; later calls share the first. */
export function calibrateServerClock(): Promise<void> {
  calibrating ??= (async () => {
    try {
      const sentAt = Date.now();
      const response = await fetch("/healthz", { cache: "no-store", credentials: "omit" });
      const receivedAt = Date.now();
      const body: unknown = await response.json();
      const time =
        body && typeof body === "object" && "time" in body && typeof body.time === "string"
          ? Date.parse(body.time)
          : Number.NaN;
      if (Number.isNaN(time)) return;
      offsetMs = time - (sentAt + receivedAt) / 2;
      calibrated = true;
    } catch {
      // The Date headers will do.
    }
  })();
  return calibrating;
}

/** Now, on the server's clock (milliseconds since the epoch). */
export function serverNow(): number {
  return Date.now() + offsetMs;
}

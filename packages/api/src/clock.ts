/** The server's clock: every rule reads the time from here, never from `Date.now()`. */
export type TClock = () => Date;

/**
 * `APP_NOW` (demo and tests only) starts the clock at that instant and lets it run on, so that
 * deadlines and holds are reproducible. Refused in production.
 */
export function createClock(appNow: string | undefined, production: boolean): TClock {
  if (!appNow) return () => new Date();
  if (production) throw new Error("APP_NOW est refusé en production.");
  const start = Date.parse(appNow);
  if (Number.isNaN(start)) throw new Error(`APP_NOW invalide : ${appNow}`);
  const realStart = Date.now();
  return () => new Date(start + (Date.now() - realStart));
}

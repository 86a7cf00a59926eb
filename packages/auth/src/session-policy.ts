const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** Parents: 30 days, sliding (renewed when less than 15 days are left). */
export const PARENT_SESSION_MS = 30 * DAY;
export const PARENT_RENEW_BELOW_MS = 15 * DAY;
/** Staff: 30 minutes of inactivity, warned 5 minutes before; never more than 12 hours. */
export const STAFF_IDLE_MS = 30 * MINUTE;
export const STAFF_WARNING_MS = 5 * MINUTE;
export const STAFF_MAX_MS = 12 * 60 * MINUTE;
/** Staff activity is written at most once a minute: a read per request, a write now and then. */
const STAFF_TOUCH_EVERY_MS = MINUTE;

export type TSessionKind = "parent" | "staff";

export type TSessionTimes = { createdAt: Date; lastSeenAt: Date; expiresAt: Date };

/** A new session's times. */
export function newSessionTimes(kind: TSessionKind, now: Date): TSessionTimes {
  const ttl = kind === "parent" ? PARENT_SESSION_MS : STAFF_IDLE_MS;
  return { createdAt: now, lastSeenAt: now, expiresAt: new Date(now.getTime() + ttl) };
}

export type TSessionDecision =
  | { valid: false }
  | { valid: true; renewed: TSessionTimes | null; times: TSessionTimes };

/**
 * Decides whether a stored session is still valid at `now`, and whether to slide it.
 * `activity` false (a keep-alive poll that must not count as activity) never renews staff.
 */
export function checkSession(
  kind: TSessionKind,
  times: TSessionTimes,
  now: Date,
  activity = true,
): TSessionDecision {
  const t = now.getTime();
  if (t >= times.expiresAt.getTime()) return { valid: false };
  if (kind === "parent") {
    if (times.expiresAt.getTime() - t < PARENT_RENEW_BELOW_MS) {
      const renewed = { ...times, lastSeenAt: now, expiresAt: new Date(t + PARENT_SESSION_MS) };
      return { valid: true, renewed, times: renewed };
    }
    return { valid: true, renewed: null, times };
  }
  if (t - times.createdAt.getTime() >= STAFF_MAX_MS) return { valid: false };
  if (activity && t - times.lastSeenAt.getTime() >= STAFF_TOUCH_EVERY_MS) {
    const cap = times.createdAt.getTime() + STAFF_MAX_MS;
    const renewed = {
      ...times,
      lastSeenAt: now,
      expiresAt: new Date(Math.min(t + STAFF_IDLE_MS, cap)),
    };
    return { valid: true, renewed, times: renewed };
  }
  return { valid: true, renewed: null, times };
}

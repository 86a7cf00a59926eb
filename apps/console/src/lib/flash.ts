/**
 * A one-time confirmation to show on the next page (e.g. after a password change that ends on the
 * home page). Read without side effect, cleared once shown.
 */
let pending: string | null = null;

export function setFlash(message: string) {
  pending = message;
}

export function peekFlash(): string | null {
  return pending;
}

export function clearFlash() {
  pending = null;
}

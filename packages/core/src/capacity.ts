/**
 * Capacity: booked + held ≤ places, always. `null` places: unlimited.
 * Returns how many places are left (never negative).
 */
export function placesLeft(places: number | null, booked: number, held: number): number {
  if (places === null) return Number.POSITIVE_INFINITY;
  return Math.max(0, places - booked - held);
}

/** Whether one more place may be taken. */
export function hasRoom(places: number | null, booked: number, held: number): boolean {
  return placesLeft(places, booked, held) >= 1;
}

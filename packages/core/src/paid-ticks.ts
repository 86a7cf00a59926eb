/**
 * The ticks of "Inscriptions en paiement" (parents' page and the desk alike): what differs from
 * the panier, by item. An EMS child joins one group per activity, so ticking a group unticks the
 * child's other groups of that activity.
 */
export type TPaidTickItem = { groupId: number | null; sessionId: number | null };

/** One key per child, activity and group or session. */
export const paidItemKey = (childId: number, activityId: number, item: TPaidTickItem) =>
  `${childId}:${activityId}:${item.groupId ?? 0}:${item.sessionId ?? 0}`;

/**
 * The ticks after `item` is ticked (`want`) or unticked for `childId`: a tick equal to what the
 * panier already holds is no change, and is dropped.
 */
export function tickPaidItem(
  ticks: ReadonlyMap<string, boolean>,
  inPanier: { has(key: string): boolean },
  childId: number,
  activity: { activityId: number; items: readonly TPaidTickItem[] },
  item: TPaidTickItem,
  want: boolean,
): Map<string, boolean> {
  const next = new Map(ticks);
  const set = (key: string, value: boolean) => {
    if (value === inPanier.has(key)) next.delete(key);
    else next.set(key, value);
  };
  set(paidItemKey(childId, activity.activityId, item), want);
  if (want && item.groupId !== null) {
    for (const other of activity.items) {
      if (other.groupId !== null && other.groupId !== item.groupId) {
        set(paidItemKey(childId, activity.activityId, other), false);
      }
    }
  }
  return next;
}

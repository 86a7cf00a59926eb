import { formatDayFr } from "@ef/core";
import { activities, children, type TDb } from "@ef/db";
import { inArray } from "drizzle-orm";
import type { TOverridden } from "../../booking/basket-service";

/** The overridden days in words, for the audit log (ids kept beside the words). */
export function describeOverridden(db: TDb, rows: TOverridden[]) {
  const kids = new Map(
    db
      .select({ id: children.id, firstName: children.firstName })
      .from(children)
      .where(inArray(children.id, [...new Set(rows.map((r) => r.childId))]))
      .all()
      .map((c) => [c.id, c.firstName]),
  );
  const acts = new Map(
    db
      .select({ id: activities.id, name: activities.name })
      .from(activities)
      .where(inArray(activities.id, [...new Set(rows.map((r) => r.activityId))]))
      .all()
      .map((a) => [a.id, a.name]),
  );
  return rows.map((r) => {
    const passed = [r.deadline ? "date limite passée" : null, r.full ? "complet" : null]
      .filter(Boolean)
      .join(", ");
    return {
      ...r,
      label: `${r.action === "add" ? "Réservé" : "Annulé"} — ${kids.get(r.childId) ?? "?"} — ${acts.get(r.activityId) ?? "?"} — ${formatDayFr(r.date)} (${passed})`,
    };
  });
}

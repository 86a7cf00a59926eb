import { auditLog, type TDb } from "@ef/db";

/** Writes one line of the audit log, in the caller's transaction. */
export function audit(
  db: TDb,
  now: Date,
  entry: {
    actorUserId: number | null;
    householdId?: number | null;
    action: string;
    entity: string;
    entityId?: string | number | null;
    before?: unknown;
    after?: unknown;
  },
): void {
  db.insert(auditLog)
    .values({
      at: now.toISOString(),
      actorUserId: entry.actorUserId,
      householdId: entry.householdId ?? null,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId == null ? null : String(entry.entityId),
      before: entry.before ?? null,
      after: entry.after ?? null,
    })
    .run();
}

import { auditLog, households, users } from "@ef/db";
import { and, desc, eq, lt } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { z } from "zod";
import { appError } from "../../errors";
import { adminProcedure } from "../../trpc";
import { AUDIT_PAGE_SIZE, ZAuditListSchema } from "./audit.schemas";

const ZAuditRowSchema = z.object({
  id: z.number(),
  at: z.string(),
  actor: z.object({ id: z.number(), login: z.string(), displayName: z.string() }).nullable(),
  household: z.object({ id: z.number(), accountCode: z.string(), name: z.string() }).nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});

/**
 * "Journal": who did what and when, with before/after, newest first, by household and/or staff
 * member, a page at a time. Read-only: nothing here writes.
 */
export const listAudit = adminProcedure
  .input(ZAuditListSchema)
  .output(z.object({ rows: z.array(ZAuditRowSchema), nextBefore: z.number().nullable() }))
  .query(({ ctx, input }) => {
    let householdId: number | null = null;
    if (input.household !== "") {
      const h = ctx.db
        .select({ id: households.id })
        .from(households)
        .where(eq(households.accountCode, input.household))
        .get();
      if (!h) {
        throw appError("NOT_FOUND", `Aucun foyer ne porte l'identifiant ${input.household}.`);
      }
      householdId = h.id;
    }
    const actor = alias(users, "actor");
    const rows = ctx.db
      .select({
        id: auditLog.id,
        at: auditLog.at,
        actorId: actor.id,
        actorLogin: actor.login,
        actorName: actor.displayName,
        householdId: households.id,
        accountCode: households.accountCode,
        householdName: households.name,
        action: auditLog.action,
        entity: auditLog.entity,
        entityId: auditLog.entityId,
        before: auditLog.before,
        after: auditLog.after,
      })
      .from(auditLog)
      .leftJoin(actor, eq(actor.id, auditLog.actorUserId))
      .leftJoin(households, eq(households.id, auditLog.householdId))
      .where(
        and(
          householdId === null ? undefined : eq(auditLog.householdId, householdId),
          input.actorUserId === null ? undefined : eq(auditLog.actorUserId, input.actorUserId),
          input.before === null ? undefined : lt(auditLog.id, input.before),
        ),
      )
      .orderBy(desc(auditLog.id))
      .limit(AUDIT_PAGE_SIZE + 1)
      .all();
    const page = rows.slice(0, AUDIT_PAGE_SIZE);
    return {
      rows: page.map((r) => ({
        id: r.id,
        at: r.at,
        actor:
          r.actorId === null
            ? null
            : { id: r.actorId, login: r.actorLogin ?? "", displayName: r.actorName ?? "" },
        household:
          r.householdId === null
            ? null
            : { id: r.householdId, accountCode: r.accountCode ?? "", name: r.householdName ?? "" },
        action: r.action,
        entity: r.entity,
        entityId: r.entityId,
        before: r.before,
        after: r.after,
      })),
      nextBefore: rows.length > AUDIT_PAGE_SIZE ? (page.at(-1)?.id ?? null) : null,
    };
  });

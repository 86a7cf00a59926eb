import type { TDb } from "@ef/db";
import { audit } from "../../audit";
import type { TActor } from "../../booking/basket-service";
import { AppError, appError } from "../../errors";
import { householdProcedure } from "../../trpc";

/**
 * Staff acting for the household of `input.householdId` (loaded on `ctx.household`): the family
 * itself is refused, another family's parent gets NOT_FOUND as everywhere.
 */
export const deskProcedure = householdProcedure.use(({ ctx, next }) => {
  if (!ctx.isStaff) {
    throw appError("FORBIDDEN", "Cette action est réservée au personnel du guichet unique.");
  }
  return next();
});

export const deskActor = (ctx: { user: { id: number } }): TActor => ({
  userId: ctx.user.id,
  isStaff: true,
});

/**
 * Runs the parents' very step for the agent: a closed or full day refused for want of a reason
 * keeps the family's message, with how the agent may pass it.
 */
export function withOverrideHintOn<T>(step: () => T): T {
  try {
    return step();
  } catch (error) {
    throw withOverrideHint(error);
  }
}

function withOverrideHint(error: unknown): unknown {
  const cause = (error as { cause?: unknown }).cause;
  if (
    cause instanceof AppError &&
    (cause.appCode === "DEADLINE_PASSED" || cause.appCode === "FULL")
  ) {
    return appError(
      cause.appCode,
      `${cause.message} Pour passer outre, indiquez le motif du dépassement.`,
    );
  }
  return error;
}

/**
 * The audit row of the agent passing a deadline or a full day with a reason, at `step` of the
 * family's panier, with what was passed (`passed`: the days, the items).
 */
export function auditOverride(
  tx: TDb,
  ctx: { now: Date; user: { id: number } },
  entry: {
    householdId: number;
    basketId: number;
    step: string;
    reason: string;
    passed: Record<string, unknown>;
  },
): void {
  audit(tx, ctx.now, {
    actorUserId: ctx.user.id,
    householdId: entry.householdId,
    action: "desk.override",
    entity: "basket",
    entityId: entry.basketId,
    after: { step: entry.step, reason: entry.reason, ...entry.passed },
  });
}

import { formatDayFr } from "@ef/core";
import { activities, basketLines, children, prepared, snapshot, type TDb } from "@ef/db";
import { asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { bookingStep, holdsToRenew, openBasket, renewHolds } from "../booking/basket-service";
import { withCatalogue } from "../booking/catalogue";
import { registrationLinesOf } from "../booking/registration-lines";

export const ZBasketLineSchema = z.object({
  id: z.number(),
  action: z.enum(["add", "cancel"]),
  childId: z.number(),
  childName: z.string(),
  activityId: z.number(),
  activityName: z.string(),
  billingMode: z.enum(["postpaid", "prepaid", "at_registration"]),
  date: z.string(),
  dayLabel: z.string(),
  priceCents: z.number(),
  holdExpiresAt: z.string().nullable(),
  holdLost: z.boolean(),
});

export const ZBasketSummarySchema = z.object({
  basketId: z.number().nullable(),
  version: z.number(),
  lines: z.array(ZBasketLineSchema),
  /** The récapitulatif: per child, days added and cancelled, with amounts. */
  children: z.array(
    z.object({
      childId: z.number(),
      childName: z.string(),
      added: z.array(ZBasketLineSchema),
      cancelled: z.array(ZBasketLineSchema),
      addedCents: z.number(),
      cancelledCents: z.number(),
    }),
  ),
  addedCents: z.number(),
  cancelledCents: z.number(),
  /** Périscolaire lines: "facturé en fin de mois". */
  hasPostpaid: z.boolean(),
  /** Inscriptions en paiement (EMS group, Territoire Jeune session) in the panier. */
  registrations: z.array(
    z.object({
      id: z.number(),
      childId: z.number(),
      childName: z.string(),
      activityId: z.number(),
      activityName: z.string(),
      typeLabel: z.string(),
      groupId: z.number().nullable(),
      sessionId: z.number().nullable(),
      label: z.string(),
      priceCents: z.number(),
      holdExpiresAt: z.string().nullable(),
      holdLost: z.boolean(),
    }),
  ),
  /** What "Payer" asks (before credit): days paid at once + registrations. */
  toPayCents: z.number(),
});

/** The récapitulatif's lines, prepared once per database. */
function summaryLines(db: TDb) {
  return prepared(db, "basket.summaryLines", (d) =>
    d
      .select({
        id: basketLines.id,
        action: basketLines.action,
        childId: basketLines.childId,
        childName: children.firstName,
        activityId: basketLines.activityId,
        activityName: activities.name,
        billingMode: activities.billingMode,
        date: basketLines.date,
        priceCents: basketLines.priceCents,
        holdExpiresAt: basketLines.holdExpiresAt,
        holdLost: basketLines.holdLost,
      })
      .from(basketLines)
      .innerJoin(children, eq(children.id, basketLines.childId))
      .innerJoin(activities, eq(activities.id, basketLines.activityId))
      .where(eq(basketLines.basketId, sql.placeholder("basketId")))
      .orderBy(asc(children.birthDate), asc(basketLines.date), asc(activities.position))
      .prepare(),
  );
}

/**
 * The household's open panier as the récapitulatif shows it now. Looking at it is activity: the
 * holds are renewed. Most looks come right after "Valider" or another look, with nothing to renew:
 * then no write lock and no commit, one consistent read; otherwise the renewal and the read in one
 * write.
 */
export function basketSummaryNow(
  db: TDb,
  household: { id: number; qf: number | null; resident: boolean },
  now: Date,
) {
  const seen = snapshot(db, (tx) =>
    withCatalogue(tx, () => {
      const basket = openBasket(tx, household.id);
      if (basket && holdsToRenew(tx, basket.id, now)) return null;
      return basketSummary(tx, basket, household, now);
    }),
  );
  if (seen) return seen;
  return bookingStep(db, (tx) => {
    const basket = openBasket(tx, household.id);
    if (basket) renewHolds(tx, basket.id, now);
    return basketSummary(tx, basket, household, now);
  });
}

/** The panier as the récapitulatif shows it. */
export function basketSummary(
  db: TDb,
  basket: { id: number; version: number } | null,
  household: { qf: number | null; resident: boolean },
  now: Date,
) {
  const lines = basket
    ? summaryLines(db)
        .all({ basketId: basket.id })
        .map((l) => ({ ...l, dayLabel: formatDayFr(l.date) }))
    : [];
  const byChild = new Map<number, z.infer<typeof ZBasketSummarySchema>["children"][number]>();
  for (const l of lines) {
    const c = byChild.get(l.childId) ?? {
      childId: l.childId,
      childName: l.childName,
      added: [],
      cancelled: [],
      addedCents: 0,
      cancelledCents: 0,
    };
    if (l.action === "add") {
      c.added.push(l);
      c.addedCents += l.priceCents;
    } else {
      c.cancelled.push(l);
      c.cancelledCents += l.priceCents;
    }
    byChild.set(l.childId, c);
  }
  const kids = [...byChild.values()];
  const regs = basket
    ? registrationLinesOf(db, basket.id, household, now).map((r) => ({
        id: r.id,
        childId: r.childId,
        childName: r.childName,
        activityId: r.activityId,
        activityName: r.activityName,
        typeLabel: r.typeLabel,
        groupId: r.groupId,
        sessionId: r.sessionId,
        label: r.label,
        priceCents: r.priceCents,
        holdExpiresAt: r.holdExpiresAt,
        holdLost: r.holdLost,
      }))
    : [];
  const prepaidDays = lines
    .filter((l) => l.action === "add" && l.billingMode !== "postpaid")
    .reduce((s, l) => s + l.priceCents, 0);
  return {
    registrations: regs,
    toPayCents: prepaidDays + regs.reduce((s, r) => s + r.priceCents, 0),
    basketId: basket?.id ?? null,
    version: basket?.version ?? 0,
    lines,
    children: kids,
    addedCents: kids.reduce((s, c) => s + c.addedCents, 0),
    cancelledCents: kids.reduce((s, c) => s + c.cancelledCents, 0),
    hasPostpaid: lines.some((l) => l.billingMode === "postpaid"),
  };
}

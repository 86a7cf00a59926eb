/**
 * Liste d'attente: a family waits for a full day, EMS group or TJ session. When a place frees, the
 * first waiting family gets it in its panier, held 24 hours, and a mail with the link; an offer not
 * taken in time passes to the next family.
 */
import { canChange, formatDayFr, priceFor } from "@ef/core";
import {
  basketLines,
  basketRegistrationLines,
  baskets,
  eqConst,
  immediate,
  registrations,
  reservations,
  type TDb,
  waitingList,
} from "@ef/db";
import { queueMail, waitingListOfferMail } from "@ef/mail";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { ensureOpenBasket, openBasket, pendingPaymentOf } from "../booking/basket-service";
import { activityRules } from "../booking/catalogue";
import { takenOn } from "../booking/counts";
import { describeItem } from "../booking/registration-lines";
import { bookingStatements } from "../booking/statements";
import { appError } from "../errors";
import { childOf } from "../registrations/service";

export const OFFER_MS = 24 * 3600_000;

export type TTarget = {
  activityId: number;
  date: string | null;
  groupId: number | null;
  sessionId: number | null;
};

type THousehold = { id: number; qf: number | null; resident: boolean };

/** Places left for a target, and how to name it. */
function targetState(
  db: TDb,
  household: THousehold,
  child: NonNullable<ReturnType<typeof childOf>>,
  t: TTarget,
  now: Date,
) {
  if (t.date) {
    const rules = activityRules(db, [t.activityId]).get(t.activityId);
    if (!rules || rules.capacity === null)
      throw appError("INVALID", "Cette activité n'a pas de liste d'attente.");
    const used = takenOn(db, rules.id, t.date, now, null);
    return {
      label: `${rules.name} — ${formatDayFr(t.date)}`,
      placesLeft: Math.max(0, rules.capacity - used),
      open: canChange(rules.deadline, t.date, now),
      priceCents: priceFor(rules.tariffs, household)?.priceCents ?? null,
    };
  }
  const d = describeItem(db, household, child, { childId: child.id, ...t }, now, null);
  return {
    label: d.label,
    placesLeft: d.placesLeft,
    open: !d.closed && !d.ineligible,
    priceCents: d.priceCents,
  };
}

/** Entries waiting for the same day, group or session. */
function sameTarget(t: TTarget) {
  return and(
    eq(waitingList.activityId, t.activityId),
    t.date ? eq(waitingList.date, t.date) : sql`${waitingList.date} is null`,
    t.groupId ? eq(waitingList.groupId, t.groupId) : sql`${waitingList.groupId} is null`,
    t.sessionId ? eq(waitingList.sessionId, t.sessionId) : sql`${waitingList.sessionId} is null`,
  );
}

/** "Liste d'attente": only for a full day, group or session the child could otherwise join. */
export function joinWaitingList(
  db: TDb,
  household: THousehold,
  childId: number,
  target: TTarget,
  now: Date,
) {
  return immediate(db, (tx) => {
    const child = childOf(tx, household.id, childId);
    if (!child) throw appError("NOT_FOUND", "Cet enfant est introuvable.");
    if (target.date) {
      const registered = tx
        .select({ id: registrations.id })
        .from(registrations)
        .where(
          and(
            eq(registrations.childId, child.id),
            eq(registrations.activityId, target.activityId),
            eq(registrations.status, "validated"),
          ),
        )
        .get();
      if (!registered)
        throw appError("INVALID", `${child.firstName} n'est pas inscrit(e) à cette activité.`);
    }
    const state = targetState(tx, household, child, target, now);
    if (!state.open)
      throw appError(
        "DEADLINE_PASSED",
        `${child.firstName} — ${state.label} : les inscriptions sont fermées.`,
      );
    if (state.placesLeft > 0)
      throw appError(
        "CONFLICT",
        `${child.firstName} — ${state.label} : il reste de la place, réservez-la directement.`,
      );
    const existing = tx
      .select({ id: waitingList.id })
      .from(waitingList)
      .where(
        and(
          eq(waitingList.childId, child.id),
          sameTarget(target),
          inArray(waitingList.status, ["waiting", "offered"]),
        ),
      )
      .get();
    if (existing) throw appError("CONFLICT", `${child.firstName} est déjà sur la liste d'attente.`);
    const nowIso = now.toISOString();
    const row = tx
      .insert(waitingList)
      .values({
        householdId: household.id,
        childId: child.id,
        ...target,
        status: "waiting",
        createdAt: nowIso,
        updatedAt: nowIso,
      })
      .returning({ id: waitingList.id })
      .get();
    const ahead =
      tx
        .select({ n: sql<number>`count(*)` })
        .from(waitingList)
        .where(
          and(
            sameTarget(target),
            eq(waitingList.status, "waiting"),
            sql`${waitingList.id} < ${row.id}`,
          ),
        )
        .get()?.n ?? 0;
    return { id: row.id, position: ahead + 1, label: state.label };
  });
}

/** Whether the child already has what it waited for (booked or registered another way). */
function alreadyHas(db: TDb, e: typeof waitingList.$inferSelect): boolean {
  if (e.date) {
    return Boolean(
      db
        .select({ id: reservations.id })
        .from(reservations)
        .where(
          and(
            eq(reservations.childId, e.childId),
            eq(reservations.activityId, e.activityId),
            eq(reservations.date, e.date),
            eqConst(reservations.status, "booked"),
          ),
        )
        .get(),
    );
  }
  return Boolean(
    db
      .select({ id: registrations.id })
      .from(registrations)
      .where(
        and(
          eq(registrations.childId, e.childId),
          eq(registrations.activityId, e.activityId),
          e.sessionId ? eq(registrations.sessionId, e.sessionId) : sql`1 = 1`,
          eq(registrations.status, "validated"),
        ),
      )
      .get(),
  );
}

/**
 * The offer engine (run by the server every minute): expired offers pass on, taken ones close,
 * and each freed place goes to the first family waiting for it.
 */
export function offerFreedPlaces(db: TDb, now: Date, publicUrl: string): number {
  return immediate(db, (tx) => {
    const nowIso = now.toISOString();
    // Offers not taken in time: the line leaves the panier, the place goes on.
    for (const e of tx.select().from(waitingList).where(eq(waitingList.status, "offered")).all()) {
      if (alreadyHas(tx, e)) {
        tx.update(waitingList)
          .set({ status: "taken", updatedAt: nowIso })
          .where(eq(waitingList.id, e.id))
          .run();
      } else if ((e.offerExpiresAt ?? "") <= nowIso) {
        tx.update(waitingList)
          .set({ status: "expired", updatedAt: nowIso })
          .where(eq(waitingList.id, e.id))
          .run();
        releaseOffer(tx, e);
      }
    }
    let offers = 0;
    const waiting = tx
      .select()
      .from(waitingList)
      .where(eq(waitingList.status, "waiting"))
      .orderBy(asc(waitingList.id))
      .all();
    const served = new Set<string>();
    for (const e of waiting) {
      const key = `${e.activityId}:${e.date}:${e.groupId}:${e.sessionId}`;
      if (served.has(key)) continue;
      if (alreadyHas(tx, e)) {
        tx.update(waitingList)
          .set({ status: "taken", updatedAt: nowIso })
          .where(eq(waitingList.id, e.id))
          .run();
        continue;
      }
      const household = bookingStatements(tx).householdForBooking.get({
        householdId: e.householdId,
      });
      const child = household ? childOf(tx, household.id, e.childId) : null;
      if (!household || !child) continue;
      const state = targetState(tx, household, child, e, now);
      if (!state.open) {
        tx.update(waitingList)
          .set({ status: "expired", updatedAt: nowIso })
          .where(eq(waitingList.id, e.id))
          .run();
        continue;
      }
      if (state.placesLeft < 1 || state.priceCents === null) {
        served.add(key); // FIFO: nobody behind jumps the queue.
        continue;
      }
      const basket = ensureOpenBasket(tx, household.id, now);
      if (pendingPaymentOf(tx, basket.id)) {
        served.add(key);
        continue;
      }
      const until = new Date(now.getTime() + OFFER_MS).toISOString();
      if (e.date) {
        tx.insert(basketLines)
          .values({
            basketId: basket.id,
            action: "add",
            childId: child.id,
            activityId: e.activityId,
            date: e.date,
            priceCents: state.priceCents,
            holdExpiresAt: until,
            createdAt: nowIso,
          })
          .onConflictDoUpdate({
            target: [
              basketLines.basketId,
              basketLines.childId,
              basketLines.activityId,
              basketLines.date,
            ],
            set: { action: "add", holdExpiresAt: until, holdLost: false },
          })
          .run();
      } else {
        tx.insert(basketRegistrationLines)
          .values({
            basketId: basket.id,
            childId: child.id,
            activityId: e.activityId,
            groupId: e.groupId,
            sessionId: e.sessionId,
            priceCents: state.priceCents,
            holdExpiresAt: until,
            createdAt: nowIso,
          })
          .onConflictDoNothing()
          .run();
      }
      tx.update(baskets)
        .set({ version: sql`${baskets.version} + 1`, updatedAt: nowIso })
        .where(eq(baskets.id, basket.id))
        .run();
      tx.update(waitingList)
        .set({ status: "offered", offerExpiresAt: until, updatedAt: nowIso })
        .where(eq(waitingList.id, e.id))
        .run();
      queueMail(
        tx,
        {
          kind: "waiting_list_offer",
          to: household.email,
          ...waitingListOfferMail({
            name: household.name,
            childName: child.firstName,
            label: state.label,
            validUntil: new Date(until),
            link: `${publicUrl}/espace/panier`,
          }),
          householdId: household.id,
        },
        now,
      );
      offers++;
      // One offer at a time per target: the next waits for this place or another.
      if (state.placesLeft <= 1) served.add(key);
    }
    return offers;
  });
}

/** Takes an offered place back out of the family's panier. */
export function releaseOffer(tx: TDb, e: typeof waitingList.$inferSelect): void {
  const basket = openBasket(tx, e.householdId);
  if (!basket || pendingPaymentOf(tx, basket.id)) return;
  if (e.date) {
    tx.delete(basketLines)
      .where(
        and(
          eq(basketLines.basketId, basket.id),
          eq(basketLines.childId, e.childId),
          eq(basketLines.activityId, e.activityId),
          eq(basketLines.date, e.date),
          eq(basketLines.action, "add"),
        ),
      )
      .run();
  } else {
    tx.delete(basketRegistrationLines)
      .where(
        and(
          eq(basketRegistrationLines.basketId, basket.id),
          eq(basketRegistrationLines.childId, e.childId),
          eq(basketRegistrationLines.activityId, e.activityId),
          e.sessionId ? eq(basketRegistrationLines.sessionId, e.sessionId) : sql`1 = 1`,
        ),
      )
      .run();
  }
  tx.update(baskets)
    .set({ version: sql`${baskets.version} + 1` })
    .where(eq(baskets.id, basket.id))
    .run();
}

/** A household's waiting-list entries, newest first. */
export function myEntries(db: TDb, household: THousehold, now: Date) {
  const rows = db
    .select()
    .from(waitingList)
    .where(
      and(
        eq(waitingList.householdId, household.id),
        inArray(waitingList.status, ["waiting", "offered"]),
      ),
    )
    .orderBy(asc(waitingList.id))
    .all();
  return rows.flatMap((e) => {
    const child = childOf(db, household.id, e.childId);
    if (!child) return [];
    const state = targetState(db, household, child, e, now);
    return [
      {
        id: e.id,
        childId: e.childId,
        childName: child.firstName,
        label: state.label,
        status: e.status,
        offerExpiresAt: e.offerExpiresAt,
      },
    ];
  });
}

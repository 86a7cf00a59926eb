/**
 * The panier: every change of the planning goes through here, in one `BEGIN IMMEDIATE`
 * transaction, so that capacity (booked + held ≤ places) holds under any concurrency and a failed
 * step leaves the database as it was.
 */
import {
  canChange,
  changeDeadline,
  dayOffer,
  eligibility,
  formatDayFr,
  formatEuros,
  formatInstantFr,
  priceFor,
  type TSeasonCalendar,
} from "@ef/core";
import {
  basketLines,
  basketRegistrationLines,
  baskets,
  eqConst,
  immediate,
  prepared,
  type TDb,
} from "@ef/db";
import { bookingConfirmationMail, queueMail } from "@ef/mail";
import { and, eq, sql } from "drizzle-orm";
import { audit } from "../audit";
import { appError } from "../errors";
import { cancelBookedDay } from "./cancel-day";
import { activityRules, seasonCalendar, type TActivityRules, withCatalogue } from "./catalogue";
import { takenOn } from "./counts";
import {
  bookRegistrationLines,
  registrationLinesOf,
  renewRegistrationHolds,
} from "./registration-lines";
import { bookingStatements } from "./statements";

/** A line on a capacity-limited day holds the place this long, renewed by activity. */
export const HOLD_MS = 20 * 60_000;
/** A hold renewed less than this ago is not written again. */
const RENEWED_WITHIN_MS = 60_000;

export type THouseholdForBooking = {
  id: number;
  name: string;
  email: string;
  qf: number | null;
  resident: boolean;
};

/** "I want this day booked" (true) or "I don't" (false), for a child and an activity. */
export type TDayChange = { childId: number; activityId: number; date: string; want: boolean };

export type TActor = { userId: number; isStaff: boolean };

/** A day the semaine type could not put in the panier, and why. */
export type TSkipped = { date: string; childId: number; activityId: number; reason: string };

/** At the desk: a day an agent changed past its deadline and/or booked on a full day. */
export type TOverridden = {
  date: string;
  childId: number;
  activityId: number;
  action: "add" | "cancel";
  deadline: boolean;
  full: boolean;
};

const STALE =
  "Votre panier a été modifié depuis un autre écran ou un autre appareil. La page est à jour : vérifiez vos changements puis validez à nouveau.";

/** The household's open panier, or null. */
export function openBasket(db: TDb, householdId: number) {
  return (
    prepared(db, "openBasket", (d) =>
      d
        .select({ id: baskets.id, version: baskets.version })
        .from(baskets)
        .where(
          and(
            eq(baskets.householdId, sql.placeholder("householdId")),
            eqConst(baskets.status, "open"),
          ),
        )
        .prepare(),
    ).get({ householdId }) ?? null
  );
}

/** The household's open panier, a new empty one (version 0) when there is none. */
export function ensureOpenBasket(db: TDb, householdId: number, now: Date) {
  const found = openBasket(db, householdId);
  if (found) return found;
  return bookingStatements(db).insertBasket.get({ householdId, at: now.toISOString() });
}

type TChild = { id: number; firstName: string; birthDate: string; classLevel: string | null };

/** Everything a batch of changes needs to be judged, read once. */
function loadContext(db: TDb, householdId: number, activityIds: number[]) {
  const q = bookingStatements(db);
  const kids = q.kids.all({ householdId });
  const childMap = new Map<number, TChild>(kids.map((k) => [k.id, k]));
  const validated = new Set(
    kids.length ? q.validated.all({ householdId }).map((r) => `${r.childId}:${r.activityId}`) : [],
  );
  const rules = activityRules(db, activityIds);
  const calendars = new Map<number, TSeasonCalendar | null>();
  const calendarOf = (seasonId: number) => {
    if (!calendars.has(seasonId)) calendars.set(seasonId, seasonCalendar(db, seasonId));
    return calendars.get(seasonId) ?? null;
  };
  return { childMap, validated, rules, calendarOf };
}

const label = (child: TChild, activity: TActivityRules, date: string) =>
  `${child.firstName} — ${activity.name} — ${formatDayFr(date)}`;

/**
 * Why a day cannot be changed now for this child, or null: registration, day offered, season,
 * deadline, eligibility. Capacity is checked separately (it needs the counts).
 */
function refusal(
  ctx: ReturnType<typeof loadContext>,
  child: TChild,
  activity: TActivityRules,
  date: string,
  now: Date,
  checkOffer: boolean,
  skipDeadline = false,
) {
  const where = label(child, activity, date);
  if (!ctx.validated.has(`${child.id}:${activity.id}`)) {
    return appError(
      "INVALID",
      `${child.firstName} n'est pas inscrit(e) à « ${activity.name} » : faites d'abord l'inscription.`,
    );
  }
  if (activity.scheduleKind !== "weekdays" || !activity.dayKind) {
    return appError("INVALID", `« ${activity.name} » ne se réserve pas au jour.`);
  }
  if (checkOffer) {
    const cal = ctx.calendarOf(activity.seasonId);
    if (!cal) return appError("INVALID", `${where} : hors de la saison.`);
    const offer = dayOffer(cal, { dayKind: activity.dayKind, weekdays: activity.weekdays }, date);
    if (!offer.offered) return appError("INVALID", `${where} : non proposé (${offer.reason}).`);
    const elig = eligibility(activity, child, date);
    if (!elig.ok) return appError("INVALID", `${where} : ${elig.reason}.`);
  }
  if (!skipDeadline && !canChange(activity.deadline, date, now)) {
    const until = formatInstantFr(changeDeadline(activity.deadline, date));
    return appError(
      "DEADLINE_PASSED",
      `${where} : fermé, les changements étaient possibles jusqu'au ${until}.`,
    );
  }
  return null;
}

/** Places left for one more booking of an activity's day, counting every live hold but `exceptBasketId`'s. */
function roomFor(
  db: TDb,
  activity: TActivityRules,
  date: string,
  now: Date,
  exceptBasketId: number | null,
) {
  if (activity.capacity === null) return Number.POSITIVE_INFINITY;
  return activity.capacity - takenOn(db, activity.id, date, now, exceptBasketId);
}

/**
 * "Valider": puts changes in the panier. All or nothing: the first change that cannot be made
 * throws with the child, the activity, the day and the reason, and nothing is written.
 */
export function applyChanges(
  db: TDb,
  args: {
    household: THouseholdForBooking;
    expectedVersion: number;
    changes: TDayChange[];
    now: Date;
    actor: TActor;
    /** Semaine type: days that cannot be booked are skipped and listed, not refused. */
    skipInvalid?: boolean;
    /** At the desk: the agent passes deadlines and full days (listed in `overridden`). */
    override?: boolean;
  },
): { basketId: number; version: number; skipped: TSkipped[]; overridden: TOverridden[] } {
  const { household, changes, now } = args;
  const skipped: TSkipped[] = [];
  const overridden: TOverridden[] = [];
  return bookingStep(db, (tx) => {
    const q = bookingStatements(tx);
    const basket = ensureOpenBasket(tx, household.id, now);
    if (pendingPaymentOf(tx, basket.id)) throw appError("CONFLICT", PAYING);
    if (basket.version !== args.expectedVersion) throw appError("CONFLICT", STALE);
    const ctx = loadContext(tx, household.id, [...new Set(changes.map((c) => c.activityId))]);
    let changed = false;
    for (const change of changes) {
      const child = ctx.childMap.get(change.childId);
      if (!child) throw appError("NOT_FOUND", "Cet enfant est introuvable.");
      const activity = ctx.rules.get(change.activityId);
      if (!activity) throw appError("NOT_FOUND", "Cette activité est introuvable.");
      const day = { childId: child.id, activityId: activity.id, date: change.date };
      const booking = q.booking.get(day);
      const line = q.line.get({ ...day, basketId: basket.id });
      // Back to what is booked: the line goes, whatever the date (undoing changes nothing real).
      if (change.want === Boolean(booking)) {
        if (line) {
          tx.delete(basketLines).where(eq(basketLines.id, line.id)).run();
          changed = true;
        }
        continue;
      }
      if (line) continue; // Already in the panier.
      const limited = activity.capacity !== null;
      const passed = args.override
        ? overrideOf(tx, activity, change.date, now, change.want, null)
        : null;
      const refused =
        refusal(ctx, child, activity, change.date, now, change.want, Boolean(args.override)) ??
        (change.want &&
        limited &&
        !args.override &&
        roomFor(tx, activity, change.date, now, null) < 1
          ? appError("FULL", `${label(child, activity, change.date)} : complet.`)
          : null);
      if (refused) {
        if (!args.skipInvalid) throw refused;
        skipped.push({
          date: change.date,
          childId: child.id,
          activityId: activity.id,
          reason: refused.message,
        });
        continue;
      }
      if (passed) overridden.push({ ...passed, childId: child.id, activityId: activity.id });
      if (change.want) {
        const price = priceFor(activity.tariffs, household);
        if (!price)
          throw appError(
            "INVALID",
            `« ${activity.name} » n'a pas de tarif pour votre quotient familial.`,
          );
        q.insertLine.run({
          ...day,
          basketId: basket.id,
          action: "add",
          priceCents: price.priceCents,
          holdExpiresAt: limited ? new Date(now.getTime() + HOLD_MS).toISOString() : null,
          createdAt: now.toISOString(),
        });
      } else {
        q.insertLine.run({
          ...day,
          basketId: basket.id,
          action: "cancel",
          priceCents: booking?.priceCents ?? 0,
          holdExpiresAt: null,
          createdAt: now.toISOString(),
        });
      }
      changed = true;
    }
    const version = changed ? basket.version + 1 : basket.version;
    if (changed) {
      q.bumpVersion.run({ version, updatedAt: now.toISOString(), basketId: basket.id });
    }
    renewHolds(tx, basket.id, now);
    return { basketId: basket.id, version, skipped, overridden };
  });
}

/** What an agent's change passes: the deadline, the capacity (a booking only), or nothing. */
function overrideOf(
  db: TDb,
  activity: TActivityRules,
  date: string,
  now: Date,
  add: boolean,
  exceptBasketId: number | null,
): Omit<TOverridden, "childId" | "activityId"> | null {
  const deadline = !canChange(activity.deadline, date, now);
  const full = add && roomFor(db, activity, date, now, exceptBasketId) < 1;
  return deadline || full ? { date, action: add ? "add" : "cancel", deadline, full } : null;
}

/**
 * A booking step's transaction ({@link immediate}), with the catalogue — which no booking step
 * writes — checked once for the whole step instead of at each of its reads.
 */
export function bookingStep<T>(db: TDb, fn: (tx: TDb) => T): T {
  return immediate(db, (tx) => withCatalogue(tx, () => fn(tx)));
}

/** Whether {@link renewHolds} has anything to write now (else the récapitulatif only reads). */
export function holdsToRenew(db: TDb, basketId: number, now: Date): boolean {
  const fresh = new Date(now.getTime() + HOLD_MS - RENEWED_WITHIN_MS).toISOString();
  return bookingStatements(db).holdsToRenew.get({ basketId, fresh }) !== undefined;
}

/**
 * Holds are renewed by activity: live ones get 20 more minutes; lapsed ones are taken again if
 * the place is still free, otherwise the line is marked as having lost its place.
 */
export function renewHolds(db: TDb, basketId: number, now: Date): void {
  renewRegistrationHolds(db, basketId, now);
  const nowIso = now.toISOString();
  const until = new Date(now.getTime() + HOLD_MS).toISOString();
  const q = bookingStatements(db);
  // Live holds, all at once: 20 more minutes (renewal never shortens a longer hold, such as a
  // waiting-list offer's 24 hours), at most once a minute — a récapitulatif seen right after
  // "Valider" writes nothing. The lapsed ones are judged one by one below.
  const fresh = new Date(now.getTime() + HOLD_MS - RENEWED_WITHIN_MS).toISOString();
  q.renewLiveHolds.run({ basketId, now: nowIso, until, fresh });
  const lines = q.lapsedHolds.all({ basketId, now: nowIso });
  if (lines.length === 0) return;
  const rules = activityRules(db, [...new Set(lines.map((l) => l.activityId))]);
  for (const line of lines) {
    const live = line.holdExpiresAt !== null && line.holdExpiresAt > nowIso;
    const activity = rules.get(line.activityId);
    let keep = live;
    if (!live && activity) {
      // This line's own lapsed hold is not counted by roomFor (lapsed holds count for nobody).
      keep = roomFor(db, activity, line.date, now, null) >= 1;
    }
    // Renewal never shortens a longer hold (a waiting-list offer holds 24 hours).
    const next =
      live && line.holdExpiresAt && line.holdExpiresAt > until ? line.holdExpiresAt : until;
    db.update(basketLines)
      .set(
        keep ? { holdExpiresAt: next, holdLost: false } : { holdExpiresAt: null, holdLost: true },
      )
      .where(eq(basketLines.id, line.id))
      .run();
  }
}

/** Removes every line ("Annuler les modifications"): held places are freed. */
export function clearBasket(db: TDb, householdId: number, expectedVersion: number, now: Date) {
  return immediate(db, (tx) => {
    const basket = openBasket(tx, householdId);
    if (!basket) return { version: 0 };
    if (pendingPaymentOf(tx, basket.id)) throw appError("CONFLICT", PAYING);
    if (basket.version !== expectedVersion) throw appError("CONFLICT", STALE);
    tx.delete(basketLines).where(eq(basketLines.basketId, basket.id)).run();
    tx.delete(basketRegistrationLines).where(eq(basketRegistrationLines.basketId, basket.id)).run();
    tx.update(baskets)
      .set({ version: basket.version + 1, updatedAt: now.toISOString() })
      .where(eq(baskets.id, basket.id))
      .run();
    return { version: basket.version + 1 };
  });
}

export type TConfirmResult = {
  repeated: boolean;
  added: number;
  cancelled: number;
  totalCents: number;
  /** At the desk: the lines booked or cancelled past a deadline or above capacity. */
  overridden?: TOverridden[];
};

/**
 * "Terminer": books and cancels what the panier says, exactly once per version. Every line is
 * judged again (time has passed since "Valider"); one that fails stops everything, named.
 */
export function confirmBasket(
  db: TDb,
  args: {
    household: THouseholdForBooking;
    basketId: number;
    version: number;
    now: Date;
    actor: TActor;
    planningUrl: string;
    /** Set when a PayFiP payment settles the panier: its days are booked as paid. */
    paymentId?: number;
  },
): TConfirmResult {
  return bookingStep(db, (tx) => confirmBasketIn(tx, args));
}

/** {@link confirmBasket} inside the caller's transaction (payment settlement). */
export function confirmBasketIn(
  tx: TDb,
  args: {
    household: THouseholdForBooking;
    basketId: number;
    version: number;
    now: Date;
    actor: TActor;
    planningUrl: string;
    paymentId?: number;
    /** A payment started in time and settled after the deadline still books (places permitting). */
    lateAllowed?: boolean;
    /** At the desk: the agent passes deadlines and full days (listed in `overridden`). */
    override?: boolean;
    /** At the desk: the days to pay are paid at the guichet, not online; the mail says how. */
    paidAtDesk?: { note: string };
  },
): TConfirmResult {
  const { household, now, actor } = args;
  const q = bookingStatements(tx);
  const basket = q.basket.get({ basketId: args.basketId, householdId: household.id });
  if (!basket) throw appError("NOT_FOUND", "Ce panier est introuvable.");
  if (basket.status === "confirmed") {
    if (basket.confirmedVersion === args.version) {
      // A double tap, a replay, a second phone: the first "Terminer" did it all.
      return { repeated: true, added: 0, cancelled: 0, totalCents: 0 };
    }
    throw appError("CONFLICT", STALE);
  }
  if (basket.version !== args.version) throw appError("CONFLICT", STALE);
  const lines = q.lines.all({ basketId: basket.id });
  const regLines = q.registrationLines.all({ basketId: basket.id });
  if (lines.length === 0 && regLines.length === 0)
    throw appError("INVALID", "Votre panier est vide : il n'y a rien à confirmer.");

  const ctx = loadContext(tx, household.id, [...new Set(lines.map((l) => l.activityId))]);
  // Free lines (a 0 € day or session) need no payment: "Terminer" books them.
  const toPay =
    regLines.some((r) => r.priceCents > 0) ||
    lines.some(
      (l) =>
        l.action === "add" &&
        l.priceCents > 0 &&
        ctx.rules.get(l.activityId)?.billingMode !== "postpaid",
    );
  if (toPay && args.paymentId === undefined && !args.paidAtDesk) {
    throw appError(
      "INVALID",
      "Ce panier contient des jours à payer en ligne : utilisez « Payer ».",
    );
  }
  if (args.paymentId === undefined && pendingPaymentOf(tx, basket.id)) {
    throw appError("CONFLICT", PAYING);
  }
  const nowIso = now.toISOString();
  // A paid panier gets the ticket de paiement instead (sent by the payment's settlement).
  const mailed = args.paymentId === undefined;
  type TRow = { day: string; activity: string; amount: string };
  const byChild = new Map<
    number,
    {
      childName: string;
      added: TRow[];
      cancelled: TRow[];
      registered?: { label: string; amount: string }[];
    }
  >();
  let added = 0;
  let cancelled = 0;
  let totalCents = 0;
  const overridden: TOverridden[] = [];
  for (const line of lines) {
    const child = ctx.childMap.get(line.childId);
    const activity = ctx.rules.get(line.activityId);
    if (!child || !activity)
      throw appError("NOT_FOUND", "Un enfant ou une activité du panier est introuvable.");
    const refused = refusal(
      ctx,
      child,
      activity,
      line.date,
      now,
      line.action === "add",
      Boolean(args.override),
    );
    if (refused) throw refused;
    if (args.override) {
      const passed = overrideOf(tx, activity, line.date, now, line.action === "add", basket.id);
      if (passed) overridden.push({ ...passed, childId: child.id, activityId: activity.id });
    }
    const entry = byChild.get(child.id) ?? {
      childName: child.firstName,
      added: [],
      cancelled: [],
    };
    byChild.set(child.id, entry);
    // The confirmation mail's row, when that mail is sent.
    const row: TRow | null = mailed
      ? {
          day: formatDayFr(line.date),
          activity: activity.name,
          amount: formatEuros(line.priceCents),
        }
      : null;
    if (line.action === "add") {
      if (!args.override && roomFor(tx, activity, line.date, now, basket.id) < 1) {
        throw appError(
          "FULL",
          `${label(child, activity, line.date)} : complet, la place n'a pas pu être gardée. Retirez ce jour du panier ou choisissez-en un autre.`,
        );
      }
      const inserted = q.insertReservation.run({
        childId: child.id,
        activityId: activity.id,
        date: line.date,
        priceCents: line.priceCents,
        createdAt: nowIso,
        createdBy: actor.userId,
        basketId: basket.id,
        paymentId: args.paymentId ?? null,
      });
      if (inserted.changes === 1) {
        added++;
        totalCents += line.priceCents;
        if (row) entry.added.push(row);
      }
    } else {
      // A paid day cancelled in time becomes a credit (avoir), used first by the next payment.
      const done = cancelBookedDay(tx, {
        householdId: household.id,
        childId: child.id,
        childName: child.firstName,
        activity,
        date: line.date,
        priceCents: line.priceCents,
        now,
        userId: actor.userId,
      });
      if (done) {
        cancelled++;
        if (row) entry.cancelled.push(row);
      }
    }
  }
  q.endHolds.run({ basketId: basket.id });
  if (regLines.length > 0) {
    const registered = bookRegistrationLines(tx, {
      household,
      basketId: basket.id,
      now,
      paymentId: args.paymentId ?? null,
      userId: actor.userId || null,
      override: args.override,
    });
    // The confirmation lists the registrations too (the desk's and free ones get no ticket).
    for (const r of registered) {
      const entry = byChild.get(r.childId) ?? { childName: r.childName, added: [], cancelled: [] };
      entry.registered = [
        ...(entry.registered ?? []),
        { label: r.label, amount: formatEuros(r.priceCents) },
      ];
      byChild.set(r.childId, entry);
    }
  }
  bookingStatements(tx).confirmBasket.run({
    at: nowIso,
    userId: actor.userId,
    version: basket.version,
    basketId: basket.id,
  });
  const postpaidOnly = lines.every((l) => ctx.rules.get(l.activityId)?.billingMode === "postpaid");
  if (mailed)
    queueMail(
      tx,
      {
        kind: "booking_confirmation",
        to: household.email,
        ...bookingConfirmationMail({
          name: household.name,
          children: [...byChild.values()].filter(
            (c) => c.added.length || c.cancelled.length || c.registered?.length,
          ),
          total: formatEuros(totalCents),
          billingNote:
            args.paidAtDesk?.note ??
            (postpaidOnly
              ? "Accueils périscolaires : facturé en fin de mois, selon votre quotient familial."
              : ""),
          planningUrl: args.planningUrl,
        }),
        householdId: household.id,
        userId: actor.userId,
      },
      now,
    );
  if (actor.isStaff) {
    audit(tx, now, {
      actorUserId: actor.userId,
      householdId: household.id,
      action: "basket.confirm",
      entity: "basket",
      entityId: basket.id,
      after: { added, cancelled },
    });
  }
  return { repeated: false, added, cancelled, totalCents, overridden };
}

/**
 * Judges every line of a panier as "Terminer" would (registration, day, deadline, places), without
 * writing: "Payer" asks for money only for what can be booked.
 */
export function validateBasketIn(
  tx: TDb,
  args: { household: THouseholdForBooking; basketId: number; now: Date },
) {
  const lines = bookingStatements(tx).linesAsStored.all({ basketId: args.basketId });
  const regLines = registrationLinesOf(tx, args.basketId, args.household, args.now);
  if (lines.length === 0 && regLines.length === 0)
    throw appError("INVALID", "Votre panier est vide.");
  for (const r of regLines) {
    const where = `${r.childName} — ${r.label}`;
    if (r.ineligible) throw appError("INVALID", `${where} : ${r.ineligible}.`);
    if (r.closed) throw appError("DEADLINE_PASSED", `${where} : ${r.closed}.`);
    if (r.placesLeft < 1)
      throw appError("FULL", `${where} : complet, la place n'a pas pu être gardée.`);
  }
  const ctx = loadContext(tx, args.household.id, [...new Set(lines.map((l) => l.activityId))]);
  for (const line of lines) {
    const child = ctx.childMap.get(line.childId);
    const activity = ctx.rules.get(line.activityId);
    if (!child || !activity)
      throw appError("NOT_FOUND", "Un enfant ou une activité du panier est introuvable.");
    const refused = refusal(ctx, child, activity, line.date, args.now, line.action === "add");
    if (refused) throw refused;
    if (line.action === "add" && roomFor(tx, activity, line.date, args.now, args.basketId) < 1) {
      throw appError(
        "FULL",
        `${label(child, activity, line.date)} : complet, la place n'a pas pu être gardée.`,
      );
    }
  }
}

export const PAYING =
  "Un paiement est en cours pour ce panier : terminez-le ou annulez-le sur la page de paiement, ou attendez qu'il expire.";

/** The payment in progress on a panier, if any: the panier is frozen meanwhile. */
export function pendingPaymentOf(db: TDb, basketId: number) {
  return bookingStatements(db).pendingPayment.get({ basketId }) ?? null;
}

/**
 * The booking path's queries, prepared once per database: "Valider", the récapitulatif, "Payer"
 * and the settlement run them for every line, and building SQL each time was most of their cost.
 */
import {
  basketLines,
  basketRegistrationLines,
  baskets,
  children,
  credits,
  eqConst,
  households,
  payments,
  prepared,
  registrations,
  reservations,
  type TDb,
} from "@ef/db";
import { and, asc, eq, gt, inArray, isNotNull, isNull, lt, lte, or, sql } from "drizzle-orm";

const p = (name: string) => sql.placeholder(name);

export function bookingStatements(db: TDb) {
  return prepared(db, "booking.statements", (d) => ({
    /** A day booked for a child and an activity. */
    booking: d
      .select({ id: reservations.id, priceCents: reservations.priceCents })
      .from(reservations)
      .where(
        and(
          eq(reservations.childId, p("childId")),
          eq(reservations.activityId, p("activityId")),
          eq(reservations.date, p("date")),
          eqConst(reservations.status, "booked"),
        ),
      )
      .prepare(),
    /** The panier's line for a child, an activity and a day. */
    line: d
      .select({ id: basketLines.id, action: basketLines.action })
      .from(basketLines)
      .where(
        and(
          eq(basketLines.basketId, p("basketId")),
          eq(basketLines.childId, p("childId")),
          eq(basketLines.activityId, p("activityId")),
          eq(basketLines.date, p("date")),
        ),
      )
      .prepare(),
    insertLine: d
      .insert(basketLines)
      .values({
        basketId: p("basketId"),
        action: p("action"),
        childId: p("childId"),
        activityId: p("activityId"),
        date: p("date"),
        priceCents: p("priceCents"),
        holdExpiresAt: p("holdExpiresAt"),
        createdAt: p("createdAt"),
      })
      .prepare(),
    bumpVersion: d
      .update(baskets)
      .set({ version: sql`${p("version")}`, updatedAt: sql`${p("updatedAt")}` })
      .where(eq(baskets.id, p("basketId")))
      .prepare(),
    pendingPayment: d
      .select({
        id: payments.id,
        idOp: payments.idOp,
        basketVersion: payments.basketVersion,
        expiresAt: payments.expiresAt,
      })
      .from(payments)
      .where(and(eq(payments.basketId, p("basketId")), eqConst(payments.status, "pending")))
      .prepare(),
    kids: d
      .select({
        id: children.id,
        firstName: children.firstName,
        birthDate: children.birthDate,
        classLevel: children.classLevel,
      })
      .from(children)
      .where(eq(children.householdId, p("householdId")))
      .prepare(),
    /** Validated registrations of a household's children (from its children: see the planning). */
    validated: d
      .select({ childId: registrations.childId, activityId: registrations.activityId })
      .from(registrations)
      .where(
        and(
          inArray(
            registrations.childId,
            d
              .select({ id: children.id })
              .from(children)
              .where(eq(children.householdId, p("householdId"))),
          ),
          eq(registrations.status, "validated"),
        ),
      )
      .prepare(),
    /** Live holds get `until` (never shorter than they are). */
    renewLiveHolds: d
      .update(basketLines)
      .set({
        holdExpiresAt: sql`case when ${basketLines.holdExpiresAt} > ${p("until")} then ${basketLines.holdExpiresAt} else ${p("until")} end`,
        holdLost: false,
      })
      .where(
        and(
          eq(basketLines.basketId, p("basketId")),
          eq(basketLines.action, "add"),
          gt(basketLines.holdExpiresAt, p("now")),
          // Renewed less than a minute ago: left as it is, nothing is written.
          lt(basketLines.holdExpiresAt, p("fresh")),
        ),
      )
      .prepare(),
    /**
     * Whether {@link renewHolds} would write: a line whose hold is older than a minute or lapsed,
     * one that lost its place, or any registration line (renewed every time).
     */
    holdsToRenew: d
      .select({ n: sql<number>`1` })
      .from(baskets)
      .where(
        and(
          eq(baskets.id, p("basketId")),
          or(
            sql`exists (select 1 from ${basketLines} where ${basketLines.basketId} = ${p("basketId")} and ${basketLines.action} = 'add' and (${basketLines.holdExpiresAt} < ${p("fresh")} or (${basketLines.holdExpiresAt} is null and ${basketLines.holdLost} = 1)))`,
            sql`exists (select 1 from ${basketRegistrationLines} where ${basketRegistrationLines.basketId} = ${p("basketId")})`,
          ),
        ),
      )
      .prepare(),
    /** Lines whose hold lapsed, or that lost their place: judged one by one. */
    lapsedHolds: d
      .select({
        id: basketLines.id,
        activityId: basketLines.activityId,
        date: basketLines.date,
        holdExpiresAt: basketLines.holdExpiresAt,
        holdLost: basketLines.holdLost,
      })
      .from(basketLines)
      .where(
        and(
          eq(basketLines.basketId, p("basketId")),
          eq(basketLines.action, "add"),
          or(
            lte(basketLines.holdExpiresAt, p("now")),
            and(isNull(basketLines.holdExpiresAt), eq(basketLines.holdLost, true)),
          ),
        ),
      )
      .prepare(),
    /** Every line of a panier, in "Terminer"'s order. */
    lines: d
      .select()
      .from(basketLines)
      .where(eq(basketLines.basketId, p("basketId")))
      .orderBy(asc(basketLines.date), asc(basketLines.childId))
      .prepare(),
    registrationLines: d
      .select()
      .from(basketRegistrationLines)
      .where(eq(basketRegistrationLines.basketId, p("basketId")))
      .prepare(),
    basket: d
      .select({
        id: baskets.id,
        status: baskets.status,
        version: baskets.version,
        confirmedVersion: baskets.confirmedVersion,
      })
      .from(baskets)
      .where(and(eq(baskets.id, p("basketId")), eq(baskets.householdId, p("householdId"))))
      .prepare(),
    insertReservation: d
      .insert(reservations)
      .values({
        childId: p("childId"),
        activityId: p("activityId"),
        date: p("date"),
        status: "booked",
        priceCents: p("priceCents"),
        createdAt: p("createdAt"),
        createdBy: p("createdBy"),
        basketId: p("basketId"),
        paymentId: p("paymentId"),
      })
      .onConflictDoNothing()
      .prepare(),
    endHolds: d
      .update(basketLines)
      .set({ holdExpiresAt: null })
      .where(eq(basketLines.basketId, p("basketId")))
      .prepare(),
    /** Every line of a panier, as stored. */
    linesAsStored: d
      .select()
      .from(basketLines)
      .where(eq(basketLines.basketId, p("basketId")))
      .prepare(),
    /** The panier's registration lines with their child, for the récapitulatif and the ticket. */
    registrationLinesWithChild: d
      .select({
        id: basketRegistrationLines.id,
        childId: basketRegistrationLines.childId,
        childName: children.firstName,
        birthDate: children.birthDate,
        classLevel: children.classLevel,
        activityId: basketRegistrationLines.activityId,
        groupId: basketRegistrationLines.groupId,
        sessionId: basketRegistrationLines.sessionId,
        priceCents: basketRegistrationLines.priceCents,
        holdExpiresAt: basketRegistrationLines.holdExpiresAt,
        holdLost: basketRegistrationLines.holdLost,
      })
      .from(basketRegistrationLines)
      .innerJoin(children, eq(children.id, basketRegistrationLines.childId))
      .where(eq(basketRegistrationLines.basketId, p("basketId")))
      .orderBy(asc(children.birthDate), asc(basketRegistrationLines.id))
      .prepare(),
    registrationTotal: d
      .select({ total: sql<number>`coalesce(sum(${basketRegistrationLines.priceCents}), 0)` })
      .from(basketRegistrationLines)
      .where(eq(basketRegistrationLines.basketId, p("basketId")))
      .prepare(),
    creditBalance: d
      .select({ total: sql<number>`coalesce(sum(${credits.amountCents}), 0)` })
      .from(credits)
      .where(eq(credits.householdId, p("householdId")))
      .prepare(),
    payment: d
      .select()
      .from(payments)
      .where(eq(payments.id, p("paymentId")))
      .prepare(),
    paymentOfHousehold: d
      .select()
      .from(payments)
      .where(and(eq(payments.id, p("paymentId")), eq(payments.householdId, p("householdId"))))
      .prepare(),
    paymentByIdOp: d
      .select({ id: payments.id })
      .from(payments)
      .where(eq(payments.idOp, p("idOp")))
      .prepare(),
    householdForBooking: d
      .select({
        id: households.id,
        name: households.name,
        email: households.email,
        qf: households.qf,
        resident: households.resident,
      })
      .from(households)
      .where(eq(households.id, p("householdId")))
      .prepare(),
    basketById: d
      .select({ id: baskets.id, version: baskets.version, status: baskets.status })
      .from(baskets)
      .where(eq(baskets.id, p("basketId")))
      .prepare(),
    childNames: d
      .select({ id: children.id, name: children.firstName })
      .from(children)
      .where(eq(children.householdId, p("householdId")))
      .prepare(),
    /** Holds kept while a payment is in progress. */
    holdForPayment: d
      .update(basketLines)
      .set({ holdExpiresAt: sql`${p("until")}`, holdLost: false })
      .where(and(eq(basketLines.basketId, p("basketId")), isNotNull(basketLines.holdExpiresAt)))
      .prepare(),
    registrationHoldsForPayment: d
      .update(basketRegistrationLines)
      .set({ holdExpiresAt: sql`${p("until")}`, holdLost: false })
      .where(eq(basketRegistrationLines.basketId, p("basketId")))
      .prepare(),
    setRefdet: d
      .update(payments)
      .set({ refdet: sql`${p("refdet")}` })
      .where(eq(payments.id, p("paymentId")))
      .prepare(),
    storeIdOp: d
      .update(payments)
      .set({ idOp: sql`${p("idOp")}`, updatedAt: sql`${p("updatedAt")}` })
      .where(and(eq(payments.id, p("paymentId")), isNull(payments.idOp)))
      .prepare(),
    markPaid: d
      .update(payments)
      .set({
        status: "paid",
        resultrans: sql`${p("resultrans")}`,
        numauto: sql`${p("numauto")}`,
        paidAt: sql`${p("paidAt")}`,
        updatedAt: sql`${p("paidAt")}`,
      })
      .where(and(eq(payments.id, p("paymentId")), eqConst(payments.status, "pending")))
      .prepare(),
    /** A new empty panier (version 0). */
    insertBasket: d
      .insert(baskets)
      .values({
        householdId: sql`${p("householdId")}`,
        status: "open",
        version: 0,
        createdAt: sql`${p("at")}`,
        updatedAt: sql`${p("at")}`,
      })
      .returning({ id: baskets.id, version: baskets.version })
      .prepare(),
    /** "Terminer" (or the paid settlement): the panier is confirmed at its version. */
    confirmBasket: d
      .update(baskets)
      .set({
        status: "confirmed",
        confirmedAt: sql`${p("at")}`,
        confirmedBy: sql`${p("userId")}`,
        confirmedVersion: sql`${p("version")}`,
        updatedAt: sql`${p("at")}`,
      })
      .where(eq(baskets.id, p("basketId")))
      .prepare(),
    /** A payment started ("Payer"): pending, with a temporary refdet replaced once numbered. */
    insertPayment: d
      .insert(payments)
      .values({
        householdId: sql`${p("householdId")}`,
        basketId: sql`${p("basketId")}`,
        basketVersion: sql`${p("basketVersion")}`,
        amountCents: sql`${p("amountCents")}`,
        creditCents: sql`${p("creditCents")}`,
        refdet: sql`${p("refdet")}`,
        exer: sql`${p("exer")}`,
        objet: sql`${p("objet")}`,
        mel: sql`${p("mel")}`,
        status: "pending",
        expiresAt: sql`${p("expiresAt")}`,
        createdAt: sql`${p("at")}`,
        createdBy: sql`${p("userId")}`,
        updatedAt: sql`${p("at")}`,
      })
      .returning({ id: payments.id })
      .prepare(),
    /** The avoir that payments still in progress mean to use. */
    creditReserved: d
      .select({ total: sql<number>`coalesce(sum(${payments.creditCents}), 0)` })
      .from(payments)
      .where(and(eq(payments.householdId, p("householdId")), eqConst(payments.status, "pending")))
      .prepare(),
  }));
}

/**
 * Inscriptions en paiement (EMS groups, Territoire Jeune sessions): lines of the same panier,
 * holding a place in a group or a session until paid, like a day line holds a day.
 */
import {
  ageOn,
  canChange,
  changeDeadline,
  formatDayFr,
  formatInstantFr,
  parisDay,
  priceFor,
} from "@ef/core";
import {
  activities,
  activityGroups,
  activitySessions,
  activityTypes,
  basketRegistrationLines,
  children,
  registrations,
  seasons,
  type TDb,
} from "@ef/db";
import { and, asc, eq, gt, inArray, isNotNull, ne, sql } from "drizzle-orm";
import { appError } from "../errors";
import { currentSeason } from "../seasons";
import { activityRules } from "./catalogue";
import { bookingStatements } from "./statements";

export const PAID_TYPES = ["ems", "territoire_jeune"] as const;
const WEEKDAYS = ["", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"];
const HOLD_MS = 20 * 60_000;

/** Places taken in an EMS group or a TJ session: validated registrations + live holds. */
export function itemUsed(
  db: TDb,
  item: { groupId: number | null; sessionId: number | null },
  now: Date,
  exceptBasketId: number | null,
): number {
  const byGroup = item.sessionId === null;
  const regs =
    db
      .select({ n: sql<number>`count(*)` })
      .from(registrations)
      .where(
        and(
          byGroup
            ? eq(registrations.groupId, item.groupId ?? -1)
            : eq(registrations.sessionId, item.sessionId ?? -1),
          inArray(registrations.status, ["validated", "pending"]),
        ),
      )
      .get()?.n ?? 0;
  const held =
    db
      .select({ n: sql<number>`count(*)` })
      .from(basketRegistrationLines)
      .where(
        and(
          byGroup
            ? eq(basketRegistrationLines.groupId, item.groupId ?? -1)
            : eq(basketRegistrationLines.sessionId, item.sessionId ?? -1),
          gt(basketRegistrationLines.holdExpiresAt, now.toISOString()),
          exceptBasketId === null
            ? undefined
            : ne(basketRegistrationLines.basketId, exceptBasketId),
        ),
      )
      .get()?.n ?? 0;
  return regs + held;
}

export type TItem = {
  childId: number;
  activityId: number;
  groupId: number | null;
  sessionId: number | null;
};

type TChild = { id: number; firstName: string; birthDate: string; classLevel: string | null };

/** Everything needed to judge an item: the activity, its group or session, places, price. */
export function describeItem(
  db: TDb,
  household: { qf: number | null; resident: boolean },
  child: TChild,
  item: TItem,
  now: Date,
  exceptBasketId: number | null,
) {
  const rules = activityRules(db, [item.activityId]).get(item.activityId);
  if (!rules?.active || !(PAID_TYPES as readonly string[]).includes(rules.typeCode)) {
    throw appError("NOT_FOUND", "Cette activité est introuvable.");
  }
  const season = db
    .select({ startsOn: seasons.startsOn, endsOn: seasons.endsOn, open: seasons.registrationOpen })
    .from(seasons)
    .where(eq(seasons.id, rules.seasonId))
    .get();
  const today = parisDay(now);
  let label: string;
  let capacity: number;
  let minAge: number;
  let maxAge: number;
  let ageDay = season && today < season.startsOn ? season.startsOn : today;
  let priceCents = priceFor(rules.tariffs, household)?.priceCents ?? null;
  let closed: string | null =
    season?.open && season.endsOn >= today ? null : "les inscriptions de cette saison sont fermées";
  if (rules.typeCode === "ems") {
    const group = item.groupId
      ? db.select().from(activityGroups).where(eq(activityGroups.id, item.groupId)).get()
      : undefined;
    if (!group || group.activityId !== rules.id)
      throw appError("INVALID", `Choisissez un groupe de « ${rules.name} ».`);
    label = `${rules.name} — ${group.name} (${WEEKDAYS[group.weekday]} ${group.startTime.replace(":", "h")}–${group.endTime.replace(":", "h")})`;
    capacity = group.capacity;
    minAge = group.minAge;
    maxAge = group.maxAge;
  } else {
    const session = item.sessionId
      ? db.select().from(activitySessions).where(eq(activitySessions.id, item.sessionId)).get()
      : undefined;
    if (!session || session.activityId !== rules.id)
      throw appError("INVALID", `Choisissez une sortie ou un atelier de « ${rules.name} ».`);
    label = `${session.title} — ${formatDayFr(session.date)} (${session.startTime.replace(":", "h")}–${session.endTime.replace(":", "h")})`;
    capacity = session.capacity;
    minAge = session.minAge;
    maxAge = session.maxAge;
    ageDay = session.date;
    if (session.priceCents !== null) priceCents = session.priceCents;
    if (!closed && !canChange(rules.deadline, session.date, now)) {
      closed = `les inscriptions étaient possibles jusqu'au ${formatInstantFr(changeDeadline(rules.deadline, session.date))}`;
    }
  }
  const age = ageOn(child.birthDate, ageDay);
  const ineligible =
    age < minAge
      ? `réservé aux ${minAge} ans et plus`
      : age > maxAge
        ? `réservé aux ${maxAge} ans au plus`
        : null;
  const placesLeft = Math.max(0, capacity - itemUsed(db, item, now, exceptBasketId));
  return { rules, label, capacity, placesLeft, priceCents, ineligible, closed };
}

/** The children's options for "Inscriptions en paiement". */
export function paidOptions(
  db: TDb,
  household: { id: number; qf: number | null; resident: boolean },
  now: Date,
) {
  const kids = db
    .select({
      id: children.id,
      firstName: children.firstName,
      birthDate: children.birthDate,
      classLevel: children.classLevel,
    })
    .from(children)
    .where(eq(children.householdId, household.id))
    .orderBy(asc(children.birthDate))
    .all();
  const acts = db
    .select({
      id: activities.id,
      name: activities.name,
      description: activities.description,
      typeCode: activityTypes.code,
      typeLabel: activityTypes.label,
      seasonCode: seasons.code,
    })
    .from(activities)
    .innerJoin(activityTypes, eq(activityTypes.id, activities.typeId))
    .innerJoin(seasons, eq(seasons.id, activities.seasonId))
    .where(
      and(
        eq(activities.active, true),
        eq(seasons.registrationOpen, true),
        inArray(activityTypes.code, [...PAID_TYPES]),
      ),
    )
    .orderBy(asc(seasons.startsOn), asc(activityTypes.position), asc(activities.position))
    .all();
  // The running season and the next may both be open: the next one's activities name their year.
  const runningSeason = currentSeason(db, now)?.code;
  const groups = db
    .select()
    .from(activityGroups)
    .orderBy(asc(activityGroups.weekday), asc(activityGroups.startTime))
    .all();
  const today = parisDay(now);
  const sessions = db
    .select()
    .from(activitySessions)
    .where(sql`${activitySessions.date} >= ${today}`)
    .orderBy(asc(activitySessions.date))
    .all();
  const existing = kids.length
    ? db
        .select({
          childId: registrations.childId,
          activityId: registrations.activityId,
          groupId: registrations.groupId,
          sessionId: registrations.sessionId,
          status: registrations.status,
        })
        .from(registrations)
        .where(
          and(
            inArray(
              registrations.childId,
              kids.map((k) => k.id),
            ),
            inArray(registrations.status, ["validated", "pending"]),
          ),
        )
        .all()
    : [];
  return kids.map((child) => ({
    childId: child.id,
    firstName: child.firstName,
    activities: acts.map((a) => {
      const items =
        a.typeCode === "ems"
          ? groups
              .filter((g) => g.activityId === a.id)
              .map((g) => ({ groupId: g.id, sessionId: null }))
          : sessions
              .filter((s) => s.activityId === a.id)
              .map((s) => ({ groupId: null, sessionId: s.id }));
      const registeredToActivity = existing.find(
        (e) => e.childId === child.id && e.activityId === a.id && a.typeCode === "ems",
      );
      return {
        activityId: a.id,
        name: a.seasonCode === runningSeason ? a.name : `${a.name} (${a.seasonCode})`,
        description: a.description,
        typeCode: a.typeCode,
        typeLabel: a.typeLabel,
        items: items.map((it) => {
          const d = describeItem(
            db,
            household,
            child,
            { childId: child.id, activityId: a.id, ...it },
            now,
            null,
          );
          const registered = existing.some(
            (e) =>
              e.childId === child.id &&
              e.activityId === a.id &&
              (it.groupId ? e.groupId === it.groupId : e.sessionId === it.sessionId),
          );
          return {
            ...it,
            label: d.label,
            placesLeft: d.placesLeft,
            capacity: d.capacity,
            priceCents: d.priceCents,
            available:
              !d.ineligible && !d.closed && !registered && !(registeredToActivity && it.groupId),
            reason: registered
              ? "déjà inscrit(e)"
              : registeredToActivity && it.groupId
                ? "déjà inscrit(e) dans un autre groupe"
                : (d.ineligible ?? d.closed),
          };
        }),
      };
    }),
  }));
}

/** Adds (want) or removes a registration line; throws a named French error. */
export function setRegistrationItem(
  tx: TDb,
  args: {
    household: { id: number; qf: number | null; resident: boolean };
    basketId: number;
    child: TChild;
    item: TItem & { want: boolean };
    now: Date;
    /** At the desk, with a reason: a full group or session is put in the panier all the same. */
    override?: boolean;
  },
): boolean {
  const { child, item, now } = args;
  const line = tx
    .select({ id: basketRegistrationLines.id, groupId: basketRegistrationLines.groupId })
    .from(basketRegistrationLines)
    .where(
      and(
        eq(basketRegistrationLines.basketId, args.basketId),
        eq(basketRegistrationLines.childId, child.id),
        eq(basketRegistrationLines.activityId, item.activityId),
        item.sessionId === null
          ? sql`${basketRegistrationLines.sessionId} is null`
          : eq(basketRegistrationLines.sessionId, item.sessionId),
      ),
    )
    .get();
  if (!item.want) {
    // Unticking group A never removes group B's line.
    if (!line || (item.groupId !== null && line.groupId !== item.groupId)) return false;
    tx.delete(basketRegistrationLines).where(eq(basketRegistrationLines.id, line.id)).run();
    return true;
  }
  if (line && line.groupId === item.groupId) return false;
  const d = describeItem(tx, args.household, child, item, now, null);
  const where = `${child.firstName} — ${d.label}`;
  const already = tx
    .select({ id: registrations.id })
    .from(registrations)
    .where(
      and(
        eq(registrations.childId, child.id),
        eq(registrations.activityId, item.activityId),
        inArray(registrations.status, ["validated", "pending"]),
        item.sessionId === null ? undefined : eq(registrations.sessionId, item.sessionId),
      ),
    )
    .get();
  if (already) throw appError("CONFLICT", `${where} : ${child.firstName} y est déjà inscrit(e).`);
  if (d.ineligible) throw appError("INVALID", `${where} : ${d.ineligible}.`);
  if (d.closed) throw appError("DEADLINE_PASSED", `${where} : ${d.closed}.`);
  if (d.priceCents === null)
    throw appError("INVALID", `${where} : pas de tarif pour votre quotient familial.`);
  if (line) tx.delete(basketRegistrationLines).where(eq(basketRegistrationLines.id, line.id)).run();
  if (d.placesLeft < 1 && !args.override) {
    throw appError("FULL", `${where} : complet. Vous pouvez vous inscrire sur la liste d'attente.`);
  }
  tx.insert(basketRegistrationLines)
    .values({
      basketId: args.basketId,
      childId: child.id,
      activityId: item.activityId,
      groupId: item.groupId,
      sessionId: item.sessionId,
      priceCents: d.priceCents,
      holdExpiresAt: new Date(now.getTime() + HOLD_MS).toISOString(),
      createdAt: now.toISOString(),
    })
    .run();
  return true;
}

/** The panier's registration lines, with their labels, for the récapitulatif and the ticket. */
export function registrationLinesOf(
  db: TDb,
  basketId: number,
  household: { qf: number | null; resident: boolean },
  now: Date,
) {
  const rows = bookingStatements(db).registrationLinesWithChild.all({ basketId });
  return rows.map((r) => {
    const d = describeItem(
      db,
      household,
      { id: r.childId, firstName: r.childName, birthDate: r.birthDate, classLevel: r.classLevel },
      r,
      now,
      basketId,
    );
    return {
      ...r,
      label: d.label,
      activityName: d.rules.name,
      typeLabel: d.rules.typeLabel,
      placesLeft: d.placesLeft,
      ineligible: d.ineligible,
      closed: d.closed,
    };
  });
}

/** Renews (or loses) the holds of registration lines, like day lines. */
export function renewRegistrationHolds(db: TDb, basketId: number, now: Date): void {
  const nowIso = now.toISOString();
  const until = new Date(now.getTime() + HOLD_MS).toISOString();
  const lines = bookingStatements(db).registrationLines.all({ basketId });
  for (const line of lines) {
    const live = line.holdExpiresAt !== null && line.holdExpiresAt > nowIso;
    const keep = live || itemUsed(db, line, now, null) < capacityOf(db, line);
    // Renewal never shortens a longer hold (a waiting-list offer holds 24 hours).
    const next =
      live && line.holdExpiresAt && line.holdExpiresAt > until ? line.holdExpiresAt : until;
    db.update(basketRegistrationLines)
      .set(
        keep ? { holdExpiresAt: next, holdLost: false } : { holdExpiresAt: null, holdLost: true },
      )
      .where(eq(basketRegistrationLines.id, line.id))
      .run();
  }
}

function capacityOf(db: TDb, item: { groupId: number | null; sessionId: number | null }): number {
  if (item.sessionId !== null) {
    return (
      db
        .select({ c: activitySessions.capacity })
        .from(activitySessions)
        .where(eq(activitySessions.id, item.sessionId))
        .get()?.c ?? 0
    );
  }
  return (
    db
      .select({ c: activityGroups.capacity })
      .from(activityGroups)
      .where(eq(activityGroups.id, item.groupId ?? -1))
      .get()?.c ?? 0
  );
}

/** Registers what a paid panier holds; throws FULL (named) if a place went meanwhile. */
export function bookRegistrationLines(
  tx: TDb,
  args: {
    household: { qf: number | null; resident: boolean };
    basketId: number;
    now: Date;
    paymentId: number | null;
    userId: number | null;
    /** At the desk, with a reason: a full group or session still registers. */
    override?: boolean;
  },
) {
  const lines = registrationLinesOf(tx, args.basketId, args.household, args.now);
  const booked: { childId: number; childName: string; label: string; priceCents: number }[] = [];
  for (const l of lines) {
    const capacity = capacityOf(tx, l);
    if (!args.override && itemUsed(tx, l, args.now, args.basketId) >= capacity) {
      throw appError(
        "FULL",
        `${l.childName} — ${l.label} : complet, la place n'a pas pu être gardée.`,
      );
    }
    const rules = activityRules(tx, [l.activityId]).get(l.activityId);
    tx.insert(registrations)
      .values({
        childId: l.childId,
        activityId: l.activityId,
        groupId: l.groupId,
        sessionId: l.sessionId,
        seasonId: rules?.seasonId ?? 0,
        status: "validated",
        createdAt: args.now.toISOString(),
        createdBy: args.userId,
        decidedAt: args.now.toISOString(),
        priceCents: l.priceCents,
        paymentId: args.paymentId,
      })
      .run();
    booked.push({
      childId: l.childId,
      childName: l.childName,
      label: l.label,
      priceCents: l.priceCents,
    });
  }
  tx.update(basketRegistrationLines)
    .set({ holdExpiresAt: null })
    .where(
      and(
        eq(basketRegistrationLines.basketId, args.basketId),
        isNotNull(basketRegistrationLines.holdExpiresAt),
      ),
    )
    .run();
  return booked;
}

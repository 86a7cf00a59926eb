/**
 * Facturation run: for a month that is over, every household's postpaid days not billed yet
 * (priced as stored at booking), excused days at 0 €, credits for days excused after billing.
 * The preview and the issue compute the same thing; issuing writes it once.
 */
import {
  dueDateOf,
  formatDayFr,
  formatEuros,
  formatMonthFr,
  invoiceLines,
  invoiceNumber,
  lastDayOfMonth,
  monthIsOver,
  nextSeq,
  parisDay,
  priceFor,
  splitDocuments,
  type TBillableReservation,
  type TBilledDay,
  type TExcuse,
  type TLineDraft,
  totalOf,
} from "@ef/core";
import {
  absences,
  activities,
  attendance,
  children,
  credits,
  eqConst,
  households,
  immediate,
  invoiceLines as invoiceLinesTable,
  invoices,
  reservations,
  type TDb,
  tariffs,
} from "@ef/db";
import { invoiceIssuedMail, queueMail } from "@ef/mail";
import { and, eq, inArray, isNull, lte, max, sql } from "drizzle-orm";
import { alias, type SQLiteColumn } from "drizzle-orm/sqlite-core";
import { appError } from "../errors";

/** One household's share of a run. */
export type THouseholdRun = {
  householdId: number;
  accountCode: string;
  name: string;
  email: string;
  qf: number | null;
  resident: boolean;
  addressLine: string;
  postalCode: string;
  city: string;
  qfLabel: string;
  facture: (TLineDraft & { label: string })[];
  avoir: (TLineDraft & { label: string })[];
};

/** "vendredi 15 janvier 2027". */
export function longDay(day: string): string {
  return `${formatDayFr(day)} ${day.slice(0, 4)}`;
}

/** Refuses a month that is not over yet, with the day it can be invoiced. */
export function assertMonthOver(month: string, now: Date): void {
  const today = parisDay(now);
  if (!monthIsOver(month, today)) {
    const [y, m] = month.split("-").map(Number) as [number, number];
    const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
    throw appError(
      "INVALID",
      `Le mois de ${formatMonthFr(month)} n'est pas terminé : sa facturation sera possible à partir du 1er ${formatMonthFr(next)}.`,
    );
  }
}

/** "Léa — Restauration scolaire (midi) — jeudi 5 novembre", and its excused / credit forms. */
export function lineLabel(
  line: TLineDraft,
  childName: string,
  activityName: string,
  markedAbsent = false,
): string {
  const base = `${childName} — ${activityName} — ${formatDayFr(line.date)}`;
  if (line.kind === "excused") return `${base} — Absence justifiée`;
  if (line.kind === "credit") return `Avoir : ${base} (absence justifiée après facturation)`;
  // Booked, not cancelled in time, no accepted excuse: billed as booked; the pointage says why.
  return markedAbsent ? `${base} — absent, non excusé` : base;
}

/**
 * Computes the run for `month`: households not invoiced for it yet that have something (or only
 * the households of `only`).
 */
export function computeRun(db: TDb, month: string, only?: readonly number[]): THouseholdRun[] {
  if (only?.length === 0) return [];
  const mine = (column: SQLiteColumn) => (only ? inArray(column, [...only]) : undefined);
  const end = lastDayOfMonth(month);
  const billedLine = alias(invoiceLinesTable, "billed_line");
  const unbilled = db
    .select({
      id: reservations.id,
      childId: reservations.childId,
      activityId: reservations.activityId,
      date: reservations.date,
      status: reservations.status,
      priceCents: reservations.priceCents,
      billingMode: activities.billingMode,
      householdId: children.householdId,
    })
    .from(reservations)
    .innerJoin(activities, eq(activities.id, reservations.activityId))
    .innerJoin(children, eq(children.id, reservations.childId))
    .leftJoin(billedLine, eq(billedLine.reservationId, reservations.id))
    .where(
      and(
        eqConst(reservations.status, "booked"),
        eq(activities.billingMode, "postpaid"),
        lte(reservations.date, end),
        isNull(billedLine.id),
        mine(children.householdId),
      ),
    )
    .all();
  const excuses = db
    .select({
      id: absences.id,
      householdId: absences.householdId,
      childId: absences.childId,
      date: absences.date,
    })
    .from(absences)
    .where(
      and(eq(absences.status, "accepted"), lte(absences.date, end), mine(absences.householdId)),
    )
    .all();
  // Days billed at a price whose child has an accepted absence that day and no credit yet.
  const creditLine = alias(invoiceLinesTable, "credit_line");
  // From the (few) accepted absences: their days' bookings, billed at a price, not credited.
  const toCredit = db
    .select({
      reservationId: invoiceLinesTable.reservationId,
      childId: invoiceLinesTable.childId,
      activityId: invoiceLinesTable.activityId,
      date: invoiceLinesTable.date,
      amountCents: invoiceLinesTable.amountCents,
      householdId: absences.householdId,
    })
    .from(absences)
    .innerJoin(
      reservations,
      and(eq(reservations.childId, absences.childId), eq(reservations.date, absences.date)),
    )
    .innerJoin(invoiceLinesTable, eq(invoiceLinesTable.reservationId, reservations.id))
    .leftJoin(creditLine, eq(creditLine.creditedReservationId, reservations.id))
    .where(
      and(
        eq(absences.status, "accepted"),
        sql`${invoiceLinesTable.amountCents} > 0`,
        isNull(creditLine.id),
        mine(absences.householdId),
      ),
    )
    .all();
  const already = new Set(
    db
      .select({ householdId: invoices.householdId })
      .from(invoices)
      .where(
        and(
          eq(invoices.month, month),
          eqConst(invoices.kind, "facture"),
          mine(invoices.householdId),
        ),
      )
      .all()
      .map((r) => r.householdId),
  );

  const byHousehold = new Map<
    number,
    { reservations: TBillableReservation[]; excuses: TExcuse[]; billedDays: TBilledDay[] }
  >();
  const slot = (id: number) => {
    let s = byHousehold.get(id);
    if (!s) {
      s = { reservations: [], excuses: [], billedDays: [] };
      byHousehold.set(id, s);
    }
    return s;
  };
  for (const r of unbilled)
    if (!already.has(r.householdId)) slot(r.householdId).reservations.push(r);
  for (const b of toCredit) {
    if (already.has(b.householdId) || b.reservationId === null) continue;
    if (b.childId === null || b.activityId === null || b.date === null) continue;
    slot(b.householdId).billedDays.push({
      reservationId: b.reservationId,
      childId: b.childId,
      activityId: b.activityId,
      date: b.date,
      amountCents: b.amountCents,
    });
  }
  const ids = [...byHousehold.keys()];
  if (ids.length === 0) return [];
  for (const e of excuses) byHousehold.get(e.householdId)?.excuses.push(e);

  const homes = new Map(
    db
      .select({
        id: households.id,
        accountCode: households.accountCode,
        name: households.name,
        email: households.email,
        qf: households.qf,
        resident: households.resident,
        addressLine: households.addressLine,
        postalCode: households.postalCode,
        city: households.city,
      })
      .from(households)
      .where(inArray(households.id, ids))
      .all()
      .map((h) => [h.id, h]),
  );
  const childNames = new Map(
    db
      .select({ id: children.id, firstName: children.firstName })
      .from(children)
      .where(inArray(children.householdId, ids))
      .all()
      .map((c) => [c.id, c.firstName]),
  );
  // The pointage's "absent" marks of the days billed (shown on their lines).
  const absent = new Set(
    db
      .select({
        childId: attendance.childId,
        activityId: attendance.activityId,
        date: attendance.date,
      })
      .from(attendance)
      .innerJoin(children, eq(children.id, attendance.childId))
      .where(
        and(
          inArray(children.householdId, ids),
          eq(attendance.status, "absent"),
          lte(attendance.date, end),
        ),
      )
      .all()
      .map((a) => `${a.childId}|${a.activityId}|${a.date}`),
  );
  const activityRows = db
    .select({ id: activities.id, name: activities.name, billingMode: activities.billingMode })
    .from(activities)
    .all();
  const activityNames = new Map(activityRows.map((a) => [a.id, a.name]));
  // The QF bracket printed on the invoice: the household's, on the périscolaire grid.
  const firstPostpaid = activityRows.find((a) => a.billingMode === "postpaid");
  const grid = firstPostpaid
    ? db
        .select({
          qfMin: tariffs.qfMin,
          qfMax: tariffs.qfMax,
          resident: tariffs.resident,
          priceCents: tariffs.priceCents,
        })
        .from(tariffs)
        .where(eq(tariffs.activityId, firstPostpaid.id))
        .all()
    : [];

  const out: THouseholdRun[] = [];
  for (const id of ids.sort((a, b) => a - b)) {
    const data = byHousehold.get(id);
    const home = homes.get(id);
    if (!data || !home) continue;
    const lines = invoiceLines({
      month,
      reservations: data.reservations,
      excuses: data.excuses,
      billed: new Set(),
      billedDays: data.billedDays,
      credited: new Set(),
    });
    if (lines.length === 0) continue;
    const labelled = (l: TLineDraft) => ({
      ...l,
      label: lineLabel(
        l,
        childNames.get(l.childId) ?? "",
        activityNames.get(l.activityId) ?? "",
        absent.has(`${l.childId}|${l.activityId}|${l.date}`),
      ),
    });
    const docs = splitDocuments(lines);
    const bracket = priceFor(grid, home)?.bracket;
    out.push({
      householdId: id,
      accountCode: home.accountCode,
      name: home.name,
      email: home.email,
      qf: home.qf,
      resident: home.resident,
      addressLine: home.addressLine,
      postalCode: home.postalCode,
      city: home.city,
      qfLabel:
        home.qf === null
          ? `QF non communiqué (tarif le plus élevé)${home.resident ? "" : ", hors commune"}`
          : (bracket ?? `QF ${home.qf}`),
      facture: docs.facture.map(labelled),
      avoir: docs.avoir.map(labelled),
    });
  }
  return out;
}

/**
 * Writes the run: a facture per household (numbered in the issuing transaction, max + 1 per kind
 * and year), a credit note when credits exceed the days (its amount becomes the household's
 * credit), the mail. Households already invoiced for the month are left alone, so a repeated
 * run adds nothing.
 */
export function issueRun(
  tx: TDb,
  run: readonly THouseholdRun[],
  args: { month: string; now: Date; userId: number | null; publicUrl: string },
): { factures: number; avoirs: number; totalCents: number } {
  const issuedOn = parisDay(args.now);
  const year = Number(issuedOn.slice(0, 4));
  const dueOn = dueDateOf(issuedOn);
  const nowIso = args.now.toISOString();
  const seqOf = (kind: "facture" | "avoir") =>
    tx
      .select({ m: max(invoices.seq) })
      .from(invoices)
      .where(and(eqConst(invoices.kind, kind), eq(invoices.year, year)))
      .get()?.m ?? null;
  // Thousands of lines per run: one prepared statement rather than a query built per line.
  const insertLine = tx.$client.prepare(
    `insert into invoice_lines (invoice_id, child_id, activity_id, date, label, amount_cents,
       reservation_id, credited_reservation_id, absence_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  let factures = 0;
  let avoirs = 0;
  let totalCents = 0;
  for (const h of run) {
    const address = [h.addressLine, `${h.postalCode} ${h.city}`.trim()].filter(Boolean).join(", ");
    const write = (kind: "facture" | "avoir", lines: THouseholdRun["facture"]) => {
      const seq = nextSeq(seqOf(kind));
      const number = invoiceNumber(kind, year, seq);
      const total = totalOf(lines);
      const row = tx
        .insert(invoices)
        .values({
          householdId: h.householdId,
          kind,
          year,
          seq,
          number,
          month: args.month,
          issuedAt: nowIso,
          dueOn,
          totalCents: total,
          qfLabel: h.qfLabel,
          resident: h.resident,
          billedName: h.name,
          billedAddress: address,
          // Nothing to pay (all excused, or a credit note): settled as issued.
          status: total > 0 ? "unpaid" : "paid",
          paidAt: total > 0 ? null : nowIso,
          createdBy: args.userId,
        })
        .returning({ id: invoices.id })
        .get();
      for (const l of lines) {
        insertLine.run(
          row.id,
          l.childId,
          l.activityId,
          l.date,
          l.label,
          l.amountCents,
          l.kind === "credit" ? null : l.reservationId,
          l.kind === "credit" ? l.creditedReservationId : null,
          l.kind === "day" ? null : l.absenceId,
        );
      }
      return { id: row.id, number, total };
    };
    /** "Votre facture / Votre avoir … est disponible": the amount to pay, or the credit. */
    const mailIssued = (number: string, amountCents: number, avoir: boolean) =>
      queueMail(
        tx,
        {
          kind: "invoice_issued",
          to: h.email,
          ...invoiceIssuedMail({
            name: h.name,
            number,
            monthLabel: formatMonthFr(args.month),
            amount: formatEuros(amountCents),
            dueOn: avoir ? "" : longDay(dueOn),
            link: `${args.publicUrl}/espace/paiements`,
            ...(avoir ? { avoir: true } : {}),
          }),
          householdId: h.householdId,
        },
        args.now,
      );
    if (h.facture.length > 0) {
      const f = write("facture", h.facture);
      factures++;
      totalCents += f.total;
      mailIssued(f.number, f.total, false);
    }
    if (h.avoir.length > 0) {
      const a = write("avoir", h.avoir);
      avoirs++;
      // The credit note's amount is the household's credit: the next payments use it.
      tx.insert(credits)
        .values({
          householdId: h.householdId,
          amountCents: -a.total,
          reason: `Avoir ${a.number} (absences justifiées)`,
          createdAt: nowIso,
          createdBy: args.userId,
        })
        .run();
      mailIssued(a.number, -a.total, true);
    }
  }
  return { factures, avoirs, totalCents };
}

/** Households per step of a run: each step holds the process (and the write lock) briefly. */
const CHUNK = 50;

/** Lets the requests waiting on the event loop through between two steps of a long run. */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Every household id, in order: a run goes through them fifty at a time. */
function householdIds(db: TDb): number[] {
  return db
    .select({ id: households.id })
    .from(households)
    .orderBy(households.id)
    .all()
    .map((h) => h.id);
}

/**
 * The preview of a month, computed fifty households at a time (indexed reads from each
 * household's children), giving way to other requests between steps: a town's preview never
 * freezes the server.
 */
export async function previewMonth(db: TDb, month: string): Promise<THouseholdRun[]> {
  const ids = householdIds(db);
  const out: THouseholdRun[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) {
    out.push(...computeRun(db, month, ids.slice(i, i + CHUNK)));
    if (i + CHUNK < ids.length) await breathe();
  }
  return out;
}

/**
 * Issues the month fifty households at a time, each step computed again and written inside its
 * own `BEGIN IMMEDIATE` transaction (numbers max + 1 there), other requests served between
 * steps. A step is all or nothing; a run stopped midway is completed by the next one, which
 * skips the households already invoiced for the month.
 */
export async function issueMonth(
  db: TDb,
  args: { month: string; now: Date; userId: number | null; publicUrl: string },
): Promise<{ factures: number; avoirs: number; totalCents: number; longestMs: number }> {
  const ids = householdIds(db);
  const out = { factures: 0, avoirs: 0, totalCents: 0, longestMs: 0 };
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const started = performance.now();
    const r = immediate(db, (tx) => issueRun(tx, computeRun(tx, args.month, chunk), args));
    out.longestMs = Math.max(out.longestMs, performance.now() - started);
    out.factures += r.factures;
    out.avoirs += r.avoirs;
    out.totalCents += r.totalCents;
    if (i + CHUNK < ids.length) await breathe();
  }
  return out;
}

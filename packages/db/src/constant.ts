import { type SQL, type SQLWrapper, sql } from "drizzle-orm";

/**
 * `column = 'value'` with the value written into the SQL rather than bound. SQLite checks a bound
 * value against a partial index's WHERE (`status = 'booked'`, `'open'`, `'pending'`, `'facture'`)
 * by looking at it — and then recompiles the statement every time a value is bound again (about
 * 30 µs a query here, for every planning and every booking step). Written in, the statement is
 * compiled once and the partial index serves. For the code's own constants only: anything but
 * letters, digits and `_` is refused.
 */
export function eqConst(column: SQLWrapper, value: string): SQL {
  if (!/^[A-Za-z0-9_]+$/.test(value)) throw new Error(`eqConst : pas une constante : ${value}`);
  return sql`${column} = ${sql.raw(`'${value}'`)}`;
}

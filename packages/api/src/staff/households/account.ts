import { households, type TDb, users } from "@ef/db";
import { and, asc, eq } from "drizzle-orm";
import { appError } from "../../errors";

/** A household and its parent account, or NOT_FOUND. */
export function loadAccount(db: TDb, householdId: number) {
  const household = db
    .select({
      id: households.id,
      accountCode: households.accountCode,
      name: households.name,
      email: households.email,
    })
    .from(households)
    .where(eq(households.id, householdId))
    .get();
  if (!household) throw appError("NOT_FOUND", "Ce foyer est introuvable.");
  const user = db
    .select({ id: users.id, login: users.login, disabledAt: users.disabledAt })
    .from(users)
    .where(and(eq(users.householdId, household.id), eq(users.role, "parent")))
    .orderBy(asc(users.id))
    .get();
  if (!user) throw appError("NOT_FOUND", "Ce foyer n'a pas de compte famille.");
  return { household, user };
}

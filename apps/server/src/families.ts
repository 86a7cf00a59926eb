/**
 * Families of one child each, written straight into a database on top of the demo: the server's
 * warm-up (`warm-up.ts`) and the opening rush (`bench/rush.ts`) book with them.
 */
import { activities, schools, seasons, type TDb } from "@ef/db";
import { eq } from "drizzle-orm";

/** The demo's holiday activity for elementary children: the one the summer rush is about. */
export const HOLIDAY_ACTIVITY_CODE = "vacances_elementaires";

export type THolidayActivity = { id: number; seasonId: number; schoolId: number | null };

/** That activity, and an elementary school for the children; null without the demo. */
export function holidayActivity(db: TDb): THolidayActivity | null {
  const activity = db
    .select({ id: activities.id, seasonId: activities.seasonId })
    .from(activities)
    .innerJoin(seasons, eq(seasons.id, activities.seasonId))
    .where(eq(activities.code, HOLIDAY_ACTIVITY_CODE))
    .get();
  if (!activity) return null;
  const school = db
    .select({ id: schools.id })
    .from(schools)
    .where(eq(schools.kind, "elementaire"))
    .get();
  return { ...activity, schoolId: school?.id ?? null };
}

export type TAddedFamily = {
  index: number;
  /** Account code (`R00001`); the login is the same in lower case. */
  code: string;
  login: string;
  name: string;
  email: string;
  qf: number;
  householdId: number;
  userId: number;
  childId: number;
};

/**
 * `count` households of Albertville, each with a parent account and one child in CE2 (born on
 * `birthDate`) registered to `activity`, in one transaction.
 */
export function addFamilies(
  db: TDb,
  activity: THolidayActivity,
  count: number,
  opts: {
    /** One letter: codes are this letter and 5 digits. */
    prefix: string;
    name: (index: number) => string;
    /** The children's last name. */
    lastName: string;
    emailDomain: string;
    passwordHash: string;
    birthDate: string;
    now: Date;
  },
): TAddedFamily[] {
  const nowIso = opts.now.toISOString();
  const c = db.$client;
  const insertHousehold = c.prepare(
    `insert into households (account_code, name, address_line, postal_code, city, resident, qf,
       qf_valid_until, qf_source, qf_updated_at, email, phone, created_at)
     values (?, ?, ?, '73200', 'Albertville', 1, ?, '2099-08-31', 'CAF', ?, ?, ?, ?)`,
  );
  const insertUser = c.prepare(
    `insert into users (login, role, household_id, display_name, email, password_hash,
       must_change_password, password_changed_at, created_at)
     values (?, 'parent', ?, ?, ?, ?, 0, ?, ?)`,
  );
  const insertChild = c.prepare(
    `insert into children (household_id, first_name, last_name, birth_date, school_id, class_level,
       created_at)
     values (?, ?, ?, ?, ?, 'CE2', ?)`,
  );
  const insertRegistration = c.prepare(
    `insert into registrations (child_id, activity_id, season_id, status, created_at, decided_at)
     values (?, ?, ?, 'validated', ?, ?)`,
  );
  const families: TAddedFamily[] = [];
  c.transaction(() => {
    for (let i = 0; i < count; i++) {
      const code = `${opts.prefix}${String(i + 1).padStart(5, "0")}`;
      const login = code.toLowerCase();
      const name = opts.name(i);
      const email = `${login}@${opts.emailDomain}`;
      const qf = 300 + ((i * 137) % 2000);
      const phone = `06 00 ${String(Math.floor(i / 100) % 100).padStart(2, "0")} ${String(i % 100).padStart(2, "0")} 00`;
      const householdId = Number(
        insertHousehold.run(
          code,
          name,
          `${1 + (i % 120)} rue de la République`,
          qf,
          nowIso,
          email,
          phone,
          nowIso,
        ).lastInsertRowid,
      );
      const userId = Number(
        insertUser.run(login, householdId, name, email, opts.passwordHash, nowIso, nowIso)
          .lastInsertRowid,
      );
      const childId = Number(
        insertChild.run(
          householdId,
          `Enfant${i + 1}`,
          opts.lastName,
          opts.birthDate,
          activity.schoolId,
          nowIso,
        ).lastInsertRowid,
      );
      insertRegistration.run(childId, activity.id, activity.seasonId, nowIso, nowIso);
      families.push({ index: i, code, login, name, email, qf, householdId, userId, childId });
    }
  })();
  return families;
}

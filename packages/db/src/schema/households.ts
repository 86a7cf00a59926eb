import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { bool, day, id, instant } from "./common";

/** A family (foyer): the unit that logs in, books and pays. */
export const households = sqliteTable(
  "households",
  {
    id: id(),
    /** Login identifier handed out by the guichet unique, e.g. `F00123`. */
    accountCode: text("account_code").notNull(),
    /** Display name, e.g. "Famille Martin". */
    name: text("name").notNull(),
    addressLine: text("address_line").notNull().default(""),
    postalCode: text("postal_code").notNull().default(""),
    city: text("city").notNull().default(""),
    /** Lives in the town: residents' tariffs. */
    resident: bool("resident").notNull().default(true),
    /** Quotient familial in euros; null = unknown (highest bracket applies). */
    qf: integer("qf"),
    qfValidUntil: day("qf_valid_until"),
    qfSource: text("qf_source"),
    qfUpdatedAt: instant("qf_updated_at"),
    email: text("email").notNull().default(""),
    phone: text("phone").notNull().default(""),
    createdAt: instant("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("households_account_code_uq").on(t.accountCode),
    index("households_name_idx").on(sql`lower(${t.name})`),
    index("households_phone_idx").on(t.phone),
  ],
);

/** The adults of a household (contacts, legal guardians). */
export const guardians = sqliteTable(
  "guardians",
  {
    id: id(),
    householdId: integer("household_id")
      .notNull()
      .references(() => households.id, { onDelete: "cascade" }),
    firstName: text("first_name").notNull(),
    lastName: text("last_name").notNull(),
    relationship: text("relationship").notNull().default("parent"),
    email: text("email").notNull().default(""),
    phone: text("phone").notNull().default(""),
    createdAt: instant("created_at").notNull(),
  },
  (t) => [
    index("guardians_household_idx").on(t.householdId),
    index("guardians_last_name_idx").on(sql`lower(${t.lastName})`),
    index("guardians_phone_idx").on(t.phone),
  ],
);

export const schools = sqliteTable("schools", {
  id: id(),
  name: text("name").notNull(),
  /** maternelle | elementaire | college */
  kind: text("kind", { enum: ["maternelle", "elementaire", "college"] }).notNull(),
  city: text("city").notNull().default("Albertville"),
});

export const children = sqliteTable(
  "children",
  {
    id: id(),
    householdId: integer("household_id")
      .notNull()
      .references(() => households.id, { onDelete: "cascade" }),
    firstName: text("first_name").notNull(),
    lastName: text("last_name").notNull(),
    birthDate: day("birth_date").notNull(),
    schoolId: integer("school_id").references(() => schools.id),
    /** PS, MS, GS, CP, CE1, CE2, CM1, CM2, 6e, 5e, 4e, 3e, 2nde… */
    classLevel: text("class_level"),
    /** Allergies, diet, treatment: seen by the family and staff only. */
    healthNotes: text("health_notes").notNull().default(""),
    /** Projet d'accueil individualisé. */
    pai: bool("pai").notNull().default(false),
    /** Photo, leaving alone, people allowed to pick up… as JSON. */
    authorisations: text("authorisations", { mode: "json" })
      .$type<{ photo?: boolean; leaveAlone?: boolean; pickup?: string[] }>()
      .notNull()
      .default({}),
    createdAt: instant("created_at").notNull(),
  },
  (t) => [
    index("children_household_idx").on(t.householdId),
    index("children_first_name_idx").on(sql`lower(${t.firstName})`),
    index("children_last_name_idx").on(sql`lower(${t.lastName})`),
  ],
);

/**
 * Generated households for benchmarks: plausible families of the Albertville area, deterministic
 * for a given seed, written in batches. All generated parents share one password.
 */
import { hashPassword } from "@ef/auth";
import { asc, desc, getTableColumns, gte, is, lte, SQL, sql } from "drizzle-orm";
import { getTableConfig, type SQLiteTable } from "drizzle-orm/sqlite-core";
import { immediate, type TDb } from "../client";
import {
  children,
  dossierPieces,
  dossiers,
  guardians,
  households,
  pieceKinds,
  schools,
  seasons,
  users,
} from "../schema/index";

/** The password of every generated parent account. */
export const GENERATED_FAMILY_PASSWORD = "Famille-Demo-2026";

/** mulberry32: a small, fast, seeded PRNG returning numbers in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A list written as one comma-separated string. */
function list(items: string): readonly string[] {
  return items.split(",").map((x) => x.trim());
}

const LAST_NAMES = list(
  "Bozon, Gachet, Perrier, Mollier, Favre, Jacquier, Chevallier, Blanc, Domenge, Girard, " +
    "Dubois, Moreau, Laurent, Simon, Michel, Lefebvre, Leroy, Roux, David, Bertrand, Morel, " +
    "Fournier, Girod, Bonnet, Dupont, Lambert, Fontaine, Rousseau, Vincent, Muller, Faure, " +
    "André, Mercier, Guerin, Boyer, Garnier, Chevalier, François, Legrand, Gauthier, Garcia, " +
    "Perrin, Robin, Clément, Morin, Nicolas, Henry, Roussel, Mathieu, Gautier, Masson, " +
    "Marchand, Duval, Denis, Dumont, Marie, Lemaire, Noël, Meyer, Dufour, Meunier, Brun, " +
    "Blanchard, Giraud, Joly, Rivière, Lucas, Brunet, Gaillard, Barbier, Arnaud, Martinez, " +
    "Gérard, Roche, Renard, Schmitt, Roy, Leroux, Colin, Vidal, Caron, Picard, Roger, Fabre, " +
    "Aubert, Lemoine, Renaud, Dumas, Lacroix, Olivier, Philippe, Bourgeois, Pierre, Benoît, " +
    "Rey, Léger, Pellissier, Arpin, Tissot, Viallet, Bal, Cattin, Ract, Jay, Gros, Buisson, " +
    "Tardy, Grosset, Vernaz, Revil, Bochet, Mugnier, Excoffier, Diallo, Benali, Haddad, " +
    "Nguyen, Da Silva, Ferreira, Rossi, Yilmaz, Kaya",
);

const GIRL_NAMES = list(
  "Emma, Jade, Louise, Alice, Chloé, Lina, Rose, Léna, Mia, Anna, Inès, Julia, Ambre, " +
    "Léonie, Agathe, Juliette, Zoé, Manon, Lou, Romy, Iris, Nina, Camille, Sarah, Eva, " +
    "Margaux, Lucie, Clémence, Capucine, Adèle, Victoire, Mila, Elsa",
);
const BOY_NAMES = list(
  "Gabriel, Léo, Raphaël, Louis, Arthur, Jules, Adam, Maël, Lucas, Hugo, Noah, Liam, " +
    "Sacha, Gabin, Nathan, Tom, Éthan, Paul, Aaron, Théo, Mathis, Nolan, Axel, Victor, " +
    "Martin, Robin, Baptiste, Antoine, Timéo, Yanis, Malo, Simon",
);
const MOTHER_NAMES = list(
  "Claire, Julie, Marie, Aurélie, Émilie, Céline, Sandrine, Stéphanie, Laure, Élodie, " +
    "Caroline, Anne, Sophie, Virginie, Nadia, Sarah, Camille, Mélanie, Amandine, Audrey, " +
    "Fatima, Charlotte, Pauline, Marion, Hélène, Delphine",
);
const FATHER_NAMES = list(
  "Thomas, Nicolas, Julien, Sébastien, Mathieu, Pierre, Jérôme, Guillaume, Romain, Maxime, " +
    "Alexandre, Olivier, Damien, Cédric, Karim, Florian, Benoît, Vincent, Laurent, Fabien, " +
    "Yann, Mehdi, Arnaud, Christophe, David, François",
);

const STREETS = list(
  "rue de la République, avenue Jean Jaurès, rue Gambetta, place de l'Europe, " +
    "chemin des Galibouds, rue du Val des Roses, avenue de Winnenden, rue Pasteur, " +
    "quai des Allobroges, rue Félix Chautemps, montée Adolphe Hugues, rue Pargoud, " +
    "avenue des Chasseurs Alpins, rue de la Poste, chemin de la Pierre du Roy, " +
    "rue du Docteur Mathias, avenue du Champ de Mars, rue des Fleurs, route de Tours, " +
    "rue Président Coty, chemin de Saint-Sigismond, rue Aristide Briand",
);
const NEIGHBOUR_TOWNS = [
  ["Ugine", "73400"],
  ["Gilly-sur-Isère", "73200"],
  ["Grignon", "73200"],
  ["Frontenex", "73460"],
  ["Tournon", "73460"],
  ["Pallud", "73200"],
  ["Mercury", "73200"],
  ["Venthon", "73200"],
  ["Monthion", "73200"],
] as const;

const HEALTH_NOTES: readonly (readonly [string, boolean])[] = [
  ["Allergie aux fruits à coque", true],
  ["Asthme : Ventoline dans le sac", true],
  ["Intolérance au lactose", false],
  ["Allergie au gluten (maladie cœliaque)", true],
  ["Porte des lunettes", false],
  ["Repas sans porc", false],
  ["Repas végétarien", false],
];

/** Class levels by years since entering petite section. */
const CLASS_LEVELS = list("PS, MS, GS, CP, CE1, CE2, CM1, CM2, 6e, 5e, 4e, 3e, 2nde, 1re, Tle");

function schoolKindOf(level: number): "maternelle" | "elementaire" | "college" | null {
  if (level <= 2) return "maternelle";
  if (level <= 7) return "elementaire";
  if (level <= 11) return "college";
  return null;
}

/** The local day in Europe/Paris of an instant. */
function parisDay(at: Date): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: "Europe/Paris",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(at);
}

function ascii(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .toLowerCase();
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/** The season of `today`, else the next one, else the latest; null when there is none. */
function currentSeason(db: TDb, today: string) {
  const cols = { id: seasons.id, startsOn: seasons.startsOn, endsOn: seasons.endsOn };
  return (
    db
      .select(cols)
      .from(seasons)
      .where(sql`${lte(seasons.startsOn, today)} and ${gte(seasons.endsOn, today)}`)
      .get() ??
    db
      .select(cols)
      .from(seasons)
      .where(gte(seasons.startsOn, today))
      .orderBy(asc(seasons.startsOn))
      .get() ??
    db.select(cols).from(seasons).orderBy(desc(seasons.startsOn)).get() ??
    null
  );
}

function maxId(db: TDb, table: SQLiteTable & { id: unknown }): number {
  const row = db.get<{ m: number | null }>(sql`select max(id) as m from ${table}`);
  return row?.m ?? 0;
}

/**
 * Inserts rows through one prepared statement per table, built from the drizzle table (columns,
 * static defaults, value mapping): much faster than building a query per chunk of rows.
 */
function bulkInserter<T extends SQLiteTable>(db: TDb, table: T) {
  const { name } = getTableConfig(table);
  const columns = Object.entries(getTableColumns(table));
  const statement = db.$client.prepare(
    `insert into "${name}" (${columns.map(([, c]) => `"${c.name}"`).join(", ")}) ` +
      `values (${columns.map(() => "?").join(", ")})`,
  );
  return (rows: readonly T["$inferInsert"][]) => {
    for (const row of rows) {
      const values = columns.map(([key, column]) => {
        let value = (row as Record<string, unknown>)[key];
        if (value === undefined) {
          if (is(column.default, SQL)) throw new Error(`${name}.${column.name} : défaut SQL`);
          value = column.default ?? null;
        }
        return value === null ? null : column.mapToDriverValue(value);
      });
      statement.run(values);
    }
  };
}

const BATCH = 1000;

/**
 * Adds `n` generated households (account codes after the highest one), each with one or two
 * guardians, one to three children aged 3 to 17, a parent account (password
 * `GENERATED_FAMILY_PASSWORD`) and, when a season exists, a dossier — complete for about 80 %.
 */
export async function seedFamilies(
  db: TDb,
  n: number,
  opts: { now: Date; seed?: number },
): Promise<void> {
  if (!Number.isInteger(n) || n < 0) throw new Error(`Nombre de foyers invalide : ${n}`);
  if (n === 0) return;
  const passwordHash = await hashPassword(GENERATED_FAMILY_PASSWORD);
  const rand = prng(opts.seed ?? 20262027);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
  const now = opts.now.toISOString();
  const today = parisDay(opts.now);

  const season = currentSeason(db, today);
  // School year of the generated class levels: the season's, else the one of today.
  const [y, m] = today.split("-").map(Number) as [number, number];
  const schoolYear = season ? Number(season.startsOn.slice(0, 4)) : m >= 9 ? y : y - 1;
  const schoolIdsByKind = new Map<string, number[]>();
  for (const s of db.select({ id: schools.id, kind: schools.kind }).from(schools).all()) {
    schoolIdsByKind.set(s.kind, [...(schoolIdsByKind.get(s.kind) ?? []), s.id]);
  }

  let done = 0;
  while (done < n) {
    const size = Math.min(BATCH, n - done);
    immediate(db, (tx) => {
      const last = tx.get<{ m: number | null }>(
        sql`select max(cast(substr(${households.accountCode}, 2) as integer)) as m from ${households} where ${households.accountCode} like 'F%'`,
      );
      let code = last?.m ?? 0;
      let householdId = maxId(tx, households);
      let dossierId = maxId(tx, dossiers);
      const householdRows: (typeof households.$inferInsert)[] = [];
      const guardianRows: (typeof guardians.$inferInsert)[] = [];
      const childRows: (typeof children.$inferInsert)[] = [];
      const userRows: (typeof users.$inferInsert)[] = [];
      const dossierRows: (typeof dossiers.$inferInsert)[] = [];
      const pieceRows: (typeof dossierPieces.$inferInsert)[] = [];

      for (let i = 0; i < size; i++) {
        code += 1;
        householdId += 1;
        const accountCode = `F${String(code).padStart(5, "0")}`;
        const lastName = pick(LAST_NAMES);
        const resident = rand() < 0.85;
        const [city, postalCode] = resident
          ? (["Albertville", "73200"] as const)
          : pick(NEIGHBOUR_TOWNS);
        const qf = rand() < 0.05 ? null : int(150, 2400);
        const phone = `0${pick([6, 7])} ${pad2(int(0, 99))} ${pad2(int(0, 99))} ${pad2(int(0, 99))} ${pad2(int(0, 99))}`;
        const mother = pick(MOTHER_NAMES);
        const father = pick(FATHER_NAMES);
        const email = `${ascii(rand() < 0.6 ? mother : father)}.${ascii(lastName)}.${code}@example.fr`;
        const name = `Famille ${lastName}`;
        householdRows.push({
          id: householdId,
          accountCode,
          name,
          addressLine: `${int(1, 120)} ${pick(STREETS)}`,
          postalCode,
          city,
          resident,
          qf,
          qfValidUntil: qf === null ? null : `${schoolYear + 1}-08-31`,
          qfSource: qf === null ? null : rand() < 0.9 ? "CAF" : "MSA",
          qfUpdatedAt: qf === null ? null : now,
          email,
          phone,
          createdAt: now,
        });

        const twoParents = rand() < 0.75;
        const motherFirst = rand() < 0.7 || !twoParents;
        const adults: [string, string][] = twoParents
          ? [
              [mother, "mère"],
              [father, "père"],
            ]
          : [rand() < 0.8 ? [mother, "mère"] : [father, "père"]];
        if (!motherFirst) adults.reverse();
        adults.forEach(([firstName, relationship], k) => {
          guardianRows.push({
            householdId,
            firstName,
            lastName,
            relationship,
            email: k === 0 ? email : "",
            phone: k === 0 ? phone : "",
            createdAt: now,
          });
        });

        const roll = rand();
        const childCount = roll < 0.4 ? 1 : roll < 0.8 ? 2 : 3;
        const levels = new Set<number>();
        while (levels.size < childCount) levels.add(int(0, CLASS_LEVELS.length - 1));
        for (const level of levels) {
          const girl = rand() < 0.5;
          const birthYear = schoolYear - 3 - level;
          // Petite section: 3 years old by the rentrée (born January to August).
          const month = level === 0 ? int(1, 8) : int(1, 12);
          const day = int(1, month === 2 ? 28 : 30);
          const kind = schoolKindOf(level);
          const schoolIds = kind ? schoolIdsByKind.get(kind) : undefined;
          const health = rand() < 0.1 ? pick(HEALTH_NOTES) : null;
          childRows.push({
            householdId,
            firstName: pick(girl ? GIRL_NAMES : BOY_NAMES),
            lastName,
            birthDate: `${birthYear}-${pad2(month)}-${pad2(day)}`,
            schoolId: schoolIds?.length ? pick(schoolIds) : null,
            classLevel: CLASS_LEVELS[level] ?? null,
            healthNotes: health?.[0] ?? "",
            pai: health?.[1] ?? false,
            authorisations: { photo: rand() < 0.85, leaveAlone: level >= 8, pickup: [] },
            createdAt: now,
          });
        }

        userRows.push({
          login: accountCode.toLowerCase(),
          role: "parent",
          householdId,
          displayName: name,
          email,
          passwordHash,
          mustChangePassword: false,
          passwordChangedAt: now,
          createdAt: now,
        });

        if (season) {
          dossierId += 1;
          const complete = rand() < 0.8;
          dossierRows.push({
            id: dossierId,
            householdId,
            seasonId: season.id,
            status: complete ? "complete" : "incomplete",
            completedAt: complete ? now : null,
          });
          // An incomplete dossier misses at least one piece.
          const missing = complete ? null : pick(pieceKinds);
          for (const kind of pieceKinds) {
            const accepted = complete || (kind !== missing && rand() < 0.5);
            pieceRows.push({
              dossierId,
              kind,
              status: accepted ? "accepted" : "missing",
              reviewedAt: accepted ? now : null,
            });
          }
        }
      }

      bulkInserter(tx, households)(householdRows);
      bulkInserter(tx, guardians)(guardianRows);
      bulkInserter(tx, children)(childRows);
      bulkInserter(tx, users)(userRows);
      bulkInserter(tx, dossiers)(dossierRows);
      bulkInserter(tx, dossierPieces)(pieceRows);
    });
    done += size;
  }
}

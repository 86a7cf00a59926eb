/**
 * The demo of Albertville: season 2026-2027 (zone A), the catalogue, two families, an agent and
 * an admin, a little history (Léa's lunches in December), news and documents.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { hashPassword } from "@ef/auth";
import { immediate, type TDb } from "../client";
import {
  activities,
  activityGroups,
  activitySessions,
  activityTypes,
  calendarPeriods,
  children,
  documents,
  dossierPieces,
  dossiers,
  guardians,
  households,
  news,
  pieceKinds,
  registrations,
  reservations,
  schools,
  seasons,
  tariffs,
  users,
} from "../schema/index";
import {
  ACTIVITIES,
  ACTIVITY_TYPES,
  CALENDAR,
  euros,
  gridPrice,
  QF_BRACKETS,
  SCHOOLS,
  SEASON,
  type TActivityData,
  type TSchoolKey,
} from "./albertville";
import { textPdf } from "./pdf";

export type TDemoAccount = { login: string; password: string; who: string };

/** The demo accounts, as printed at start (DESIGN.md). */
export const DEMO_ACCOUNTS: readonly TDemoAccount[] = [
  {
    login: "F00001",
    password: "Martin-Albertville-2026",
    who: "famille Martin, dossier complet : Léa (née le 14/05/2018, CE2) et Hugo (né le 02/03/2014, 5e)",
  },
  {
    login: "F00002",
    password: "Bernard-Albertville-2026",
    who: "famille Bernard, dossier incomplet : Jade (née le 30/09/2021, GS)",
  },
  { login: "agent", password: "Guichet-Albertville-2026", who: "agent du guichet unique" },
  { login: "admin", password: "Admin-Albertville-2026", who: "administrateur" },
];

/** True when the database holds any household or user: the demo must not be written again. */
export function isSeeded(db: TDb): boolean {
  const household = db.select({ id: households.id }).from(households).limit(1).get();
  if (household) return true;
  const user = db.select({ id: users.id }).from(users).limit(1).get();
  return user !== undefined;
}

/** Léa's booked lunches (Thursday 3 → Tuesday 8 December 2026, school days only). */
const LEA_LUNCH_DAYS = ["2026-12-03", "2026-12-04", "2026-12-07", "2026-12-08"] as const;

type TDocumentData = {
  title: string;
  description: string;
  category: "reglement" | "tarifs" | "menus" | "autre";
  fileName: string;
  lines: string[];
};

function tariffLines(): string[] {
  const brackets = QF_BRACKETS.map(([min, max]) =>
    max === null ? `QF ≥ ${min}` : `QF ${min}-${max}`,
  ).map((s) => s.replace("≥", ">="));
  const unitLabel = { day: "la journée", session: "la séance", registration: "la saison" };
  const lines = [
    "Tarifs votés par le conseil municipal, selon le quotient familial (QF) CAF ou MSA du foyer.",
    "Sans justificatif de QF en cours de validité, le tarif de la tranche la plus haute s'applique.",
    `Tranches : ${brackets.join(" | ")}.`,
    "",
  ];
  for (const type of ACTIVITY_TYPES) {
    lines.push(type.label.toUpperCase());
    for (const a of ACTIVITIES.filter((x) => x.type === type.code)) {
      lines.push(`${a.name} — prix pour ${unitLabel[a.grid.unit]}`);
      lines.push(`   Albertvillois : ${a.grid.resident.map(euros).join(" / ")}`);
      lines.push(`   Extérieurs : ${a.grid.nonResident.map(euros).join(" / ")}`);
    }
    lines.push("");
  }
  lines.push("Territoire Jeune : chaque sortie ou atelier a son prix, indiqué à l'inscription.");
  return lines;
}

const DEMO_DOCUMENTS: readonly TDocumentData[] = [
  {
    title: "Règlement intérieur des accueils 2026-2027",
    description:
      "Règles communes aux accueils périscolaires, aux accueils de loisirs, à l'EMS et au " +
      "Territoire Jeune : inscriptions, réservations, annulations, facturation.",
    category: "reglement",
    fileName: "reglement-2026-2027.pdf",
    lines: [
      "Ville d'Albertville — Guichet unique, Hôtel de ville, 12 cours de l'Hôtel de ville, 73200 Albertville",
      "",
      "Article 1 — Dossier Pass'Enfance Jeunesse",
      "Chaque année, la famille remet un dossier complet : fiche sanitaire, copie des vaccinations,",
      "attestation d'assurance, justificatif du quotient familial et règlement intérieur signé.",
      "Les inscriptions sont validées dès que le dossier est complet.",
      "",
      "Article 2 — Réservations",
      "Les jours d'accueil se réservent sur l'Espace Famille. Accueils périscolaires : jusqu'à deux",
      "jours ouvrés avant, avant 12:00 (les week-ends ne sont pas comptés). Accueils de loisirs :",
      "jusqu'à sept jours avant, avant 12:00, dans la limite des places disponibles.",
      "",
      "Article 3 — Annulations et absences",
      "Une réservation peut être annulée dans les mêmes délais. Passé ce délai, elle est facturée,",
      "sauf absence pour maladie justifiée par un certificat médical remis sous huit jours.",
      "",
      "Article 4 — Facturation et paiement",
      "Les accueils périscolaires sont facturés chaque mois, à terme échu. Les accueils de loisirs,",
      "l'EMS et le Territoire Jeune se paient en ligne (PayFiP) à la réservation ou à l'inscription.",
      "",
      "Article 5 — Santé",
      "Aucun médicament n'est donné sans projet d'accueil individualisé (PAI). Les allergies",
      "alimentaires doivent être signalées au guichet unique.",
    ],
  },
  {
    title: "Grille des tarifs 2026-2027",
    description:
      "Prix de chaque activité selon le quotient familial, pour les Albertvillois et les extérieurs.",
    category: "tarifs",
    fileName: "tarifs-2026-2027.pdf",
    lines: tariffLines(),
  },
  {
    title: "Menus de décembre",
    description: "Les repas servis dans les restaurants scolaires en décembre 2026.",
    category: "menus",
    fileName: "menus-decembre-2026.pdf",
    lines: [
      "Cuisine centrale d'Albertville — produits locaux et de saison, un repas végétarien par semaine.",
      "",
      "Semaine du 30 novembre",
      "Lundi : velouté de potiron, filet de poulet, gratin dauphinois, fromage blanc",
      "Mardi : carottes râpées, lasagnes végétariennes, salade verte, clémentine",
      "Jeudi : salade de lentilles, sauté de porc aux pruneaux (ou poisson), haricots verts, yaourt",
      "Vendredi : œuf mayonnaise, poisson pané, riz pilaf, tomme de Savoie, pomme",
      "",
      "Semaine du 7 décembre",
      "Lundi : betteraves vinaigrette, diots de Savoie (ou omelette), polenta, compote",
      "Mardi : potage de légumes, crozets au beaufort, salade verte, poire",
      "Jeudi : chou blanc aux pommes, bœuf bourguignon, purée, flan à la vanille",
      "Vendredi : pamplemousse, filet de colin, épinards à la crème, fromage, kiwi",
      "",
      "Semaine du 14 décembre",
      "Lundi : salade piémontaise, boulettes de pois chiches, carottes, yaourt aux fruits",
      "Mardi : velouté de butternut, rôti de dinde, pommes de terre, reblochon, orange",
      "Jeudi : repas de Noël — terrine de saumon, suprême de volaille, gratin, bûche glacée",
      "Vendredi : taboulé, tartiflette (ou tartiflette végétarienne), salade, clémentine",
    ],
  },
  {
    title: "Calendrier scolaire 2026-2027",
    description: "Vacances de la zone A, jours fériés et fermetures des accueils.",
    category: "autre",
    fileName: "calendrier-2026-2027.pdf",
    lines: [
      `Rentrée des classes : mardi 1er septembre 2026. Jours d'école : lundi, mardi, jeudi, vendredi.`,
      "",
      ...CALENDAR.map((p) =>
        p.startsOn === p.endsOn
          ? `${p.label} : ${frenchDate(p.startsOn)}`
          : `${p.label} : du ${frenchDate(p.startsOn)} au ${frenchDate(p.endsOn)}`,
      ),
    ],
  },
];

function frenchDate(day: string): string {
  const [y, m, d] = day.split("-");
  return `${d}/${m}/${y}`;
}

function writeDocumentFiles(dataDir: string) {
  const folder = join(dataDir, "documents");
  mkdirSync(folder, { recursive: true });
  return DEMO_DOCUMENTS.map((doc) => {
    const pdf = textPdf(doc.title, doc.lines);
    writeFileSync(join(folder, doc.fileName), pdf);
    return { ...doc, filePath: `documents/${doc.fileName}`, sizeBytes: pdf.length };
  });
}

/** Scanned pieces of the families' dossiers: small PDFs under `dossiers/<account code>/`. */
function writePieceFile(dataDir: string, accountCode: string, kind: string, title: string) {
  const folder = join(dataDir, "dossiers", accountCode);
  mkdirSync(folder, { recursive: true });
  const fileName = `${kind}.pdf`;
  const pdf = textPdf(title, [`Pièce du dossier Pass'Enfance Jeunesse 2026-2027 — ${accountCode}`]);
  writeFileSync(join(folder, fileName), pdf);
  return {
    filePath: `dossiers/${accountCode}/${fileName}`,
    fileName,
    mimeType: "application/pdf",
    sizeBytes: pdf.length,
  };
}

const PIECE_TITLES: Record<(typeof pieceKinds)[number], string> = {
  fiche_sanitaire: "Fiche sanitaire de liaison",
  vaccinations: "Copie du carnet de vaccinations",
  assurance: "Attestation d'assurance responsabilité civile 2026-2027",
  justificatif_qf: "Attestation de quotient familial CAF",
  reglement: "Règlement intérieur signé",
};

function daysBefore(now: Date, days: number): string {
  return new Date(now.getTime() - days * 86_400_000).toISOString();
}

/**
 * Fills an empty, migrated database with the demo of Albertville, in one transaction. Writes the
 * documents' PDFs under `dataDir`. Returns the demo accounts and their passwords.
 */
export async function seedDemo(
  db: TDb,
  opts: { dataDir: string; now: Date },
): Promise<TDemoAccount[]> {
  if (isSeeded(db)) throw new Error("La base contient déjà des foyers ou des comptes.");
  const now = opts.now.toISOString();

  // Slow work first, outside the transaction.
  const hashes = await Promise.all(DEMO_ACCOUNTS.map((a) => hashPassword(a.password)));
  const hashOf = (login: string) => {
    const i = DEMO_ACCOUNTS.findIndex((a) => a.login === login);
    const h = hashes[i];
    if (h === undefined) throw new Error(`Compte de démonstration inconnu : ${login}`);
    return h;
  };
  const docs = writeDocumentFiles(opts.dataDir);
  const martinPieces = pieceKinds.map((kind) => ({
    kind,
    file: writePieceFile(opts.dataDir, "F00001", kind, PIECE_TITLES[kind]),
  }));
  const bernardSheet = writePieceFile(
    opts.dataDir,
    "F00002",
    "fiche_sanitaire",
    PIECE_TITLES.fiche_sanitaire,
  );

  immediate(db, (tx) => {
    // Season and calendar.
    const season = tx
      .insert(seasons)
      .values({ ...SEASON, registrationOpen: true })
      .returning({ id: seasons.id })
      .get();
    tx.insert(calendarPeriods)
      .values(CALENDAR.map((p) => ({ ...p, seasonId: season.id })))
      .run();

    // Schools.
    const schoolIds = new Map<TSchoolKey, number>();
    for (const s of SCHOOLS) {
      const row = tx
        .insert(schools)
        .values({ name: s.name, kind: s.kind, city: "Albertville" })
        .returning({ id: schools.id })
        .get();
      schoolIds.set(s.key, row.id);
    }
    const schoolId = (key: TSchoolKey) => {
      const found = schoolIds.get(key);
      if (found === undefined) throw new Error(`École inconnue : ${key}`);
      return found;
    };

    // Activity types and activities.
    const typeIds = new Map<string, number>();
    ACTIVITY_TYPES.forEach((t, position) => {
      const row = tx
        .insert(activityTypes)
        .values({ ...t, position })
        .returning({ id: activityTypes.id })
        .get();
      typeIds.set(t.code, row.id);
    });
    const activityIds = new Map<string, number>();
    ACTIVITIES.forEach((a: TActivityData, position) => {
      const typeId = typeIds.get(a.type);
      if (typeId === undefined) throw new Error(`Type d'activité inconnu : ${a.type}`);
      const { grid, groups, sessions, type: _type, ...fields } = a;
      const row = tx
        .insert(activities)
        .values({ ...fields, typeId, seasonId: season.id, classLevels: null, position })
        .returning({ id: activities.id })
        .get();
      activityIds.set(a.code, row.id);
      tx.insert(tariffs)
        .values(
          QF_BRACKETS.flatMap(([qfMin, qfMax], i) => [
            {
              activityId: row.id,
              qfMin,
              qfMax,
              resident: true,
              priceCents: grid.resident[i] ?? 0,
              unit: grid.unit,
            },
            {
              activityId: row.id,
              qfMin,
              qfMax,
              resident: false,
              priceCents: grid.nonResident[i] ?? 0,
              unit: grid.unit,
            },
          ]),
        )
        .run();
      if (groups?.length) {
        tx.insert(activityGroups)
          .values(groups.map((g) => ({ ...g, activityId: row.id })))
          .run();
      }
      if (sessions?.length) {
        tx.insert(activitySessions)
          .values(sessions.map((s) => ({ ...s, activityId: row.id })))
          .run();
      }
    });

    // Staff.
    const agent = tx
      .insert(users)
      .values({
        login: "agent",
        role: "agent",
        displayName: "Agent du guichet unique",
        email: "guichet.unique@albertville.example.fr",
        passwordHash: hashOf("agent"),
        mustChangePassword: false,
        passwordChangedAt: now,
        createdAt: now,
      })
      .returning({ id: users.id })
      .get();
    tx.insert(users)
      .values({
        login: "admin",
        role: "admin",
        displayName: "Administrateur de l'Espace Famille",
        email: "espace.famille@albertville.example.fr",
        passwordHash: hashOf("admin"),
        mustChangePassword: false,
        passwordChangedAt: now,
        createdAt: now,
      })
      .run();

    // Famille Martin: resident, QF 950, dossier complete, Léa and Hugo.
    const martin = {
      accountCode: "F00001",
      name: "Famille Martin",
      addressLine: "14 rue de la République",
      postalCode: "73200",
      city: "Albertville",
      resident: true,
      qf: 950,
      qfValidUntil: "2027-08-31",
      qfSource: "CAF",
      qfUpdatedAt: daysBefore(opts.now, 60),
      email: "famille.martin@example.fr",
      phone: "06 12 34 56 78",
      createdAt: daysBefore(opts.now, 60),
    };
    const martinId = tx.insert(households).values(martin).returning({ id: households.id }).get().id;
    tx.insert(guardians)
      .values([
        {
          householdId: martinId,
          firstName: "Claire",
          lastName: "Martin",
          relationship: "mère",
          email: "famille.martin@example.fr",
          phone: "06 12 34 56 78",
          createdAt: martin.createdAt,
        },
        {
          householdId: martinId,
          firstName: "Thomas",
          lastName: "Martin",
          relationship: "père",
          email: "thomas.martin@example.fr",
          phone: "06 87 65 43 21",
          createdAt: martin.createdAt,
        },
      ])
      .run();
    const lea = tx
      .insert(children)
      .values({
        householdId: martinId,
        firstName: "Léa",
        lastName: "Martin",
        birthDate: "2018-05-14",
        schoolId: schoolId("pasteur"),
        classLevel: "CE2",
        healthNotes:
          "Allergie aux arachides : trousse d'urgence (stylo d'adrénaline) dans le cartable.",
        pai: true,
        authorisations: { photo: true, leaveAlone: false, pickup: ["Monique Martin (grand-mère)"] },
        createdAt: martin.createdAt,
      })
      .returning({ id: children.id })
      .get();
    tx.insert(children)
      .values({
        householdId: martinId,
        firstName: "Hugo",
        lastName: "Martin",
        birthDate: "2014-03-02",
        schoolId: schoolId("jeanMoulin"),
        classLevel: "5e",
        healthNotes: "",
        pai: false,
        authorisations: { photo: true, leaveAlone: true, pickup: [] },
        createdAt: martin.createdAt,
      })
      .run();
    const martinUser = tx
      .insert(users)
      .values({
        login: "f00001",
        role: "parent",
        householdId: martinId,
        displayName: martin.name,
        email: martin.email,
        passwordHash: hashOf("F00001"),
        mustChangePassword: false,
        passwordChangedAt: now,
        createdAt: martin.createdAt,
      })
      .returning({ id: users.id })
      .get();
    const martinDossier = tx
      .insert(dossiers)
      .values({
        householdId: martinId,
        seasonId: season.id,
        status: "complete",
        completedAt: daysBefore(opts.now, 45),
      })
      .returning({ id: dossiers.id })
      .get();
    tx.insert(dossierPieces)
      .values(
        martinPieces.map(({ kind, file }) => ({
          dossierId: martinDossier.id,
          kind,
          status: "accepted" as const,
          ...file,
          uploadedAt: daysBefore(opts.now, 50),
          reviewedAt: daysBefore(opts.now, 45),
          reviewedBy: agent.id,
        })),
      )
      .run();

    // Famille Bernard: resident, QF 620, dossier incomplete (one piece sent), Jade.
    const bernard = {
      accountCode: "F00002",
      name: "Famille Bernard",
      addressLine: "3 avenue Jean Jaurès",
      postalCode: "73200",
      city: "Albertville",
      resident: true,
      qf: 620,
      qfValidUntil: "2027-08-31",
      qfSource: "CAF",
      qfUpdatedAt: daysBefore(opts.now, 20),
      email: "famille.bernard@example.fr",
      phone: "06 45 23 78 90",
      createdAt: daysBefore(opts.now, 20),
    };
    const bernardId = tx
      .insert(households)
      .values(bernard)
      .returning({ id: households.id })
      .get().id;
    tx.insert(guardians)
      .values({
        householdId: bernardId,
        firstName: "Sophie",
        lastName: "Bernard",
        relationship: "mère",
        email: bernard.email,
        phone: bernard.phone,
        createdAt: bernard.createdAt,
      })
      .run();
    tx.insert(children)
      .values({
        householdId: bernardId,
        firstName: "Jade",
        lastName: "Bernard",
        birthDate: "2021-09-30",
        schoolId: schoolId("champDeMars"),
        classLevel: "GS",
        healthNotes: "",
        pai: false,
        authorisations: { photo: false, leaveAlone: false, pickup: ["Nadia Bernard (tante)"] },
        createdAt: bernard.createdAt,
      })
      .run();
    tx.insert(users)
      .values({
        login: "f00002",
        role: "parent",
        householdId: bernardId,
        displayName: bernard.name,
        email: bernard.email,
        passwordHash: hashOf("F00002"),
        mustChangePassword: false,
        passwordChangedAt: now,
        createdAt: bernard.createdAt,
      })
      .run();
    const bernardDossier = tx
      .insert(dossiers)
      .values({ householdId: bernardId, seasonId: season.id, status: "incomplete" })
      .returning({ id: dossiers.id })
      .get();
    tx.insert(dossierPieces)
      .values(
        pieceKinds.map((kind) =>
          kind === "fiche_sanitaire"
            ? {
                dossierId: bernardDossier.id,
                kind,
                status: "uploaded" as const,
                ...bernardSheet,
                uploadedAt: daysBefore(opts.now, 3),
              }
            : { dossierId: bernardDossier.id, kind, status: "missing" as const },
        ),
      )
      .run();

    // Léa: validated to the school lunch (dossier complete), four December days booked.
    const lunch = ACTIVITIES.find((a) => a.code === "restauration");
    const lunchId = activityIds.get("restauration");
    if (!lunch || lunchId === undefined) throw new Error("Restauration scolaire absente");
    const registeredAt = daysBefore(opts.now, 40);
    tx.insert(registrations)
      .values({
        childId: lea.id,
        activityId: lunchId,
        seasonId: season.id,
        status: "validated",
        createdAt: registeredAt,
        createdBy: martinUser.id,
        decidedAt: registeredAt,
      })
      .run();
    const lunchPrice = gridPrice(lunch.grid, martin.qf, martin.resident);
    tx.insert(reservations)
      .values(
        LEA_LUNCH_DAYS.map((date) => ({
          childId: lea.id,
          activityId: lunchId,
          date,
          status: "booked" as const,
          priceCents: lunchPrice,
          createdAt: daysBefore(opts.now, 7),
          createdBy: martinUser.id,
        })),
      )
      .run();

    // News: three published, one draft.
    tx.insert(news)
      .values([
        {
          title: "Bienvenue sur votre Espace Famille",
          body:
            "Inscriptions, réservations, paiements, factures et dossier Pass'Enfance Jeunesse : " +
            "tout se fait désormais en ligne, depuis votre téléphone.\n\n" +
            "Votre identifiant et votre mot de passe vous sont remis par le guichet unique, à " +
            "l'Hôtel de ville. Le guichet reste ouvert du lundi au vendredi, de 08:30 à 12:00 et " +
            "de 13:30 à 17:00, pour vous accompagner.",
          status: "published" as const,
          publishedAt: daysBefore(opts.now, 30),
          createdAt: daysBefore(opts.now, 31),
          updatedAt: daysBefore(opts.now, 30),
        },
        {
          title: "EMS : inscriptions ouvertes pour le ski de fond",
          body:
            "L'École Municipale des Sports emmène les 8-14 ans sur le domaine nordique des " +
            "Saisies de janvier à mars, le mercredi après-midi ou le samedi matin. Transport et " +
            "matériel fournis.\n\n" +
            "Les places sont limitées à douze par groupe : inscrivez-vous dans « Inscriptions en " +
            "paiement ».",
          status: "published" as const,
          publishedAt: daysBefore(opts.now, 10),
          createdAt: daysBefore(opts.now, 10),
          updatedAt: daysBefore(opts.now, 10),
        },
        {
          title: "Les menus de décembre sont en ligne",
          body:
            "Retrouvez les repas servis dans les restaurants scolaires en décembre dans la " +
            "rubrique Documents. Le repas de Noël sera servi le jeudi 17 décembre.",
          status: "published" as const,
          publishedAt: daysBefore(opts.now, 2),
          createdAt: daysBefore(opts.now, 2),
          updatedAt: daysBefore(opts.now, 2),
        },
        {
          title: "Vacances de Noël : le programme des accueils de loisirs",
          body:
            "Les accueils de loisirs seront ouverts du lundi 21 au jeudi 24 décembre et du lundi " +
            "28 au jeudi 31 décembre. Programme à venir.",
          status: "draft" as const,
          publishedAt: null,
          createdAt: daysBefore(opts.now, 1),
          updatedAt: daysBefore(opts.now, 1),
        },
      ])
      .run();

    // Documents (files written above).
    tx.insert(documents)
      .values(
        docs.map((d) => ({
          title: d.title,
          description: d.description,
          category: d.category,
          filePath: d.filePath,
          fileName: d.fileName,
          mimeType: "application/pdf",
          sizeBytes: d.sizeBytes,
          published: true,
          createdAt: now,
        })),
      )
      .run();
  });

  return DEMO_ACCOUNTS.map((a) => ({ ...a }));
}

/**
 * The demo catalogue of Albertville, season 2026-2027 (zone A): calendar, schools, activity
 * types, activities with their tariff grids, EMS groups and Territoire Jeune sessions.
 * Plain data; `demo.ts` writes it.
 */
import type { TActivityTypeCode } from "../schema/index";

export const SEASON = {
  code: "2026-2027",
  label: "Année scolaire 2026-2027",
  startsOn: "2026-09-01",
  endsOn: "2027-07-03",
  zone: "A",
  schoolWeekdays: "1,2,4,5",
} as const;

type TPeriod = {
  kind: "school_holiday" | "public_holiday" | "closure";
  label: string;
  startsOn: string;
  endsOn: string;
};

/** Zone A school holidays (Saturday → Sunday, both included), public holidays, closures. */
export const CALENDAR: readonly TPeriod[] = [
  {
    kind: "school_holiday",
    label: "Vacances de la Toussaint",
    startsOn: "2026-10-17",
    endsOn: "2026-11-01",
  },
  {
    kind: "school_holiday",
    label: "Vacances de Noël",
    startsOn: "2026-12-19",
    endsOn: "2027-01-03",
  },
  {
    kind: "school_holiday",
    label: "Vacances d'hiver (zone A)",
    startsOn: "2027-02-06",
    endsOn: "2027-02-21",
  },
  {
    kind: "school_holiday",
    label: "Vacances de printemps (zone A)",
    startsOn: "2027-04-03",
    endsOn: "2027-04-18",
  },
  { kind: "school_holiday", label: "Vacances d'été", startsOn: "2027-07-03", endsOn: "2027-08-31" },
  { kind: "public_holiday", label: "Toussaint", startsOn: "2026-11-01", endsOn: "2026-11-01" },
  { kind: "public_holiday", label: "Armistice 1918", startsOn: "2026-11-11", endsOn: "2026-11-11" },
  { kind: "public_holiday", label: "Noël", startsOn: "2026-12-25", endsOn: "2026-12-25" },
  { kind: "public_holiday", label: "Jour de l'an", startsOn: "2027-01-01", endsOn: "2027-01-01" },
  {
    kind: "public_holiday",
    label: "Lundi de Pâques",
    startsOn: "2027-03-29",
    endsOn: "2027-03-29",
  },
  {
    kind: "public_holiday",
    label: "Fête du Travail",
    startsOn: "2027-05-01",
    endsOn: "2027-05-01",
  },
  { kind: "public_holiday", label: "Ascension", startsOn: "2027-05-06", endsOn: "2027-05-06" },
  { kind: "public_holiday", label: "Victoire 1945", startsOn: "2027-05-08", endsOn: "2027-05-08" },
  {
    kind: "public_holiday",
    label: "Lundi de Pentecôte",
    startsOn: "2027-05-17",
    endsOn: "2027-05-17",
  },
  { kind: "closure", label: "Pont de l'Ascension", startsOn: "2027-05-07", endsOn: "2027-05-07" },
];

export type TSchoolKey =
  | "champDeMars"
  | "valDesRosesMat"
  | "pasteurMat"
  | "pasteur"
  | "valDesRoses"
  | "martinSibille"
  | "jeanMoulin"
  | "pierreGrange";

export const SCHOOLS: readonly {
  key: TSchoolKey;
  name: string;
  kind: "maternelle" | "elementaire" | "college";
}[] = [
  { key: "champDeMars", name: "École maternelle du Champ de Mars", kind: "maternelle" },
  { key: "valDesRosesMat", name: "École maternelle du Val des Roses", kind: "maternelle" },
  { key: "pasteurMat", name: "École maternelle Louis Pasteur", kind: "maternelle" },
  { key: "pasteur", name: "École élémentaire Louis Pasteur", kind: "elementaire" },
  { key: "valDesRoses", name: "École élémentaire du Val des Roses", kind: "elementaire" },
  { key: "martinSibille", name: "École élémentaire Martin Sibille", kind: "elementaire" },
  { key: "jeanMoulin", name: "Collège Jean Moulin", kind: "college" },
  { key: "pierreGrange", name: "Collège Pierre Grange", kind: "college" },
];

export const ACTIVITY_TYPES: readonly {
  code: TActivityTypeCode;
  label: string;
  description: string;
}[] = [
  {
    code: "periscolaire",
    label: "Accueils périscolaires",
    description:
      "Accueil du matin, restauration scolaire et accueil du soir, dans les écoles de la ville, " +
      "les jours d'école. Inscription pour l'année, puis réservation des jours sur le planning ; " +
      "facturation mensuelle à terme échu.",
  },
  {
    code: "loisirs",
    label: "Accueils de loisirs",
    description:
      "Les mercredis et les vacances scolaires, à la journée, pour les enfants de 3 à 11 ans. " +
      "Inscription, puis réservation des journées sur le planning ; paiement en ligne à la " +
      "réservation.",
  },
  {
    code: "ems",
    label: "École Municipale des Sports",
    description:
      "Découverte et pratique sportive encadrées par les éducateurs sportifs de la ville, en " +
      "petits groupes, chaque semaine hors vacances scolaires. Inscription à la saison, payée à " +
      "l'inscription.",
  },
  {
    code: "territoire_jeune",
    label: "Territoire Jeune",
    description:
      "Sorties, ateliers et stages pour les 11-17 ans, encadrés par l'équipe du Territoire " +
      "Jeune. Inscription à chaque sortie ou atelier, payée à l'inscription.",
  },
];

/** QF brackets, in euros, both ends included; `null` = no upper bound. */
export const QF_BRACKETS: readonly (readonly [number, number | null])[] = [
  [0, 500],
  [501, 800],
  [801, 1200],
  [1201, 1600],
  [1601, null],
];

export type TTariffUnit = "day" | "session" | "registration";

export type TGrid = {
  unit: TTariffUnit;
  /** One price (cents) per bracket of `QF_BRACKETS`, residents. */
  resident: readonly number[];
  /** Same, non-residents. */
  nonResident: readonly number[];
};

export type TGroupData = {
  name: string;
  weekday: number;
  startTime: string;
  endTime: string;
  location: string;
  minAge: number;
  maxAge: number;
  capacity: number;
  coach: string;
};

export type TSessionData = {
  title: string;
  description: string;
  date: string;
  startTime: string;
  endTime: string;
  location: string;
  minAge: number;
  maxAge: number;
  capacity: number;
  priceCents: number;
};

export type TActivityData = {
  type: TActivityTypeCode;
  code: string;
  name: string;
  description: string;
  billingMode: "postpaid" | "prepaid" | "at_registration";
  scheduleKind: "weekdays" | "groups" | "sessions";
  dayKind: "school_days" | "wednesdays" | "holidays" | null;
  weekdays: string | null;
  startTime: string | null;
  endTime: string | null;
  location: string;
  capacity: number | null;
  minAge: number | null;
  maxAge: number | null;
  deadlineDays: number;
  deadlineTime: string;
  deadlineSkipWeekends: boolean;
  grid: TGrid;
  groups?: readonly TGroupData[];
  sessions?: readonly TSessionData[];
};

const periscolaire = {
  type: "periscolaire",
  billingMode: "postpaid",
  scheduleKind: "weekdays",
  dayKind: "school_days",
  weekdays: "1,2,4,5",
  capacity: null,
  minAge: 3,
  maxAge: 11,
  // J-2 avant 12:00, week-ends non comptés.
  deadlineDays: 2,
  deadlineTime: "12:00",
  deadlineSkipWeekends: true,
} as const;

const loisirs = {
  type: "loisirs",
  billingMode: "prepaid",
  scheduleKind: "weekdays",
  startTime: "08:00",
  endTime: "18:00",
  // J-7 avant 12:00, week-ends comptés.
  deadlineDays: 7,
  deadlineTime: "12:00",
  deadlineSkipWeekends: false,
} as const;

const ems = {
  type: "ems",
  billingMode: "at_registration",
  scheduleKind: "groups",
  dayKind: null,
  weekdays: null,
  startTime: null,
  endTime: null,
  capacity: null,
  deadlineDays: 2,
  deadlineTime: "12:00",
  deadlineSkipWeekends: true,
} as const;

const territoireJeune = {
  type: "territoire_jeune",
  billingMode: "at_registration",
  scheduleKind: "sessions",
  dayKind: null,
  weekdays: null,
  startTime: null,
  endTime: null,
  capacity: null,
  minAge: 11,
  maxAge: 17,
  deadlineDays: 3,
  deadlineTime: "12:00",
  deadlineSkipWeekends: false,
} as const;

const WEDNESDAY_GRID: TGrid = {
  unit: "day",
  resident: [500, 800, 1100, 1400, 1700],
  nonResident: [1000, 1350, 1700, 2050, 2400],
};
const HOLIDAY_GRID: TGrid = {
  unit: "day",
  resident: [550, 850, 1150, 1450, 1750],
  nonResident: [1050, 1400, 1750, 2100, 2450],
};

const GYM_VDR = "Gymnase du Val des Roses";
const PISCINE = "Piscine municipale d'Albertville";
const HALLE_ESCALADE = "Halle olympique (mur d'escalade)";
const SAISIES = "Les Saisies — domaine nordique";
const ESPACE_TJ = "Espace Territoire Jeune, 9 rue Pargoud, Albertville";

export const ACTIVITIES: readonly TActivityData[] = [
  {
    ...periscolaire,
    code: "accueil_matin",
    name: "Accueil du matin",
    description:
      "Accueil des enfants avant la classe, dans leur école, par les animateurs de la ville. " +
      "Arrivée échelonnée jusqu'à 08:20.",
    startTime: "07:30",
    endTime: "08:20",
    location: "Dans l'école de l'enfant",
    grid: {
      unit: "day",
      resident: [80, 120, 160, 200, 240],
      nonResident: [160, 220, 280, 330, 380],
    },
  },
  {
    ...periscolaire,
    code: "restauration",
    name: "Restauration scolaire (midi)",
    description:
      "Repas du midi préparé par la cuisine centrale, pris au restaurant scolaire de l'école, et " +
      "temps calme encadré. Les menus sont publiés chaque mois dans les documents.",
    startTime: "11:30",
    endTime: "13:30",
    location: "Restaurant scolaire de l'école de l'enfant",
    grid: {
      unit: "day",
      resident: [120, 230, 340, 430, 520],
      nonResident: [250, 380, 500, 600, 690],
    },
  },
  {
    ...periscolaire,
    code: "accueil_soir",
    name: "Accueil du soir",
    description:
      "Goûter, aide aux leçons et jeux après la classe, dans l'école de l'enfant. Départ " +
      "échelonné jusqu'à 18:30.",
    startTime: "16:30",
    endTime: "18:30",
    location: "Dans l'école de l'enfant",
    grid: {
      unit: "day",
      resident: [120, 180, 240, 300, 360],
      nonResident: [230, 310, 390, 460, 520],
    },
  },
  {
    ...loisirs,
    code: "mercredis_maternels",
    name: "Mercredis — maternels (3-5 ans)",
    description:
      "Journées du mercredi pour les enfants de maternelle : ateliers, jeux, sieste, repas et " +
      "goûter compris. Arrivée de 08:00 à 09:30, départ de 16:30 à 18:00.",
    dayKind: "wednesdays",
    weekdays: "3",
    location: "Accueil de loisirs du Champ de Mars",
    capacity: 24,
    minAge: 3,
    maxAge: 5,
    grid: WEDNESDAY_GRID,
  },
  {
    ...loisirs,
    code: "mercredis_elementaires",
    name: "Mercredis — élémentaires (6-11 ans)",
    description:
      "Journées du mercredi pour les enfants d'élémentaire : activités sportives, culturelles et " +
      "sorties, repas et goûter compris. Arrivée de 08:00 à 09:30, départ de 16:30 à 18:00.",
    dayKind: "wednesdays",
    weekdays: "3",
    location: "Accueil de loisirs du Val des Roses",
    capacity: 36,
    minAge: 6,
    maxAge: 11,
    grid: WEDNESDAY_GRID,
  },
  {
    ...loisirs,
    code: "vacances_maternels",
    name: "Vacances — maternels (3-5 ans)",
    description:
      "Journées des vacances scolaires pour les enfants de maternelle, autour d'un thème par " +
      "semaine. Repas et goûter compris.",
    dayKind: "holidays",
    weekdays: "1,2,3,4,5",
    location: "Accueil de loisirs du Champ de Mars",
    capacity: 24,
    minAge: 3,
    maxAge: 5,
    grid: HOLIDAY_GRID,
  },
  {
    ...loisirs,
    code: "vacances_elementaires",
    name: "Vacances — élémentaires (6-11 ans)",
    description:
      "Journées des vacances scolaires pour les enfants d'élémentaire : grands jeux, sorties en " +
      "montagne, piscine. Repas et goûter compris.",
    dayKind: "holidays",
    weekdays: "1,2,3,4,5",
    location: "Accueil de loisirs du Val des Roses",
    capacity: 40,
    minAge: 6,
    maxAge: 11,
    grid: HOLIDAY_GRID,
  },
  {
    ...ems,
    code: "ems_multisports",
    name: "Multisports",
    description:
      "Jeux collectifs, athlétisme, gymnastique, sports de raquette : une découverte de " +
      "plusieurs sports au fil de l'année.",
    location: GYM_VDR,
    minAge: 6,
    maxAge: 11,
    grid: {
      unit: "registration",
      resident: [3000, 4500, 6000, 7500, 9000],
      nonResident: [6000, 7500, 9000, 10500, 12000],
    },
    groups: [
      {
        name: "Groupe 6-8 ans — mercredi matin",
        weekday: 3,
        startTime: "09:30",
        endTime: "11:00",
        location: GYM_VDR,
        minAge: 6,
        maxAge: 8,
        capacity: 12,
        coach: "Julien Perrier",
      },
      {
        name: "Groupe 9-11 ans — mercredi après-midi",
        weekday: 3,
        startTime: "14:00",
        endTime: "15:30",
        location: GYM_VDR,
        minAge: 9,
        maxAge: 11,
        capacity: 12,
        coach: "Julien Perrier",
      },
      {
        name: "Groupe 6-8 ans — samedi matin",
        weekday: 6,
        startTime: "10:00",
        endTime: "11:30",
        location: "Gymnase du Champ de Mars",
        minAge: 6,
        maxAge: 8,
        capacity: 10,
        coach: "Sophie Gachet",
      },
    ],
  },
  {
    ...ems,
    code: "ems_natation",
    name: "Natation",
    description:
      "Apprentissage et perfectionnement des nages, par petits groupes de niveau, avec un maître " +
      "nageur sauveteur de la ville.",
    location: PISCINE,
    minAge: 6,
    maxAge: 12,
    grid: {
      unit: "registration",
      resident: [4000, 5500, 7000, 8500, 10000],
      nonResident: [7500, 9000, 10500, 12000, 13500],
    },
    groups: [
      {
        name: "Groupe 6-8 ans — mercredi matin",
        weekday: 3,
        startTime: "10:00",
        endTime: "11:00",
        location: PISCINE,
        minAge: 6,
        maxAge: 8,
        capacity: 8,
        coach: "Camille Bozon",
      },
      {
        name: "Groupe 9-12 ans — mercredi après-midi",
        weekday: 3,
        startTime: "15:00",
        endTime: "16:00",
        location: PISCINE,
        minAge: 9,
        maxAge: 12,
        capacity: 10,
        coach: "Camille Bozon",
      },
      {
        name: "Groupe 6-8 ans — vendredi soir",
        weekday: 5,
        startTime: "17:30",
        endTime: "18:30",
        location: PISCINE,
        minAge: 6,
        maxAge: 8,
        capacity: 8,
        coach: "Maxime Favre",
      },
    ],
  },
  {
    ...ems,
    code: "ems_escalade",
    name: "Escalade",
    description:
      "Escalade en salle sur le mur de la Halle olympique : sécurité, nœuds, techniques de " +
      "grimpe. Matériel fourni.",
    location: HALLE_ESCALADE,
    minAge: 8,
    maxAge: 14,
    grid: {
      unit: "registration",
      resident: [4500, 6000, 7500, 9000, 10500],
      nonResident: [8000, 9500, 11000, 12500, 14000],
    },
    groups: [
      {
        name: "Groupe 8-10 ans — mercredi matin",
        weekday: 3,
        startTime: "09:30",
        endTime: "11:00",
        location: HALLE_ESCALADE,
        minAge: 8,
        maxAge: 10,
        capacity: 8,
        coach: "Élodie Jacquier",
      },
      {
        name: "Groupe 11-14 ans — mercredi après-midi",
        weekday: 3,
        startTime: "14:00",
        endTime: "16:00",
        location: HALLE_ESCALADE,
        minAge: 11,
        maxAge: 14,
        capacity: 10,
        coach: "Élodie Jacquier",
      },
    ],
  },
  {
    ...ems,
    code: "ems_ski_de_fond",
    name: "Ski de fond",
    description:
      "De janvier à mars, initiation au ski de fond (classique et skating) sur le domaine " +
      "nordique des Saisies. Transport en car depuis le gymnase du Val des Roses, matériel fourni.",
    location: SAISIES,
    minAge: 8,
    maxAge: 14,
    grid: {
      unit: "registration",
      resident: [6000, 8000, 10000, 12000, 14000],
      nonResident: [10000, 12000, 14000, 16000, 18000],
    },
    groups: [
      {
        name: "Groupe 8-10 ans — mercredi après-midi",
        weekday: 3,
        startTime: "13:00",
        endTime: "17:30",
        location: SAISIES,
        minAge: 8,
        maxAge: 10,
        capacity: 12,
        coach: "Pierre Mollier",
      },
      {
        name: "Groupe 11-14 ans — samedi matin",
        weekday: 6,
        startTime: "08:30",
        endTime: "12:30",
        location: SAISIES,
        minAge: 11,
        maxAge: 14,
        capacity: 12,
        coach: "Pierre Mollier",
      },
    ],
  },
  {
    ...territoireJeune,
    code: "tj_sorties_ateliers",
    name: "Sorties et ateliers",
    description:
      "Des après-midis et des journées pour se retrouver entre jeunes : sorties sportives, " +
      "ateliers créatifs, tournois. Chaque sortie a ses places et son prix.",
    location: ESPACE_TJ,
    grid: {
      unit: "session",
      resident: [200, 300, 500, 700, 900],
      nonResident: [400, 600, 800, 1000, 1200],
    },
    sessions: [
      {
        title: "Atelier cuisine : bûches de Noël",
        description: "On prépare et on décore des bûches de Noël, à emporter en famille.",
        date: "2026-12-09",
        startTime: "14:00",
        endTime: "17:00",
        location: ESPACE_TJ,
        minAge: 11,
        maxAge: 17,
        capacity: 10,
        priceCents: 500,
      },
      {
        title: "Sortie patinoire",
        description: "Après-midi à la patinoire de la Halle olympique, patins fournis.",
        date: "2026-12-16",
        startTime: "14:00",
        endTime: "17:30",
        location: "Halle olympique d'Albertville (patinoire)",
        minAge: 11,
        maxAge: 17,
        capacity: 16,
        priceCents: 400,
      },
      {
        title: "Tournoi de futsal",
        description: "Tournoi par équipes de cinq, goûter offert aux joueurs.",
        date: "2026-12-22",
        startTime: "14:00",
        endTime: "18:00",
        location: GYM_VDR,
        minAge: 11,
        maxAge: 17,
        capacity: 16,
        priceCents: 200,
      },
      {
        title: "Sortie raquettes au Col de la Forclaz",
        description:
          "Randonnée en raquettes avec un accompagnateur en montagne, pique-nique tiré du sac. " +
          "Raquettes et bâtons fournis, prévoir des vêtements chauds.",
        date: "2027-01-13",
        startTime: "09:00",
        endTime: "17:00",
        location: "Col de la Forclaz — départ en minibus de l'Espace Territoire Jeune",
        minAge: 11,
        maxAge: 17,
        capacity: 12,
        priceCents: 1200,
      },
      {
        title: "Journée ski alpin aux Saisies",
        description: "Journée de ski encadrée par niveau, forfait et transport compris.",
        date: "2027-02-10",
        startTime: "08:00",
        endTime: "18:00",
        location: "Les Saisies — départ en car de l'Espace Territoire Jeune",
        minAge: 11,
        maxAge: 17,
        capacity: 16,
        priceCents: 2500,
      },
      {
        title: "Atelier graff et street art",
        description: "Initiation au graff avec un artiste d'Albertville, sur panneaux.",
        date: "2027-03-17",
        startTime: "14:00",
        endTime: "17:00",
        location: ESPACE_TJ,
        minAge: 11,
        maxAge: 17,
        capacity: 8,
        priceCents: 300,
      },
    ],
  },
  {
    ...territoireJeune,
    code: "tj_stages_vacances",
    name: "Stages des vacances",
    description:
      "Une journée pour découvrir une pratique avec un intervenant, pendant les vacances " +
      "scolaires. Repas du midi tiré du sac.",
    location: ESPACE_TJ,
    grid: {
      unit: "session",
      resident: [500, 800, 1100, 1400, 1700],
      nonResident: [1000, 1300, 1600, 1900, 2200],
    },
    sessions: [
      {
        title: "Stage initiation DJ",
        description: "Découverte du mixage sur platines, avec un DJ de la région.",
        date: "2026-12-21",
        startTime: "10:00",
        endTime: "16:00",
        location: ESPACE_TJ,
        minAge: 12,
        maxAge: 17,
        capacity: 8,
        priceCents: 1500,
      },
      {
        title: "Stage VTT électrique",
        description: "Balade en VTT à assistance électrique sur les hauteurs de Conflans.",
        date: "2027-04-07",
        startTime: "09:00",
        endTime: "17:00",
        location: "Cité médiévale de Conflans — départ de l'Espace Territoire Jeune",
        minAge: 13,
        maxAge: 17,
        capacity: 10,
        priceCents: 1800,
      },
    ],
  },
];

/** The price of a grid for a QF and a residency (unknown QF: the highest bracket). */
export function gridPrice(grid: TGrid, qf: number | null, resident: boolean): number {
  const prices = resident ? grid.resident : grid.nonResident;
  let index = QF_BRACKETS.length - 1;
  if (qf !== null) {
    index = QF_BRACKETS.findIndex(([min, max]) => qf >= min && (max === null || qf <= max));
    if (index < 0) index = 0;
  }
  const price = prices[index];
  if (price === undefined) throw new Error(`Grille incomplète (tranche ${index})`);
  return price;
}

/** Formats cents as "3,40 €". */
export function euros(cents: number): string {
  return `${(cents / 100).toFixed(2).replace(".", ",")} €`;
}

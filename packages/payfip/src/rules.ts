/**
 * PayFiP's field rules for `creerPaiementSecurise`, pure. Each violation is a French sentence for
 * the person who has to fix it (usually us, in a log or a test, sometimes an agent).
 */

/** `T` test, `X` activation (the last checks before going live), `W` production. */
export type TSaisie = "T" | "X" | "W";

export const SAISIES: readonly TSaisie[] = ["T", "X", "W"];

/** What `creerPaiementSecurise` sends, field for field (PayFiP's own names). */
export type TPaymentRequest = {
  /** The town's PayFiP customer number: 6 digits given by the DGFiP. */
  numcli: string;
  /** The budget year, 4 digits. */
  exer: string | number;
  /** Our reference for the debt: 6–30 letters and digits, unique per payment. */
  refdet: string;
  /** Integer cents. */
  montant: number;
  /** The payer's e-mail: PayFiP mails its own ticket there. */
  mel: string;
  /** Shown to the payer on PayFiP's page: see {@link toPayfipObjet}. */
  objet: string;
  saisie: TSaisie;
  /** Where PayFiP POSTs `idOp=…` once the payment is decided. */
  urlnotif: string;
  /** Where PayFiP sends the payer's browser back. */
  urlredirect: string;
};

/** 1,00 € — PayFiP refuses smaller amounts. */
export const MONTANT_MIN = 100;
/** 99 999,99 € — the largest amount PayFiP takes in one payment. */
export const MONTANT_MAX = 9_999_999;
export const OBJET_MAX_LENGTH = 100;
export const MEL_MAX_LENGTH = 80;
export const REFDET_PATTERN = /^[A-Za-z0-9]{6,30}$/;

// Letters without accents, digits, spaces and a few punctuation marks that survive every encoding
// on PayFiP's side; no quote, no `<>&`, nothing outside ASCII.
const OBJET_PATTERN = /^[A-Za-z0-9 .,:;()/+-]+$/;
const NUMCLI_PATTERN = /^\d{6}$/;
const EXER_PATTERN = /^\d{4}$/;
// Pragmatic address check: one @, no spaces, a dotted domain. PayFiP wants at least 6 characters.
const MEL_PATTERN = /^[^\s@<>()[\]\\,;:"]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;

function isAbsoluteHttpUrl(value: unknown): boolean {
  if (typeof value !== "string") return false;
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}

export type TFieldError = { field: keyof TPaymentRequest; message: string };

/**
 * Every rule `req` breaks, field by field, as French messages; empty when PayFiP would take it.
 * Never throws, even on values of the wrong type (the request may come from outside).
 */
export function paymentRequestFieldErrors(req: TPaymentRequest): TFieldError[] {
  const errors: TFieldError[] = [];
  const fail = (field: keyof TPaymentRequest, message: string) => errors.push({ field, message });
  const r = req as Partial<Record<keyof TPaymentRequest, unknown>>;

  if (typeof r.numcli !== "string" || !NUMCLI_PATTERN.test(r.numcli)) {
    fail("numcli", "Le numéro client PayFiP (numcli) doit comporter exactement 6 chiffres.");
  }

  const exer = typeof r.exer === "number" ? String(r.exer) : r.exer;
  if (typeof exer !== "string" || !EXER_PATTERN.test(exer)) {
    fail("exer", "L'exercice (exer) doit être une année sur 4 chiffres.");
  }

  if (typeof r.refdet !== "string" || !REFDET_PATTERN.test(r.refdet)) {
    fail(
      "refdet",
      "La référence (refdet) doit comporter de 6 à 30 lettres ou chiffres, sans espace ni accent.",
    );
  }

  if (typeof r.montant !== "number" || !Number.isSafeInteger(r.montant)) {
    fail("montant", "Le montant doit être un nombre entier de centimes.");
  } else if (r.montant < MONTANT_MIN) {
    fail(
      "montant",
      "Le montant doit être d'au moins 1,00 € : PayFiP refuse les montants plus petits.",
    );
  } else if (r.montant > MONTANT_MAX) {
    fail("montant", "Le montant ne peut pas dépasser 99 999,99 € pour un seul paiement PayFiP.");
  }

  if (typeof r.mel !== "string" || r.mel.length < 6 || !MEL_PATTERN.test(r.mel)) {
    fail("mel", "L'adresse e-mail (mel) n'est pas valide.");
  } else if (r.mel.length > MEL_MAX_LENGTH) {
    fail("mel", "L'adresse e-mail (mel) ne doit pas dépasser 80 caractères.");
  }

  if (typeof r.objet !== "string" || r.objet.trim() === "") {
    fail("objet", "L'objet du paiement est obligatoire.");
  } else {
    if (r.objet.length > OBJET_MAX_LENGTH) {
      fail("objet", "L'objet du paiement ne doit pas dépasser 100 caractères.");
    }
    if (!OBJET_PATTERN.test(r.objet)) {
      fail(
        "objet",
        "L'objet du paiement ne peut contenir que des lettres sans accent, des chiffres, des espaces et la ponctuation . , : ; ( ) / + -",
      );
    }
  }

  if (typeof r.saisie !== "string" || !SAISIES.includes(r.saisie as TSaisie)) {
    fail("saisie", "Le mode de saisie doit être T (test), X (activation) ou W (production).");
  }

  if (!isAbsoluteHttpUrl(r.urlnotif)) {
    fail(
      "urlnotif",
      "L'adresse de notification (urlnotif) doit être une adresse http ou https complète.",
    );
  }
  if (!isAbsoluteHttpUrl(r.urlredirect)) {
    fail(
      "urlredirect",
      "L'adresse de retour (urlredirect) doit être une adresse http ou https complète.",
    );
  }

  return errors;
}

/** Every rule `req` breaks, as French messages; empty when PayFiP would take it. */
export function validatePaymentRequest(req: TPaymentRequest): string[] {
  return paymentRequestFieldErrors(req).map((e) => e.message);
}

const LIGATURES: Record<string, string> = {
  œ: "oe",
  Œ: "OE",
  æ: "ae",
  Æ: "AE",
  ß: "ss",
  ø: "o",
  Ø: "O",
  đ: "d",
  Đ: "D",
  ł: "l",
  Ł: "L",
  "€": " EUR ",
  "&": " et ",
};

/**
 * Any French text as a valid PayFiP `objet`: accents stripped (é → e, œ → oe), dashes and
 * apostrophes kept as `-` and spaces, anything else PayFiP might refuse turned into a space,
 * spaces squeezed, cut at 100 characters. A text with nothing usable gives "Paiement".
 *
 * "Réservations de Léa — vacances de Noël" → "Reservations de Lea - vacances de Noel".
 */
export function toPayfipObjet(text: string): string {
  const ascii = text
    .replace(/[œŒæÆßøØđĐłŁ€&]/g, (c) => LIGATURES[c] ?? "")
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    // Dashes of every kind (—, –, ‐, −) become a plain hyphen.
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .replace(/[^A-Za-z0-9 .,:;()/+-]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  const cut = ascii.slice(0, OBJET_MAX_LENGTH).trimEnd();
  return cut === "" || !/[A-Za-z0-9]/.test(cut) ? "Paiement" : cut;
}

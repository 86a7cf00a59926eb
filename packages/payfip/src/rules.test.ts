import { describe, expect, it } from "vitest";
import {
  paymentRequestFieldErrors,
  type TPaymentRequest,
  toPayfipObjet,
  validatePaymentRequest,
} from "./rules";

const valid: TPaymentRequest = {
  numcli: "012345",
  exer: "2026",
  refdet: "EF2026000123",
  montant: 4250,
  mel: "famille.martin@example.fr",
  objet: "Reservations de Lea - vacances de Noel",
  saisie: "T",
  urlnotif: "https://famille.albertville.fr/payfip/notification",
  urlredirect: "http://localhost:3000/paiement/retour?p=12",
};

function fieldsBroken(change: Partial<Record<keyof TPaymentRequest, unknown>>) {
  const req = { ...valid, ...change } as TPaymentRequest;
  return paymentRequestFieldErrors(req).map((e) => e.field);
}

describe("validatePaymentRequest", () => {
  it("takes a well-formed request", () => {
    expect(validatePaymentRequest(valid)).toEqual([]);
    expect(validatePaymentRequest({ ...valid, exer: 2026 })).toEqual([]);
  });

  it.each([
    ["numcli", ["000001", "999999"], ["12345", "1234567", "12345a", "", 123456]],
    ["exer", ["2026", 2027], ["26", "20266", "an26", 26]],
    [
      "refdet",
      ["ABC123", "a".repeat(30), "EF2026000123"],
      ["ABC12", "a".repeat(31), "EF-2026", "EF 2026 01", "Réservé123", ""],
    ],
    ["montant", [100, 4250, 9_999_999], [99, 0, -100, 10_000_000, 12.5, Number.NaN, "4250"]],
    [
      "mel",
      ["a@b.fr", "lea.martin+ef@example.fr", `${"a".repeat(69)}@example.fr`],
      ["", "a@b", "lea martin@example.fr", "lea@", "@example.fr", `${"a".repeat(70)}@example.fr`],
    ],
    [
      "objet",
      ["Cantine", "Accueil de loisirs (mercredis) : 3 jours, 12/2026", "x".repeat(100)],
      [
        "",
        "   ",
        "x".repeat(101),
        "Réservations",
        "Lea & Hugo",
        "<b>",
        'dit "oui"',
        "l'ete",
        "a\nb",
      ],
    ],
    ["saisie", ["T", "X", "W"], ["t", "P", "", "TX"]],
    [
      "urlnotif",
      ["https://a.fr/n", "http://127.0.0.1:4000/payfip/notification"],
      ["/payfip/notification", "ftp://a.fr/n", "javascript:alert(1)", "", "https://"],
    ],
    [
      "urlredirect",
      ["https://a.fr/retour?x=1&y=2", "http://localhost:3000/"],
      ["retour", "mailto:a@b.fr", ""],
    ],
  ] as const)("rule for %s", (field, passing, failing) => {
    for (const value of passing) expect(fieldsBroken({ [field]: value })).toEqual([]);
    for (const value of failing) expect(fieldsBroken({ [field]: value })).toContain(field);
  });

  it("says what is wrong in French, once per broken rule", () => {
    const errors = validatePaymentRequest({
      ...valid,
      refdet: "EF-1",
      montant: 50,
      objet: "Été",
      saisie: "Z" as never,
    });
    expect(errors).toEqual([
      "La référence (refdet) doit comporter de 6 à 30 lettres ou chiffres, sans espace ni accent.",
      "Le montant doit être d'au moins 1,00 € : PayFiP refuse les montants plus petits.",
      "L'objet du paiement ne peut contenir que des lettres sans accent, des chiffres, des espaces et la ponctuation . , : ; ( ) / + -",
      "Le mode de saisie doit être T (test), X (activation) ou W (production).",
    ]);
  });

  it("never throws on values of the wrong type", () => {
    const junk = { numcli: null, montant: {}, mel: 3, objet: [], urlnotif: 1 } as never;
    expect(validatePaymentRequest(junk)).toHaveLength(9);
  });
});

describe("toPayfipObjet", () => {
  it.each([
    ["Réservations de Léa — vacances de Noël", "Reservations de Lea - vacances de Noel"],
    ["Cantine : Hugo & Jade", "Cantine : Hugo et Jade"],
    ["L'été à l'École Municipale des Sports", "L ete a l Ecole Municipale des Sports"],
    ["« Sœur » Cœur–Æther", "Soeur Coeur-AEther"],
    ["Escalade — 12,50 €", "Escalade - 12,50 EUR"],
    ['<script>alert("x")</script>', "script alert( x ) /script"],
    ["  Ski\tde\nfond  ", "Ski de fond"],
    ["🎿⛷️", "Paiement"],
    ["", "Paiement"],
  ])("%j → %j", (text, objet) => {
    expect(toPayfipObjet(text)).toBe(objet);
  });

  it("cuts at 100 characters", () => {
    const objet = toPayfipObjet(`Réservations ${"é".repeat(200)}`);
    expect(objet).toHaveLength(100);
    expect(objet.startsWith("Reservations eee")).toBe(true);
  });

  it("always gives an objet PayFiP takes", () => {
    const texts = [
      "Réservations de Léa — vacances de Noël",
      "Territoire Jeune : sortie « Lac d'Annecy » (11–17 ans)",
      "ÀÉÎÕÜ àéîõü çÇ ñÑ ÿŸ",
      "a&b<c>d\"e'f\u0000g\u007fh\u200bi",
      "x".repeat(150),
      "Zürich · Ørsted · Łódź · Straße",
      " . , : ; ( ) / + - ",
    ];
    for (const text of texts) {
      expect(fieldsBroken({ objet: toPayfipObjet(text) })).toEqual([]);
    }
  });
});

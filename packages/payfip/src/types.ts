import type { TSaisie } from "./rules";

/**
 * PayFiP's verdict: `P` paid by card, `V` paid by direct debit, `R` card refused, `Z` direct debit
 * refused, `A` abandoned by the payer.
 */
export type TResultrans = "P" | "V" | "R" | "Z" | "A";

export const RESULTRANS: readonly TResultrans[] = ["P", "V", "R", "Z", "A"];

/** What `recupererDetailPaiementSecurise` answers once the payment is decided. */
export type TPaymentDetail = {
  idOp: string;
  numcli: string;
  exer: string;
  refdet: string;
  /** Integer cents. */
  montant: number;
  mel: string;
  objet: string;
  saisie: TSaisie;
  resultrans: TResultrans;
  /** The bank's authorisation number, for a paid payment. */
  numauto: string | null;
  /** DDMMYYYY, Paris time. */
  dattrans: string | null;
  /** HHMM, Paris time. */
  heurtrans: string | null;
};

/**
 * A lookup's outcome. `unknown_yet` is PayFiP's P5 (the payer has not finished: ask again later);
 * `unknown_op` is P1 (no such `idOp`, or one abandoned and forgotten).
 */
export type TPaymentOutcome =
  | { status: "paid" | "refused" | "cancelled"; detail: TPaymentDetail }
  | { status: "unknown_yet" }
  | { status: "unknown_op" };

/** P and V → paid; R and Z → refused; A → cancelled. */
export function outcomeOf(detail: TPaymentDetail): TPaymentOutcome {
  switch (detail.resultrans) {
    case "P":
    case "V":
      return { status: "paid", detail };
    case "R":
    case "Z":
      return { status: "refused", detail };
    case "A":
      return { status: "cancelled", detail };
  }
}

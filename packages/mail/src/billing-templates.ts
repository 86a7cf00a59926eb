/**
 * The monthly invoice's messages: issued, reminder before the due date, receipt. Same look as
 * the other templates (header, fields, footer), both as plain text and HTML.
 */
import { escapeHtml, type TMailContent } from "./templates";

const HEADER = "Espace Famille — Ville d'Albertville";
const FOOTER = "Ce message est envoyé automatiquement, merci de ne pas y répondre.";

type TField = { label: string; value: string };

function render(
  subject: string,
  name: string,
  paragraphs: readonly string[],
  fields: readonly TField[],
  link: string,
  after: readonly string[] = [],
): TMailContent {
  const hello = name.trim() ? `Bonjour ${name.trim()},` : "Bonjour,";
  const text = [
    HEADER,
    hello,
    ...paragraphs,
    fields.map((f) => `${f.label} : ${f.value}`).join("\n"),
    link,
    ...after,
  ].join("\n\n");
  const P = 'style="margin:0 0 16px 0"';
  const rows = fields
    .map(
      (f) =>
        `<tr><td style="padding:4px 12px 4px 0;color:#555">${escapeHtml(f.label)}</td>` +
        `<td style="padding:4px 0;font-weight:bold">${escapeHtml(f.value)}</td></tr>`,
    )
    .join("");
  const html = [
    "<!doctype html>",
    '<html lang="fr">',
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="margin:0;padding:0;background:#f4f5f7">',
    '<div style="max-width:600px;margin:0 auto;padding:24px 16px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a">',
    `<p style="margin:0 0 24px 0;font-weight:bold;color:#1d4f91">${escapeHtml(HEADER)}</p>`,
    `<p ${P}>${escapeHtml(hello)}</p>`,
    ...paragraphs.map((p) => `<p ${P}>${escapeHtml(p)}</p>`),
    `<table role="presentation" style="margin:0 0 16px 0;border-collapse:collapse">${rows}</table>`,
    `<p ${P}><a href="${escapeHtml(link)}" style="color:#1d4f91;word-break:break-all">${escapeHtml(link)}</a></p>`,
    ...after.map((p) => `<p ${P}>${escapeHtml(p)}</p>`),
    `<p style="margin:24px 0 0 0;padding-top:12px;border-top:1px solid #d0d4da;font-size:13px;color:#666">${escapeHtml(FOOTER)}</p>`,
    "</div>",
    "</body>",
    "</html>",
  ].join("\n");
  return { subject, text: `${text}\n\n-- \n${FOOTER}\n`, html };
}

/** "Votre facture du mois est disponible", with the amount and a link to "Paiements". */
export function invoiceIssuedMail(input: {
  name: string;
  number: string;
  monthLabel: string;
  amount: string;
  dueOn: string;
  link: string;
  /** A credit note (avoir) rather than an invoice. */
  avoir?: boolean;
}): TMailContent {
  if (input.avoir) {
    return render(
      `Votre avoir ${input.number} est disponible — Espace Famille`,
      input.name,
      [
        `Des jours déjà facturés ont été excusés (absence justifiée) : un avoir de ${input.amount} est à votre disposition. Il sera déduit de vos prochains paiements.`,
      ],
      [
        { label: "Avoir", value: input.number },
        { label: "Montant", value: input.amount },
      ],
      input.link,
    );
  }
  return render(
    `Votre facture du mois est disponible — ${input.monthLabel}`,
    input.name,
    [`Votre facture des accueils périscolaires de ${input.monthLabel} est disponible.`],
    [
      { label: "Facture", value: input.number },
      { label: "Montant", value: input.amount },
      { label: "À payer avant le", value: input.dueOn },
    ],
    input.link,
    [
      "Vous pouvez la consulter et la payer par carte bancaire dans votre Espace Famille, rubrique Paiements, ou au guichet unique (espèces, chèque, CESU).",
    ],
  );
}

/** A few days before the due date, for an invoice still unpaid. */
export function invoiceReminderMail(input: {
  name: string;
  number: string;
  monthLabel: string;
  amount: string;
  dueOn: string;
  link: string;
}): TMailContent {
  return render(
    `Rappel : facture ${input.number} à payer avant le ${input.dueOn}`,
    input.name,
    [
      `Votre facture des accueils périscolaires de ${input.monthLabel} n'est pas encore réglée. Merci de la payer avant le ${input.dueOn}.`,
    ],
    [
      { label: "Facture", value: input.number },
      { label: "Reste à payer", value: input.amount },
      { label: "Date limite", value: input.dueOn },
    ],
    input.link,
    ["Si vous venez de la régler, ne tenez pas compte de ce message."],
  );
}

/** The receipt of an invoice paid (online or at the guichet). */
export function invoicePaidMail(input: {
  name: string;
  number: string;
  amount: string;
  method: string;
  reference: string;
  paidAt: string;
  link: string;
  /** The household's avoir used beside the payment (online "Payer"), formatted. */
  credit?: string | null;
}): TMailContent {
  return render(
    `Reçu de paiement — facture ${input.number}`,
    input.name,
    [`Nous avons bien reçu votre paiement de la facture ${input.number}. Merci.`],
    [
      { label: "Facture", value: input.number },
      { label: "Montant reçu", value: input.amount },
      { label: "Moyen de paiement", value: input.method },
      ...(input.credit ? [{ label: "Avoir utilisé", value: input.credit }] : []),
      ...(input.reference ? [{ label: "Référence", value: input.reference }] : []),
      { label: "Date", value: input.paidAt },
    ],
    input.link,
  );
}

/**
 * A payment flagged for refund is closed by the guichet: refunded (transfer, PayFiP refund,
 * Trésor cheque) or, with the family's agreement, turned into an avoir.
 */
export function paymentRefundedMail(input: {
  name: string;
  refdet: string;
  amount: string;
  /** "Virement bancaire", "Avoir du foyer"… */
  method: string;
  reference: string;
  asCredit: boolean;
  at: string;
  link: string;
}): TMailContent {
  return render(
    input.asCredit
      ? `Paiement ${input.refdet} : montant porté à votre avoir`
      : `Paiement ${input.refdet} : remboursement effectué`,
    input.name,
    [
      input.asCredit
        ? `Comme convenu avec vous, le montant de votre paiement ${input.refdet} a été porté à l'avoir de votre foyer. Il sera utilisé en premier lors de vos prochains paiements en ligne.`
        : `Le guichet unique a remboursé votre paiement ${input.refdet}. Selon le moyen de remboursement, le montant peut mettre quelques jours à vous parvenir.`,
    ],
    [
      { label: "Paiement", value: input.refdet },
      {
        label: input.asCredit ? "Montant porté à l'avoir" : "Montant remboursé",
        value: input.amount,
      },
      { label: "Moyen", value: input.method },
      ...(input.reference ? [{ label: "Référence", value: input.reference }] : []),
      { label: "Date", value: input.at },
    ],
    input.link,
  );
}

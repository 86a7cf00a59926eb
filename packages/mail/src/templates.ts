/** A message ready for the outbox: the same words as plain text and as HTML. */
export type TMailContent = { subject: string; text: string; html: string };

/**
 * What a message is made of. Builders describe the message with these blocks and `render` writes
 * both versions, so the HTML escaping lives in one place.
 */
type TBlock =
  | { kind: "paragraph"; text: string }
  | { kind: "link"; href: string }
  | { kind: "fields"; rows: ReadonlyArray<{ label: string; value: string; link?: boolean }> }
  | { kind: "steps"; items: readonly string[] };

const HEADER = "Espace Famille — Ville d'Albertville";
const FOOTER = "Ce message est envoyé automatiquement, merci de ne pas y répondre.";

/** Escapes the five characters that matter in HTML text and in double- or single-quoted attributes. */
export function escapeHtml(value: string): string {
  return value
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

const dateTimeParts = new Intl.DateTimeFormat("fr-FR", {
  timeZone: "Europe/Paris",
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/**
 * An instant as a French reader expects it, in Albertville's time: "lundi 30 novembre 2026 à
 * 14:05". Built from parts so the wording does not depend on the ICU version; the first day of a
 * month is written "1er", as in French usage.
 */
export function formatDateTimeFr(d: Date): string {
  // The wording changes once a minute: the last minute's is kept (a ticket per payment, and the
  // formatter is the slow part).
  const minute = Math.floor(d.getTime() / 60_000);
  if (minute === lastMinute) return lastText;
  const text = dateTimeFr(d);
  if (!Number.isNaN(minute)) {
    lastMinute = minute;
    lastText = text;
  }
  return text;
}
let lastMinute = Number.NaN;
let lastText = "";

function dateTimeFr(d: Date): string {
  const parts = dateTimeParts.formatToParts(d);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? "";
  const day = part("day");
  return `${part("weekday")} ${day === "1" ? "1er" : day} ${part("month")} ${part("year")} à ${part("hour")}:${part("minute")}`;
}

function greeting(name: string): string {
  const trimmed = name.trim();
  return trimmed ? `Bonjour ${trimmed},` : "Bonjour,";
}

/** Only web addresses become links; anything else is shown as text. */
function isWebAddress(href: string): boolean {
  return /^https?:\/\//i.test(href);
}

function renderTextBlock(block: TBlock): string {
  switch (block.kind) {
    case "paragraph":
      return block.text;
    case "link":
      return block.href;
    case "fields":
      return block.rows.map((row) => `${row.label} : ${row.value}`).join("\n");
    case "steps":
      return block.items.map((item, i) => `${i + 1}. ${item}`).join("\n");
  }
}

function renderText(blocks: readonly TBlock[]): string {
  return `${[HEADER, ...blocks.map(renderTextBlock)].join("\n\n")}\n\n-- \n${FOOTER}\n`;
}

const P = 'style="margin:0 0 16px 0"';

function anchor(href: string): string {
  const escaped = escapeHtml(href);
  return isWebAddress(href)
    ? `<a href="${escaped}" style="color:#1d4f91;word-break:break-all">${escaped}</a>`
    : escaped;
}

function renderHtmlBlock(block: TBlock): string {
  switch (block.kind) {
    case "paragraph":
      return `<p ${P}>${escapeHtml(block.text)}</p>`;
    case "link":
      return `<p ${P}>${anchor(block.href)}</p>`;
    case "fields": {
      const rows = block.rows
        .map(
          (row) =>
            `<tr><td style="padding:4px 12px 4px 0;color:#555">${escapeHtml(row.label)}</td>` +
            `<td style="padding:4px 0;font-weight:bold">${row.link ? anchor(row.value) : escapeHtml(row.value)}</td></tr>`,
        )
        .join("");
      return `<table role="presentation" style="margin:0 0 16px 0;border-collapse:collapse">${rows}</table>`;
    }
    case "steps": {
      const items = block.items.map((item) => `<li>${escapeHtml(item)}</li>`).join("");
      return `<ol style="margin:0 0 16px 0;padding-left:24px">${items}</ol>`;
    }
  }
}

function renderHtml(subject: string, blocks: readonly TBlock[]): string {
  return [
    "<!doctype html>",
    '<html lang="fr">',
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="margin:0;padding:0;background:#f4f5f7">',
    '<div style="max-width:600px;margin:0 auto;padding:24px 16px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a">',
    `<p style="margin:0 0 24px 0;font-weight:bold;color:#1d4f91">${escapeHtml(HEADER)}</p>`,
    ...blocks.map(renderHtmlBlock),
    `<p style="margin:24px 0 0 0;padding-top:12px;border-top:1px solid #d0d4da;font-size:13px;color:#666">${escapeHtml(FOOTER)}</p>`,
    "</div>",
    "</body>",
    "</html>",
  ].join("\n");
}

function render(subject: string, blocks: readonly TBlock[]): TMailContent {
  return { subject, text: renderText(blocks), html: renderHtml(subject, blocks) };
}

const paragraph = (text: string): TBlock => ({ kind: "paragraph", text });

/** The password-reset link, single-use and short-lived. */
export function passwordResetMail(input: {
  name: string;
  link: string;
  validUntil: Date;
}): TMailContent {
  return render("Réinitialisation de votre mot de passe — Espace Famille", [
    paragraph(greeting(input.name)),
    paragraph(
      "Vous avez demandé à réinitialiser le mot de passe de votre compte Espace Famille. Pour choisir un nouveau mot de passe, ouvrez le lien ci-dessous :",
    ),
    { kind: "link", href: input.link },
    paragraph(
      `Ce lien ne peut servir qu'une seule fois. Il est valable jusqu'au ${formatDateTimeFr(input.validUntil)}.`,
    ),
    paragraph(
      "Si vous n'êtes pas à l'origine de cette demande, vous pouvez ignorer ce message : votre mot de passe reste inchangé.",
    ),
  ]);
}

/** Tells the account holder their password changed, so a change they did not make is noticed. */
export function passwordChangedMail(input: { name: string }): TMailContent {
  return render("Votre mot de passe a été modifié", [
    paragraph(greeting(input.name)),
    paragraph("Le mot de passe de votre compte Espace Famille vient d'être modifié."),
    paragraph(
      "Si vous êtes à l'origine de cette modification, vous n'avez rien à faire. Sinon, contactez sans attendre le guichet unique de la Ville d'Albertville.",
    ),
  ]);
}

/** A new account's identifier and temporary password, with the steps to sign in the first time. */
export function credentialsMail(input: {
  name: string;
  login: string;
  temporaryPassword: string;
  portalUrl: string;
  validUntil: Date;
}): TMailContent {
  const validUntil = formatDateTimeFr(input.validUntil);
  return render("Vos identifiants Espace Famille", [
    paragraph(greeting(input.name)),
    paragraph(
      "Voici vos identifiants pour accéder à l'Espace Famille de la Ville d'Albertville, où vous pouvez inscrire vos enfants aux activités et réserver les jours dont vous avez besoin.",
    ),
    {
      kind: "fields",
      rows: [
        { label: "Identifiant", value: input.login },
        { label: "Mot de passe provisoire", value: input.temporaryPassword },
        { label: "Valable jusqu'au", value: validUntil },
        { label: "Adresse du portail", value: input.portalUrl, link: true },
      ],
    },
    paragraph("Pour votre première connexion :"),
    {
      kind: "steps",
      items: [
        "Rendez-vous sur le portail, à l'adresse ci-dessus.",
        "Appuyez sur « Se connecter ».",
        "Saisissez votre identifiant et le mot de passe provisoire.",
        "Choisissez votre nouveau mot de passe.",
      ],
    },
    paragraph(
      `Le mot de passe provisoire ne fonctionne que jusqu'au ${validUntil}. Passé ce délai, demandez-en un nouveau au guichet unique.`,
    ),
  ]);
}

/** One child's changes in a confirmation: days booked and days cancelled, with amounts. */
export type TBookingChanges = {
  childName: string;
  added: ReadonlyArray<{ day: string; activity: string; amount: string }>;
  cancelled: ReadonlyArray<{ day: string; activity: string; amount: string }>;
  /** EMS groups and Territoire Jeune sessions registered by the same "Terminer". */
  registered?: ReadonlyArray<{ label: string; amount: string }>;
};

/**
 * "Terminer": the confirmation the family keeps until billing, listing per child the days booked
 * and the days cancelled.
 */
export function bookingConfirmationMail(input: {
  name: string;
  children: readonly TBookingChanges[];
  total: string;
  billingNote: string;
  planningUrl: string;
}): TMailContent {
  const blocks: TBlock[] = [
    paragraph(greeting(input.name)),
    paragraph(
      "Vos modifications de planning sont enregistrées. Conservez ce message : il fait foi jusqu'à la facturation.",
    ),
  ];
  for (const child of input.children) {
    blocks.push(paragraph(child.childName));
    if (child.added.length) {
      blocks.push({
        kind: "fields",
        rows: child.added.map((a) => ({
          label: `Réservé — ${a.day}`,
          value: `${a.activity} (${a.amount})`,
        })),
      });
    }
    if (child.cancelled.length) {
      blocks.push({
        kind: "fields",
        rows: child.cancelled.map((a) => ({
          label: `Annulé — ${a.day}`,
          value: `${a.activity} (${a.amount})`,
        })),
      });
    }
    if (child.registered?.length) {
      blocks.push({
        kind: "fields",
        rows: child.registered.map((r) => ({
          label: "Inscrit(e)",
          value: `${r.label} (${r.amount})`,
        })),
      });
    }
  }
  blocks.push(paragraph(`Montant des jours réservés : ${input.total}. ${input.billingNote}`));
  blocks.push(paragraph("Votre planning :"), { kind: "link", href: input.planningUrl });
  return render("Confirmation de vos réservations — Espace Famille", blocks);
}

/** An agent's decision on a registration that waited for the dossier. */
export function registrationDecisionMail(input: {
  name: string;
  childName: string;
  activity: string;
  validated: boolean;
  reason?: string | null;
  portalUrl: string;
}): TMailContent {
  const subject = input.validated
    ? `Inscription validée : ${input.childName} — ${input.activity}`
    : `Inscription refusée : ${input.childName} — ${input.activity}`;
  const blocks: TBlock[] = [paragraph(greeting(input.name))];
  if (input.validated) {
    blocks.push(
      paragraph(
        `L'inscription de ${input.childName} à « ${input.activity} » est validée. Vous pouvez dès maintenant réserver les jours dans votre planning.`,
      ),
    );
  } else {
    blocks.push(
      paragraph(
        `L'inscription de ${input.childName} à « ${input.activity} » n'a pas pu être validée.`,
      ),
      paragraph(`Motif : ${input.reason ?? "non précisé"}`),
      paragraph("Pour toute question, le guichet unique vous répond."),
    );
  }
  blocks.push({ kind: "link", href: input.portalUrl });
  return render(subject, blocks);
}

/** The guichet unique ended a child's registration (at the desk): what, why, and who to ask. */
export function registrationCancelledMail(input: {
  name: string;
  childName: string;
  activity: string;
  reason: string;
  portalUrl: string;
}): TMailContent {
  return render(`Inscription annulée : ${input.childName} — ${input.activity}`, [
    paragraph(greeting(input.name)),
    paragraph(
      `Le guichet unique a mis fin à l'inscription de ${input.childName} à « ${input.activity} ». Aucun jour n'y reste réservé.`,
    ),
    paragraph(`Motif : ${input.reason}`),
    paragraph("Pour toute question, le guichet unique vous répond."),
    { kind: "link", href: input.portalUrl },
  ]);
}

/**
 * An agent's decision on a declared absence. Accepted, the days billed afterwards are not billed
 * (or are credited on the next invoice); days paid at booking are not refunded by themselves.
 * Refused, they stay due, and the family may declare again.
 */
export function absenceDecisionMail(input: {
  name: string;
  childName: string;
  /** "jeudi 3 décembre 2026". */
  dayLabel: string;
  /** The activities of that day billed afterwards (the monthly invoice). */
  activities: readonly string[];
  /** The activities of that day paid when booked (accueils de loisirs…). */
  paidActivities?: readonly string[];
  accepted: boolean;
  reason?: string | null;
  /** Refused: until when a new declaration is possible ("jeudi 10 décembre 2026"). */
  lastDayLabel?: string | null;
  portalUrl: string;
}): TMailContent {
  const paid = input.paidActivities ?? [];
  const blocks: TBlock[] = [paragraph(greeting(input.name))];
  if (input.accepted) {
    blocks.push(
      paragraph(
        `L'absence de ${input.childName} le ${input.dayLabel} est justifiée : le guichet unique a accepté le certificat médical.`,
      ),
    );
    if (input.activities.length > 0) {
      blocks.push(
        paragraph(
          `Les activités réservées ce jour-là (${input.activities.join(", ")}) ne vous seront pas facturées ; si elles l'ont déjà été, elles seront déduites de votre prochaine facture.`,
        ),
      );
    }
    if (paid.length > 0) {
      blocks.push(
        paragraph(
          `Les activités payées à la réservation (${paid.join(", ")}) ne sont pas remboursées automatiquement : pour une demande de remboursement, adressez-vous au guichet unique.`,
        ),
      );
    }
  } else {
    const all = [...input.activities, ...paid];
    const booked = all.length > 0 ? ` (${all.join(", ")})` : "";
    blocks.push(
      paragraph(`L'absence de ${input.childName} le ${input.dayLabel} n'a pas pu être justifiée.`),
      paragraph(`Motif : ${input.reason ?? "non précisé"}`),
      paragraph(
        `Les activités réservées ce jour-là${booked} restent dues.${input.lastDayLabel ? ` Vous pouvez signaler l'absence à nouveau avec un autre justificatif jusqu'au ${input.lastDayLabel}.` : ""}`,
      ),
      paragraph("Pour toute question, le guichet unique vous répond."),
    );
  }
  blocks.push({ kind: "link", href: input.portalUrl });
  const subject = input.accepted
    ? `Absence justifiée : ${input.childName} — ${input.dayLabel}`
    : `Absence non justifiée : ${input.childName} — ${input.dayLabel}`;
  return render(subject, blocks);
}

/**
 * The ticket de paiement: the proof of booking for what was paid at once (accueils de loisirs,
 * EMS, Territoire Jeune).
 */
export function paymentTicketMail(input: {
  name: string;
  refdet: string;
  numauto: string;
  paidAt: Date;
  amount: string;
  credit: string | null;
  children: ReadonlyArray<{
    childName: string;
    lines: ReadonlyArray<{ label: string; amount: string }>;
  }>;
  portalUrl: string;
}): TMailContent {
  const blocks: TBlock[] = [
    paragraph(greeting(input.name)),
    paragraph(
      "Votre paiement est accepté. Ce ticket de paiement est la preuve de votre réservation : conservez-le.",
    ),
    {
      kind: "fields",
      rows: [
        { label: "Référence", value: input.refdet },
        { label: "Numéro d'autorisation", value: input.numauto },
        { label: "Date du paiement", value: formatDateTimeFr(input.paidAt) },
        { label: "Montant payé", value: input.amount },
        ...(input.credit ? [{ label: "Avoir utilisé", value: input.credit }] : []),
      ],
    },
  ];
  for (const child of input.children) {
    blocks.push(paragraph(child.childName), {
      kind: "fields",
      rows: child.lines.map((l) => ({ label: l.label, value: l.amount })),
    });
  }
  blocks.push({ kind: "link", href: input.portalUrl });
  return render(`Ticket de paiement ${input.refdet} — Espace Famille`, blocks);
}

/** A payment PayFiP accepted whose places could not be booked: an agent refunds it. */
export function paymentRefundMail(input: {
  name: string;
  refdet: string;
  amount: string;
  reason: string;
}): TMailContent {
  return render(`Paiement ${input.refdet} : remboursement à venir`, [
    paragraph(greeting(input.name)),
    paragraph(
      `Votre paiement de ${input.amount} (référence ${input.refdet}) a bien été reçu, mais la réservation n'a pas pu être faite : ${input.reason}`,
    ),
    paragraph(
      "Le guichet unique va vous rembourser ; vous n'avez rien à faire. Pour toute question, munissez-vous de la référence ci-dessus.",
    ),
  ]);
}

/** A place freed for a family on the waiting list: held in its panier for 24 hours. */
export function waitingListOfferMail(input: {
  name: string;
  childName: string;
  label: string;
  validUntil: Date;
  link: string;
}): TMailContent {
  return render(`Une place s'est libérée : ${input.childName} — ${input.label}`, [
    paragraph(greeting(input.name)),
    paragraph(
      `Une place s'est libérée pour ${input.childName} : ${input.label}. Elle vous est réservée dans votre panier jusqu'au ${formatDateTimeFr(input.validUntil)}.`,
    ),
    paragraph("Pour la garder, ouvrez votre panier et confirmez (ou payez) avant cette date :"),
    { kind: "link", href: input.link },
    paragraph(
      "Passé ce délai, la place sera proposée à la famille suivante sur la liste d'attente.",
    ),
  ]);
}

/** A piece of the dossier Pass'Enfance Jeunesse refused by the guichet unique, with the reason. */
export function dossierPieceRefusedMail(input: {
  name: string;
  pieceLabel: string;
  seasonLabel: string;
  reason: string;
  portalUrl: string;
}): TMailContent {
  return render(`Dossier Pass'Enfance Jeunesse : pièce à renvoyer — ${input.pieceLabel}`, [
    paragraph(greeting(input.name)),
    paragraph(
      `Le guichet unique n'a pas pu accepter la pièce « ${input.pieceLabel} » de votre dossier Pass'Enfance Jeunesse ${input.seasonLabel}.`,
    ),
    paragraph(`Motif : ${input.reason}`),
    paragraph("Vous pouvez envoyer une nouvelle pièce depuis « Mon dossier » :"),
    { kind: "link", href: input.portalUrl },
  ]);
}

/** The last piece accepted: the dossier is complete, and the registrations that waited for it. */
export function dossierCompleteMail(input: {
  name: string;
  seasonLabel: string;
  validated: ReadonlyArray<{ childName: string; activity: string }>;
  portalUrl: string;
}): TMailContent {
  const blocks: TBlock[] = [
    paragraph(greeting(input.name)),
    paragraph(
      `Toutes les pièces de votre dossier Pass'Enfance Jeunesse ${input.seasonLabel} sont acceptées : votre dossier est complet.`,
    ),
  ];
  if (input.validated.length > 0) {
    blocks.push(
      paragraph(
        input.validated.length === 1
          ? "L'inscription qui attendait votre dossier est validée :"
          : "Les inscriptions qui attendaient votre dossier sont validées :",
      ),
      { kind: "steps", items: input.validated.map((v) => `${v.childName} — ${v.activity}`) },
      paragraph("Vous pouvez dès maintenant réserver les jours dans votre planning."),
    );
  } else {
    blocks.push(paragraph("Vos prochaines inscriptions seront validées dès leur enregistrement."));
  }
  blocks.push({ kind: "link", href: input.portalUrl });
  return render(
    `Dossier Pass'Enfance Jeunesse complet (${input.seasonLabel}) — Espace Famille`,
    blocks,
  );
}

/**
 * Days the town closed (or took out of the calendar) after the family had booked them: cancelled
 * by the town, with the reason, and the credit (avoir) for the days already paid.
 */
export function calendarCancellationMail(input: {
  name: string;
  reason: string;
  children: ReadonlyArray<{
    childName: string;
    days: ReadonlyArray<{ day: string; activity: string; amount: string }>;
  }>;
  credit: string | null;
  planningUrl: string;
}): TMailContent {
  const blocks: TBlock[] = [
    paragraph(greeting(input.name)),
    paragraph(
      "La Ville d'Albertville a dû annuler des jours que vous aviez réservés. Vous n'avez rien à faire : ces jours ne vous seront pas facturés.",
    ),
    paragraph(`Motif : ${input.reason}`),
  ];
  for (const child of input.children) {
    blocks.push(paragraph(child.childName), {
      kind: "fields",
      rows: child.days.map((d) => ({
        label: `Annulé — ${d.day}`,
        value: `${d.activity} (${d.amount})`,
      })),
    });
  }
  if (input.credit) {
    blocks.push(
      paragraph(
        `Les jours déjà payés vous sont rendus en avoir : ${input.credit}. Il sera déduit de votre prochain paiement ; le guichet unique peut aussi vous le rembourser sur demande écrite.`,
      ),
    );
  }
  blocks.push(paragraph("Votre planning :"), { kind: "link", href: input.planningUrl });
  return render("Annulation de jours réservés — Espace Famille", blocks);
}

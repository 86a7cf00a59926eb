/** What each kind of message is called in the console. */
export const mailKindLabels: Record<string, string> = {
  credentials: "Identifiants",
  password_reset: "Lien de réinitialisation du mot de passe",
  password_changed: "Mot de passe modifié",
  booking_confirmation: "Confirmation de réservation",
  payment_ticket: "Ticket de paiement",
  payment_refund: "Paiement à rembourser",
  payment_refunded: "Remboursement effectué",
  registration_decision: "Décision d'inscription",
  registration_cancelled: "Inscription annulée",
  waiting_list_offer: "Place proposée (liste d'attente)",
  absence_decision: "Décision sur une absence",
  calendar_cancellation: "Réservation annulée (fermeture)",
  dossier_piece_refused: "Pièce du dossier refusée",
  dossier_complete: "Dossier complet",
  invoice_issued: "Facture du mois",
  invoice_reminder: "Relance de facture",
  invoice_receipt: "Reçu de paiement de facture",
};

/**
 * Messages carrying a secret: a temporary password or a single-use link. Their text stays out of
 * the console, and they are never re-sent — an old password or link may no longer be the valid
 * one; the agent issues new credentials instead.
 */
export const secretMailKinds: ReadonlySet<string> = new Set(["credentials", "password_reset"]);

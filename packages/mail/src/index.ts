/**
 * Mail: messages are written to the outbox in the transaction of the change they report
 * (`queueMail`), then sent over SMTP by a worker with retries (`startMailWorker`). The templates
 * give the French words.
 */

export {
  invoiceIssuedMail,
  invoicePaidMail,
  invoiceReminderMail,
  paymentRefundedMail,
} from "./billing-templates";
export { NO_ADDRESS_ERROR, queueMail, resendMail, type TQueuedMail } from "./outbox";
export {
  absenceDecisionMail,
  bookingConfirmationMail,
  calendarCancellationMail,
  credentialsMail,
  dossierCompleteMail,
  dossierPieceRefusedMail,
  escapeHtml,
  formatDateTimeFr,
  passwordChangedMail,
  passwordResetMail,
  paymentRefundMail,
  paymentTicketMail,
  registrationCancelledMail,
  registrationDecisionMail,
  type TBookingChanges,
  type TMailContent,
  waitingListOfferMail,
} from "./templates";
export {
  MAX_ATTEMPTS,
  RETRY_DELAYS_MS,
  smtpTransportOptions,
  startMailWorker,
  type TMailLog,
  type TMailWorker,
  type TMailWorkerOptions,
} from "./worker";

export {
  invoiceLines,
  lastDayOfMonth,
  monthIsOver,
  splitDocuments,
  type TBillableReservation,
  type TBilledDay,
  type TExcuse,
  type TLineDraft,
  totalOf,
} from "./lines";
export {
  dueDateOf,
  formatMonthFr,
  invoiceNumber,
  nextSeq,
  REMINDER_DAYS_BEFORE,
  reminderDue,
  type TInvoiceKind,
} from "./numbering";

export {
  ABSENCE_DECLARATION_DAYS,
  absenceDeclarationWindow,
  absenceLastDeclarationDay,
  type TAbsenceWindow,
} from "./absence";
export * from "./billing/index";
export {
  dayOffer,
  parseWeekdays,
  type TCalendarPeriod,
  type TDayKind,
  type TOffer,
  type TSeasonCalendar,
} from "./calendar";
export { hasRoom, placesLeft } from "./capacity";
export {
  busiestDay,
  groupClash,
  placesProblem,
  type TGroupSlot,
  type TTariffLine,
  tariffGridProblem,
  timesOverlap,
} from "./catalogue";
export {
  addDays,
  addMonths,
  ageOn,
  daysOfMonth,
  formatDayFr,
  formatInstantFr,
  isoWeekday,
  parisDay,
  parisInstant,
  splitDay,
  type TDay,
  TIME_ZONE,
} from "./dates";
export { canChange, changeDeadline, describeDeadline, type TDeadlineRule } from "./deadline";
export {
  CLASS_LEVEL_ORDER,
  classLevelAfter,
  eligibility,
  schoolYearsAhead,
  type TEligibility,
  type TEligibilityRule,
} from "./eligibility";
export { formatEuros } from "./money";
export { paidItemKey, type TPaidTickItem, tickPaidItem } from "./paid-ticks";
export {
  PDF_PAGE_HEIGHT,
  PDF_PAGE_WIDTH,
  pdfAscii,
  pdfDocument,
  pdfString,
} from "./pdf";
export { priceFor, type TPrice, type TTariff } from "./pricing";
export { easterSunday, frenchPublicHolidays } from "./public-holidays";

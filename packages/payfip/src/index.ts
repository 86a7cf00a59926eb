/**
 * PayFiP, the State's payment service for local public revenue: the field rules, a SOAP client
 * for the real web service, and the simulator our server mounts under `/payfip-simulator`, which
 * speaks the same operations so that the same client works against either.
 */
export {
  createPayfipClient,
  PAYFIP_ENDPOINT,
  PAYFIP_PAYMENT_PAGE,
  PayfipError,
  PayfipRequestError,
  paymentPageUrl,
  type TPayfipClient,
  type TPayfipClientOptions,
  type TPaymentInput,
} from "./client";
export { post, type TPost, type TPostAnswer } from "./post";
export {
  MEL_MAX_LENGTH,
  MONTANT_MAX,
  MONTANT_MIN,
  OBJET_MAX_LENGTH,
  paymentRequestFieldErrors,
  REFDET_PATTERN,
  SAISIES,
  type TFieldError,
  type TPaymentRequest,
  type TSaisie,
  toPayfipObjet,
  validatePaymentRequest,
} from "./rules";
export {
  ACCEPTED_CARD,
  createPayfipSimulator,
  IDOP_LIFETIME_MS,
  payfipSimulatorUrls,
  REFUSED_CARD,
  simulatorPaymentForm,
  type TNotificationMode,
  type TPayfipSimulator,
  type TPayfipSimulatorControl,
  type TPayfipSimulatorOptions,
  type TSimulatedOperation,
} from "./simulator";
export {
  outcomeOf,
  RESULTRANS,
  type TPaymentDetail,
  type TPaymentOutcome,
  type TResultrans,
} from "./types";

export { invoicePdfFor } from "./billing/invoice-file";
export { sendInvoiceReminders } from "./billing/reminders";
export { createClock, type TClock } from "./clock";
export {
  createContextInner,
  type TAppConfig,
  type TContext,
  type TCookieJar,
  type TServices,
} from "./context";
export { AppError, appError, type TAppErrorCode } from "./errors";
export {
  checkPayment,
  handleNotification,
  reconcilePayments,
  type TPayfipService,
} from "./payment/service";
export {
  type AppRouter,
  appRouter,
  createCaller,
  type RouterInputs,
  type RouterOutputs,
} from "./root";
export { createServices } from "./services";
export { createSession, readSession } from "./session-store";
export { offerFreedPlaces } from "./waiting-list/service";

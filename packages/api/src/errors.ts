import { TRPCError } from "@trpc/server";

/**
 * The small set of failures a person can meet, each with a French message for the screen.
 * Handlers throw `appError(...)`; the error formatter puts `appCode` on `error.data`.
 */
export const appErrorCodes = {
  UNAUTHORIZED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  INVALID: "BAD_REQUEST",
  DEADLINE_PASSED: "PRECONDITION_FAILED",
  FULL: "CONFLICT",
  PAYMENT_FAILED: "BAD_REQUEST",
  TOO_MANY_REQUESTS: "TOO_MANY_REQUESTS",
  PASSWORD_CHANGE_REQUIRED: "FORBIDDEN",
} as const;
export type TAppErrorCode = keyof typeof appErrorCodes;

const defaultMessages: Record<TAppErrorCode, string> = {
  UNAUTHORIZED: "Votre session a expiré. Veuillez vous reconnecter.",
  FORBIDDEN: "Vous n'avez pas accès à cette page.",
  NOT_FOUND: "Cet élément est introuvable.",
  CONFLICT: "Cette action n'est plus possible : les données ont changé entre-temps.",
  INVALID: "Certains champs sont invalides.",
  DEADLINE_PASSED: "La date limite de modification est dépassée.",
  FULL: "Il n'y a plus de place.",
  PAYMENT_FAILED: "Le paiement n'a pas abouti.",
  TOO_MANY_REQUESTS: "Trop de tentatives. Réessayez plus tard.",
  PASSWORD_CHANGE_REQUIRED: "Vous devez d'abord choisir un nouveau mot de passe.",
};

/** Extra facts the screen may use (e.g. when to retry). */
export type TAppErrorDetails = { retryAt?: string };

export class AppError extends Error {
  constructor(
    readonly appCode: TAppErrorCode,
    message?: string,
    readonly details: TAppErrorDetails = {},
  ) {
    super(message ?? defaultMessages[appCode]);
    this.name = "AppError";
  }
}

/** A tRPC error carrying an AppError: what handlers throw. */
export function appError(
  code: TAppErrorCode,
  message?: string,
  details?: TAppErrorDetails,
): TRPCError {
  const cause = new AppError(code, message, details);
  return new TRPCError({ code: appErrorCodes[code], message: cause.message, cause });
}

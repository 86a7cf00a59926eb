/**
 * The server's form schemas, the only ones this app needs. Loaded on demand (see `check` in
 * components/form.tsx); named imports keep the rest of zod out of the bundle.
 */
export {
  ZApplyPatternSchema,
  ZChangePasswordSchema,
  ZCompleteResetSchema,
  ZCreateRegistrationSchema,
  ZDeclareAbsenceFormSchema,
  ZLoginSchema,
  ZRequestResetSchema,
} from "@ef/api/schemas";

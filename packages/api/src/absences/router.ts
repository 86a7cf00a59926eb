import type { TRPCRouterRecord } from "@trpc/server";
import { decideAbsence } from "./decide";
import { declareAbsence } from "./declare";
import { myAbsences } from "./mine";
import { pendingAbsences } from "./pending";

/** The family's side: "Signaler une absence" and the list of declared absences. */
export const absencesRouter = {
  declare: declareAbsence,
  mine: myAbsences,
} satisfies TRPCRouterRecord;

/** The guichet unique's side: absences to check, accepted or refused. */
export const staffAbsencesRouter = {
  pending: pendingAbsences,
  decide: decideAbsence,
} satisfies TRPCRouterRecord;

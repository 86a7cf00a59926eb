import type { TRPCRouterRecord } from "@trpc/server";
import { decidePiece } from "./decide";
import { getHouseholdDossier } from "./get";
import { piecesToReview } from "./to-review";

/** The guichet unique checks the families' dossiers Pass'Enfance Jeunesse. */
export const staffDossiersRouter = {
  toReview: piecesToReview,
  get: getHouseholdDossier,
  decide: decidePiece,
} satisfies TRPCRouterRecord;

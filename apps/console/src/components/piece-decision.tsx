import type { RouterOutputs } from "@ef/api";
import { ZDecidePieceSchema } from "@ef/api/schemas";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { pendingRegistrationsQuery } from "../lib/pending-registrations";
import { useZodForm } from "../lib/use-zod-form";
import { appCodeOf, queryClient, trpc } from "../trpc";
import { DecisionButtons } from "./decision-buttons";

type TDecided = RouterOutputs["staff"]["dossiers"]["decide"];

/** What the agent reads after a decision. */
export function decisionMessage(label: string, out: TDecided): string {
  if (out.status === "refused") {
    return `« ${label} » refusée. La famille est prévenue par e-mail, avec le motif.`;
  }
  if (!out.dossierComplete) return `« ${label} » acceptée.`;
  const n = out.validatedRegistrations;
  const regs =
    n === 0
      ? "aucune inscription n'attendait"
      : n === 1
        ? "1 inscription en attente est validée"
        : `${n} inscriptions en attente sont validées`;
  return `« ${label} » acceptée. Le dossier est complet : ${regs}. La famille est prévenue par e-mail.`;
}

/** Everything that shows pieces or registrations of this household is read again. */
export function refreshAfterDecision(householdId: number): void {
  void queryClient.invalidateQueries({ queryKey: trpc.staff.dossiers.toReview.queryKey() });
  void queryClient.invalidateQueries({
    queryKey: trpc.staff.dossiers.get.queryKey({ householdId }),
  });
  void queryClient.invalidateQueries({
    queryKey: trpc.staff.households.get.queryKey({ householdId }),
  });
  void queryClient.invalidateQueries({ queryKey: pendingRegistrationsQuery().queryKey });
}

/** "Accepter" / "Refuser" (with the reason the family will read) for one uploaded piece. */
export function PieceDecision(props: {
  pieceId: number;
  /** When the file shown was sent: the server refuses to decide on a file replaced since. */
  uploadedAt: string | null;
  householdId: number;
  /** The piece, and whose, for the buttons' accessible names and the messages. */
  label: string;
  context: string;
  onDecided: (message: string) => void;
  onFailed: (error: unknown) => void;
}) {
  const { pieceId, householdId, label, uploadedAt } = props;
  const [refusing, setRefusing] = useState(false);
  const prefix = `piece-${pieceId}`;
  const form = useZodForm({
    id: `${prefix}-refus`,
    schema: ZDecidePieceSchema,
    initial: { reason: "" },
    fixed: { pieceId, decision: "refuse", uploadedAt },
  });

  const decide = useMutation(
    trpc.staff.dossiers.decide.mutationOptions({
      onSuccess: (out) => {
        setRefusing(false);
        props.onDecided(decisionMessage(label, out));
        refreshAfterDecision(householdId);
      },
      onError: (error) => {
        form.showServerError(error);
        props.onFailed(error);
        // Decided by someone else, replaced, or gone: read again.
        const code = appCodeOf(error);
        if (code === "CONFLICT" || code === "NOT_FOUND") refreshAfterDecision(householdId);
      },
    }),
  );
  const busy = decide.isPending;

  return (
    <DecisionButtons
      prefix={prefix}
      busy={busy}
      refusing={refusing}
      setRefusing={setRefusing}
      acceptLabel={`Accepter : ${label} (${props.context})`}
      refuseLabel={`Refuser : ${label} (${props.context})`}
      onAccept={() => decide.mutate({ pieceId, decision: "accept", uploadedAt })}
      formLabel={`Refus de la pièce « ${label} » (${props.context})`}
      hint="La famille le reçoit dans l'e-mail et le voit dans « Mon dossier »."
      form={form}
      onRefuse={(input) => decide.mutate(input)}
    />
  );
}

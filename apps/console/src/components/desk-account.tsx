import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage, trpc } from "../trpc";
import { FormAlert } from "./field";

/** "Désactiver le compte" / "Réactiver le compte", each after a confirmation. */
export function DeskAccountToggle(props: { householdId: number; disabled: boolean }) {
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const toggle = useMutation(
    trpc.staff.households.setAccountDisabled.mutationOptions({
      onSuccess: () => {
        setConfirming(false);
        void queryClient.invalidateQueries({ queryKey: trpc.staff.households.get.queryKey() });
      },
    }),
  );
  const label = props.disabled ? "Réactiver le compte" : "Désactiver le compte";
  return (
    <div className="desk-account screen-only">
      <FormAlert message={toggle.isError ? errorMessage(toggle.error) : null} />
      {confirming ? (
        <div className="alert alert-info" role="alertdialog" aria-labelledby="confirmer-compte">
          <p id="confirmer-compte">
            {props.disabled
              ? "La famille pourra de nouveau se connecter. Confirmer ?"
              : "La famille sera déconnectée immédiatement et ne pourra plus se connecter. Confirmer ?"}
          </p>
          <div className="actions">
            <button
              type="button"
              className="button"
              disabled={toggle.isPending}
              onClick={() =>
                toggle.mutate({ householdId: props.householdId, disabled: !props.disabled })
              }
            >
              {`Confirmer : ${label.toLowerCase()}`}
            </button>
            <button
              type="button"
              className="button button-secondary"
              onClick={() => setConfirming(false)}
            >
              Annuler
            </button>
          </div>
        </div>
      ) : (
        <button
          type="button"
          className="button button-secondary"
          onClick={() => setConfirming(true)}
        >
          {label}
        </button>
      )}
    </div>
  );
}

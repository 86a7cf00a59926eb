import { useMutation } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { forgetSession } from "../session";
import { trpc } from "../trpc";

/** "Se déconnecter": ends the session on the server, forgets it here, back to the home page. */
export function LogoutButton() {
  const navigate = useNavigate();
  const mutation = useMutation(
    trpc.auth.logout.mutationOptions({
      // Even if the server could not be reached, this device forgets the person. Leave the
      // private page first, so nothing on it asks the server again without a session.
      onSettled: async () => {
        await navigate({ to: "/" });
        forgetSession({ expired: false });
      },
    }),
  );
  const pending = mutation.isPending || mutation.isSuccess;
  return (
    <button
      type="button"
      className="button"
      disabled={pending}
      onClick={() => {
        if (!pending) mutation.mutate();
      }}
    >
      {pending ? "Déconnexion…" : "Se déconnecter"}
    </button>
  );
}

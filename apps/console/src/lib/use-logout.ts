import { useMutation } from "@tanstack/react-query";
import { useRouter } from "@tanstack/react-router";
import { queryClient, trpc } from "../trpc";
import { markLoggedOut } from "./session";

/** "Se déconnecter": ends the session on the server, then forgets everything shown. */
export function useLogout() {
  const router = useRouter();
  return useMutation(
    trpc.auth.logout.mutationOptions({
      onSuccess: async () => {
        markLoggedOut();
        await router.navigate({ to: "/connexion" });
        queryClient.clear();
      },
    }),
  );
}

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "@tanstack/react-router";
import { queryClient, trpc } from "../trpc";

/** "Se déconnecter": ends the session on the server, then forgets everything shown. */
export function useLogout() {
  const router = useRouter();
  return useMutation(
    trpc.auth.logout.mutationOptions({
      onSuccess: async () => {
        await router.navigate({ to: "/connexion" });
        queryClient.clear();
      },
    }),
  );
}

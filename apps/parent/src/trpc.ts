/**
 * The API client: tRPC over plain JSON at `/trpc` (same origin, so the session cookie travels),
 * wired into TanStack Query. One query client and one options proxy for the whole app, so route
 * guards can use them outside React.
 */
import type { AppRouter } from "@ef/api";
import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, type TRPCClientErrorLike } from "@trpc/client";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";

export type TApiError = TRPCClientErrorLike<AppRouter>;

type TAppCodeHandler = (appCode: string) => void;
let handleAppCode: TAppCodeHandler = () => {};

/** Where every failed query and mutation reports its `appCode` (session expired, etc.). */
export function onAppCode(handler: TAppCodeHandler): void {
  handleAppCode = handler;
}

function report(error: unknown): void {
  const appCode = apiError(error)?.data?.appCode;
  if (appCode) handleAppCode(appCode);
}

/** The error as the API shapes it, or null for anything else. */
export function apiError(error: unknown): TApiError | null {
  return error && typeof error === "object" && "data" in error ? (error as TApiError) : null;
}

/** What to show: the server's French message, or a plain word about the network. */
export function errorMessage(error: unknown): string {
  const api = apiError(error);
  if (api?.data) return api.message;
  return "Le serveur ne répond pas. Vérifiez votre connexion internet et réessayez.";
}

export const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: report }),
  mutationCache: new MutationCache({ onError: report }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // Retry only what may pass next time: the network or the server, never a refusal.
      retry: (count, error) => {
        const status = apiError(error)?.data?.httpStatus;
        return count < 2 && (status === undefined || status >= 500);
      },
    },
  },
});

export const trpcClient = createTRPCClient<AppRouter>({
  links: [httpBatchLink({ url: "/trpc" })],
});

export const trpc = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient });

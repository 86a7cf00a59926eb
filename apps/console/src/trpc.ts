/**
 * The console's link to the API: one tRPC client, one QueryClient, and the typed
 * `trpc.…queryOptions()` / `mutationOptions()` proxy (the singleton form of
 * @trpc/tanstack-react-query, which suits a client-only app).
 *
 * Failures that concern the session itself (expired, password to change) are handled here once,
 * for every query and mutation, by the handler the app registers with `onSessionError`.
 */
import type { AppRouter } from "@ef/api";
import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { noteServerDate } from "./lib/server-clock";

export type TApiError = TRPCClientError<AppRouter>;

export function isApiError(error: unknown): error is TApiError {
  return error instanceof TRPCClientError;
}

/** The API's own code for a failure (`UNAUTHORIZED`, `FORBIDDEN`, `NOT_FOUND`…), if any. */
export function appCodeOf(error: unknown): string | null {
  return isApiError(error) ? (error.data?.appCode ?? null) : null;
}

/** A message for the screen: the server's French one, or a French one for network failures. */
export function errorMessage(error: unknown): string {
  if (isApiError(error) && error.data) return error.message;
  return "Impossible de joindre le serveur. Vérifiez la connexion réseau et réessayez.";
}

/** The server's field messages for a zod failure, keyed by field name. */
export function fieldErrorsOf(error: unknown): Record<string, string[]> {
  return (isApiError(error) && error.data?.fieldErrors) || {};
}

export type TSessionProblem = "expired" | "password-change";

let sessionHandler: ((problem: TSessionProblem) => void) | null = null;

/** Registers what to do when a call reveals an expired session or a password to change. */
export function onSessionError(handler: (problem: TSessionProblem) => void) {
  sessionHandler = handler;
}

/** Procedures whose UNAUTHORIZED means "wrong credentials", not "your session ended". */
const credentialChecks = new Set(["auth.login"]);

function handleGlobalError(error: unknown) {
  if (!isApiError(error) || !error.data) return;
  const { appCode, path } = error.data;
  if (appCode === "UNAUTHORIZED" && !(path && credentialChecks.has(path))) {
    sessionHandler?.("expired");
  } else if (appCode === "PASSWORD_CHANGE_REQUIRED") {
    sessionHandler?.("password-change");
  }
}

export const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: handleGlobalError }),
  mutationCache: new MutationCache({ onError: handleGlobalError }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // A refusal from the server will not change on retry; a network blip may.
      retry: (failureCount, error) => !(isApiError(error) && error.data) && failureCount < 2,
      refetchOnWindowFocus: false,
    },
    mutations: { retry: false },
  },
});

export const trpcClient = createTRPCClient<AppRouter>({
  links: [
    httpBatchLink({
      url: "/trpc",
      async fetch(input, init) {
        const sentAt = Date.now();
        const response = await globalThis.fetch(input, { ...init, credentials: "same-origin" });
        noteServerDate(response.headers.get("date"), sentAt, Date.now());
        return response;
      },
    }),
  ],
});

export const trpc = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient });

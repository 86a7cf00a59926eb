import { QueryClientProvider } from "@tanstack/react-query";
import { createRouter, RouterProvider } from "@tanstack/react-router";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { parseSearch, stringifySearch } from "./lib/search-params";
import { BASEPATH, markSessionGone, publicHref } from "./lib/session";
import { routeTree } from "./routeTree.gen";
import { onSessionError, queryClient } from "./trpc";
import "./styles.css";

const router = createRouter({
  routeTree,
  basepath: BASEPATH,
  context: { queryClient },
  parseSearch,
  stringifySearch,
  defaultPreload: "intent",
  // TanStack Query decides what is fresh; the router always asks it.
  defaultPreloadStaleTime: 0,
  scrollRestoration: true,
});

declare module "@tanstack/react-router" {
  interface Register {
    router: typeof router;
  }
}

/** Pages where an expired session is not news: the person is already logging in. */
const publicPaths = new Set(["/connexion", "/mot-de-passe-oublie", "/reinitialiser"]);
let redirecting = false;

// One place for what any call may reveal: the session has ended, or a password must change.
onSessionError(async (problem) => {
  const location = router.state.location;
  if (redirecting) return;
  if (problem === "expired") {
    markSessionGone();
    if (publicPaths.has(location.pathname)) return;
    redirecting = true;
    try {
      await router.navigate({
        to: "/connexion",
        search: { expired: "1", redirect: publicHref(location.href) },
      });
      // Nothing of the ended session may be shown again to whoever logs in next.
      queryClient.clear();
    } finally {
      redirecting = false;
    }
  } else if (location.pathname !== "/mot-de-passe") {
    await router.navigate({ to: "/mot-de-passe" });
  }
});

const root = document.getElementById("app");
if (!root) throw new Error("#app is missing from index.html");
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);

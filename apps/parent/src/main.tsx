import { QueryClientProvider } from "@tanstack/react-query";
import { createRouter, RouterProvider } from "@tanstack/react-router";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { routeTree } from "./routeTree.gen";
import { forgetSession, isProtectedPath } from "./session";
import { onAppCode, queryClient, trpc } from "./trpc";
import "./styles.css";

const router = createRouter({
  routeTree,
  defaultPreload: "intent",
  defaultPendingMs: 500,
  scrollRestoration: true,
});

declare module "@tanstack/react-router" {
  interface Register {
    router: typeof router;
  }
}

// One place decides what a lost session means, whichever request noticed it.
let leaving = false;
onAppCode(async (appCode) => {
  const { pathname, href } = router.state.location;
  if (leaving) return;
  if (appCode === "UNAUTHORIZED" && isProtectedPath(pathname)) {
    leaving = true;
    try {
      await router.navigate({ to: "/connexion", search: { expired: 1, redirect: href } });
      forgetSession({ expired: true });
    } finally {
      leaving = false;
    }
  } else if (appCode === "PASSWORD_CHANGE_REQUIRED" && pathname !== "/mot-de-passe/changer") {
    leaving = true;
    try {
      // Ask again who is here: the cached answer predates the forced change.
      queryClient.removeQueries({ queryKey: trpc.auth.me.queryKey() });
      await router.navigate({ to: "/mot-de-passe/changer" });
    } finally {
      leaving = false;
    }
  }
});

const root = document.getElementById("app");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </StrictMode>,
  );
}

import { createFileRoute, Outlet } from "@tanstack/react-router";
import { requireParent } from "../session";

/** Everything under /espace needs a logged-in parent who has chosen their own password. */
export const Route = createFileRoute("/espace")({
  beforeLoad: async ({ location }) => ({ me: await requireParent(location.href) }),
  component: Outlet,
});

import { createFileRoute, Outlet } from "@tanstack/react-router";
import { BasketBanner } from "../components/basket-banner";
import { PageBanner } from "../components/page";
import { requireParent } from "../session";

/** Everything under /espace needs a logged-in parent who has chosen their own password. */
export const Route = createFileRoute("/espace")({
  beforeLoad: async ({ location }) => ({ me: await requireParent(location.href) }),
  component: Space,
});

function Space() {
  return (
    <PageBanner.Provider value={<BasketBanner />}>
      <Outlet />
    </PageBanner.Provider>
  );
}

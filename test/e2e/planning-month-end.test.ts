import { describe, it } from "vitest";
import { familyLogIn } from "../support/browser";
import { useE2E } from "../support/e2e";

// Sunday 29 November 2026: Monday 30, November's last day, closed on Thursday 26 at noon.
const e2e = useE2E({ appNow: "2026-11-29T10:00:00+01:00" });

describe("the planning at a month's end, on a phone", () => {
  it("opens on December, where days can still change; November is one tap back, and back again", async () => {
    const p = await e2e.phonePage();
    await familyLogIn(p);

    await p.getByRole("link", { name: "Planning", exact: true }).first().click();
    await p.getByRole("heading", { name: "décembre 2026", exact: true }).waitFor();
    await p.getByText("modifiable jusqu'au").first().waitFor();

    // The month that ends is still there, its days closed and saying until when they could change.
    await p.getByRole("link", { name: "Mois précédent" }).click();
    await p.getByRole("heading", { name: "novembre 2026", exact: true }).waitFor();
    await p
      .getByText("Fermé — était modifiable jusqu'au jeudi 26 novembre à 12:00")
      .first()
      .waitFor();

    // The browser's back button and a reload bring December back, as first opened.
    await p.goBack();
    await p.getByRole("heading", { name: "décembre 2026", exact: true }).waitFor();
    await p.reload();
    await p.getByRole("heading", { name: "décembre 2026", exact: true }).waitFor();
    await p.getByRole("button", { name: "Modifier" }).waitFor();
  });
});

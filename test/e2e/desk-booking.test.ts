import { auditLog, households } from "@ef/db";
import { desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { consoleLogIn } from "../support/browser";
import { useE2E } from "../support/e2e";

// Tuesday 1 December 2026, 08:00: Léa's lunch of that day closed on Thursday 26 November.
const e2e = useE2E({ appNow: "2026-12-01T08:00:00+01:00" });

describe("booking at the desk", () => {
  it("an agent books a closed day for a family only with a reason; the family gets the mail and the audit log keeps the reason", async () => {
    const martin = e2e.server.db
      .select({ id: households.id, email: households.email })
      .from(households)
      .where(eq(households.accountCode, "F00001"))
      .get();
    if (!martin) throw new Error("no demo family");

    const desk = await e2e.deskPage();
    await consoleLogIn(desk);
    await desk.getByRole("link", { name: "Nouvelle famille" }).waitFor();

    await desk.goto(`/console/foyers/${martin.id}`);
    await desk.getByRole("link", { name: "Réserver pour la famille" }).click();
    await desk.waitForURL(`**/console/foyers/${martin.id}/planning**`);
    await desk.getByRole("heading", { name: "Planning — décembre 2026" }).waitFor();
    await desk.getByText("Le panier de la famille est vide.").waitFor();

    // The planning's own "Valider" (the EMS and Territoire Jeune section has another).
    const validate = desk
      .getByRole("region", { name: "Planning — décembre 2026" })
      .getByRole("button", { name: "Valider" });
    const box = desk.getByRole("checkbox", {
      name: "Léa — Restauration scolaire (midi) — mardi 1er décembre",
    });
    expect(await box.isChecked()).toBe(false);
    await box.check();
    // A closed day: the reason is asked for, and without it nothing is sent.
    const reason = desk.getByLabel("Motif du dépassement");
    await reason.waitFor();
    await validate.click();
    await desk.getByText("Indiquez le motif du dépassement (3 caractères au moins).").waitFor();
    expect(await desk.getByText("Le panier de la famille est vide.").isVisible()).toBe(true);

    await reason.fill("Reprise du travail, justificatif présenté au guichet");
    await validate.click();
    await desk.getByText(/Changements ajoutés au panier/).waitFor();
    await desk.getByText("Réservé — mardi 1er décembre — Restauration scolaire (midi)").waitFor();

    // After a reload the reason typed is gone: "Terminer" is refused by the server, in French,
    // and asks for it again.
    await desk.reload();
    await desk.getByText("Réservé — mardi 1er décembre — Restauration scolaire (midi)").waitFor();
    await desk.getByRole("button", { name: "Terminer" }).click();
    await desk.getByText(/fermé, les changements étaient possibles jusqu'au/).waitFor();
    await desk.getByText(/Pour passer outre, indiquez le motif du dépassement\./).waitFor();
    expect(await box.isChecked()).toBe(true);
    expect(
      e2e.server.db
        .select({ id: auditLog.id })
        .from(auditLog)
        .where(eq(auditLog.action, "basket.confirm"))
        .all(),
    ).toEqual([]);
    await desk
      .getByLabel("Motif du dépassement")
      .fill("Reprise du travail, justificatif présenté au guichet");
    await desk.getByRole("button", { name: "Terminer" }).click();
    await desk.getByText(/Réservations confirmées : 1 jour réservé/).waitFor();
    await desk.screenshot({ path: "/tmp/desk/shot-done.png", fullPage: true });
    await expect.poll(() => box.isChecked()).toBe(true);
    const stateId = (await box.getAttribute("aria-describedby")) ?? "";
    await expect.poll(() => desk.locator(`[id="${stateId}"]`).textContent()).toMatch(/^Réservé/);

    const mail = await e2e.smtp.waitFor(
      (m) =>
        m.to.includes(martin.email) &&
        m.subject === "Confirmation de vos réservations — Espace Famille",
    );
    expect(mail.text).toContain("mardi 1er décembre");
    expect(mail.text).toContain("Restauration scolaire (midi)");

    const logged = e2e.server.db
      .select({ after: auditLog.after, householdId: auditLog.householdId })
      .from(auditLog)
      .where(eq(auditLog.action, "desk.override"))
      .orderBy(desc(auditLog.id))
      .all();
    expect(logged.length).toBeGreaterThan(0);
    for (const row of logged) {
      expect(row.householdId).toBe(martin.id);
      expect((row.after as { reason: string }).reason).toBe(
        "Reprise du travail, justificatif présenté au guichet",
      );
    }
  });
});

import { describe, expect, it } from "vitest";
import { invoiceIssuedMail, invoicePaidMail, invoiceReminderMail } from "./billing-templates";

describe("invoice mails", () => {
  it("'Votre facture du mois est disponible' with the amount, the due date and the link", () => {
    const m = invoiceIssuedMail({
      name: "Famille Martin",
      number: "FA-2026-00001",
      monthLabel: "novembre 2026",
      amount: "15,20 €",
      dueOn: "vendredi 15 janvier 2027",
      link: "https://famille.example/espace/paiements",
    });
    expect(m.subject).toBe("Votre facture du mois est disponible — novembre 2026");
    expect(m.text).toContain("Bonjour Famille Martin,");
    expect(m.text).toContain("Montant : 15,20 €");
    expect(m.text).toContain("À payer avant le : vendredi 15 janvier 2027");
    expect(m.html).toContain('<a href="https://famille.example/espace/paiements"');
  });

  it("escapes what it prints in HTML", () => {
    const m = invoiceReminderMail({
      name: "Famille <b>",
      number: "FA-2026-00001",
      monthLabel: "novembre 2026",
      amount: "15,20 €",
      dueOn: "vendredi 15 janvier 2027",
      link: "https://famille.example/espace/paiements",
    });
    expect(m.subject).toBe(
      "Rappel : facture FA-2026-00001 à payer avant le vendredi 15 janvier 2027",
    );
    expect(m.html).toContain("Famille &lt;b&gt;");
    expect(m.html).not.toContain("<b>");
  });

  it("the receipt names the method and its reference", () => {
    const m = invoicePaidMail({
      name: "Famille Martin",
      number: "FA-2026-00001",
      amount: "15,20 €",
      method: "Chèque",
      reference: "1234567",
      paidAt: "mardi 1er décembre à 10:00",
      link: "https://famille.example/espace/paiements",
    });
    expect(m.subject).toBe("Reçu de paiement — facture FA-2026-00001");
    expect(m.text).toContain("Moyen de paiement : Chèque");
    expect(m.text).toContain("Référence : 1234567");
  });
});

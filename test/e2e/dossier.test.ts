import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { consoleLogIn, familyLogIn } from "../support/browser";
import { useE2E } from "../support/e2e";

const e2e = useE2E();

const BERNARD = { login: "F00002", password: "Bernard-Albertville-2026" };
const BERNARD_MAIL = "famille.bernard@example.fr";

/** A small real PDF (its first bytes are what the server checks). */
const pdf = (title: string) =>
  Buffer.from(
    `%PDF-1.4\n% ${title}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
  );

/** A session through the API, as the apps' calls make it (for the set-up only). */
async function apiSession(login: string, password: string, audience: "parent" | "staff") {
  const url = e2e.server.url;
  const headers = { "content-type": "application/json", origin: url };
  const res = await fetch(`${url}/trpc/auth.login`, {
    method: "POST",
    headers,
    body: JSON.stringify({ login, password, audience }),
  });
  expect(res.status).toBe(200);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const read = async <T>(r: Response): Promise<T> => {
    const body = (await r.json()) as { result?: { data: T }; error?: unknown };
    if (!body.result) throw new Error(JSON.stringify(body.error));
    return body.result.data;
  };
  return {
    query: <T>(path: string, input?: unknown) =>
      fetch(
        `${url}/trpc/${path}${input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`}`,
        { headers: { ...headers, cookie } },
      ).then((r) => read<T>(r)),
    mutate: <T>(path: string, input: unknown) =>
      fetch(`${url}/trpc/${path}`, {
        method: "POST",
        headers: { ...headers, cookie },
        body: JSON.stringify(input),
      }).then((r) => read<T>(r)),
  };
}

type TPiece = { id: number | null; kind: string; label: string; status: string };

async function parentOnPhone(): Promise<Page> {
  const p = await e2e.phonePage();
  await familyLogIn(p, BERNARD.login, BERNARD.password);
  await p.getByRole("link", { name: "Mon dossier" }).first().click();
  await p.waitForURL("**/espace/dossier");
  await p.getByRole("heading", { name: /Dossier Pass'Enfance Jeunesse/ }).waitFor();
  return p;
}

async function agentAtDesk(): Promise<Page> {
  const desk = await e2e.deskPage();
  await consoleLogIn(desk);
  await desk.getByRole("link", { name: /Pièces à vérifier/ }).waitFor();
  return desk;
}

const pieceItem = (p: Page, label: string) => p.getByRole("listitem", { name: label });

describe("dossier Pass'Enfance Jeunesse", () => {
  it("the agent refuses a piece with a reason (mail checked); the parent sends a new one", async () => {
    const desk = await agentAtDesk();
    const household = await apiSession(BERNARD.login, BERNARD.password, "parent");
    const { householdId } = await household.query<{ householdId: number }>("auth.me");
    await desk.goto(`/console/foyers/${householdId}`);
    await desk.getByRole("heading", { name: /Famille Bernard/ }).waitFor();
    const section = desk.getByRole("region", { name: "Dossier Pass'Enfance Jeunesse" });
    await section.getByRole("link", { name: /fiche_sanitaire\.pdf/ }).waitFor();

    await section.getByRole("button", { name: /^Refuser : Fiche sanitaire de liaison/ }).click();
    // No reason: said on the field, nothing sent.
    await desk.getByRole("button", { name: "Confirmer le refus" }).click();
    await desk
      .getByText("Indiquez le motif du refus : la famille le recevra par e-mail.")
      .waitFor();
    await desk.getByLabel("Motif du refus").fill("La fiche n'est pas signée.");
    await desk.getByRole("button", { name: "Confirmer le refus" }).click();
    await desk
      .getByRole("status")
      .filter({ hasText: "« Fiche sanitaire de liaison » refusée" })
      .waitFor();

    const mail = await e2e.smtp.waitFor(
      (m) => m.to.includes(BERNARD_MAIL) && m.subject.includes("pièce à renvoyer"),
    );
    expect(mail.subject).toContain("Fiche sanitaire de liaison");
    expect(mail.text).toContain("Motif : La fiche n'est pas signée.");
    expect(mail.text).toContain("/espace/dossier");

    const p = await parentOnPhone();
    const sheet = pieceItem(p, "Fiche sanitaire de liaison");
    await sheet.getByText("Motif : La fiche n'est pas signée.").waitFor();
    await sheet.getByRole("button", { name: "Envoyer une nouvelle pièce" }).click();
    await sheet.getByLabel("Fichier pour « Fiche sanitaire de liaison »").setInputFiles({
      name: "fiche-signee.pdf",
      mimeType: "application/pdf",
      buffer: pdf("fiche"),
    });
    await sheet.getByRole("button", { name: "Envoyer", exact: true }).click();
    await p
      .getByText("« Fiche sanitaire de liaison » est envoyée : le guichet unique va la vérifier.")
      .waitFor();
    await sheet.getByText("envoyée — en cours de vérification").waitFor();
    await sheet.getByRole("link", { name: /fiche-signee\.pdf/ }).waitFor();
  });

  it("the parent uploads a dossier piece at 375×667; the agent accepts it and the pending registration becomes validated (mail checked)", async () => {
    // Jade waits for the dossier: registered while it is incomplete.
    const family = await apiSession(BERNARD.login, BERNARD.password, "parent");
    const { householdId } = await family.query<{ householdId: number }>("auth.me");
    const overview = await family.query<{ children: { id: number; firstName: string }[] }>(
      "household.overview",
      { householdId },
    );
    const jade = overview.children.find((c) => c.firstName === "Jade");
    const options = await family.query<{ id: number; name: string }[]>("registrations.options", {
      householdId,
      childId: jade?.id,
    });
    const morning = options.find((o) => o.name === "Accueil du matin");
    const reg = await family.mutate<{ status: string }>("registrations.create", {
      householdId,
      childId: jade?.id,
      activityId: morning?.id,
    });
    expect(reg.status).toBe("pending");
    // Three more pieces sent, and four accepted at the desk: the règlement is the last one.
    for (const kind of ["vaccinations", "assurance", "justificatif_qf"]) {
      await family.mutate("dossier.uploadPiece", {
        householdId,
        kind,
        file: { fileName: `${kind}.pdf`, contentBase64: pdf(kind).toString("base64") },
      });
    }
    const staff = await apiSession("agent", "Guichet-Albertville-2026", "staff");
    const dossier = await staff.query<{ pieces: TPiece[] }>("staff.dossiers.get", { householdId });
    for (const piece of dossier.pieces.filter((x) => x.kind !== "reglement")) {
      await staff.mutate("staff.dossiers.decide", { pieceId: piece.id, decision: "accept" });
    }

    // On the phone: a file that is not what it claims, a too-large one, then the real one.
    const p = await parentOnPhone();
    const rules = pieceItem(p, "Règlement intérieur signé");
    await rules.getByText("manquante").waitFor();
    await rules.getByRole("button", { name: "Envoyer la pièce" }).click();
    const input = rules.getByLabel("Fichier pour « Règlement intérieur signé »");
    await input.setInputFiles({
      name: "reglement.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from("Ceci est un texte, pas un PDF."),
    });
    await rules.getByRole("button", { name: "Envoyer", exact: true }).click();
    await rules
      .getByRole("alert")
      .filter({ hasText: "Ce fichier n'est ni un PDF, ni une image JPEG ou PNG." })
      .waitFor();
    await rules.getByText("manquante").waitFor();

    const big = Buffer.alloc(6 * 1024 * 1024, 0x20);
    pdf("gros").copy(big);
    await input.setInputFiles({ name: "scan.pdf", mimeType: "application/pdf", buffer: big });
    await rules.getByText(/Ce fichier pèse 6,3 Mo : 5 Mo au plus/).waitFor();

    await input.setInputFiles({
      name: "reglement-signe.pdf",
      mimeType: "application/pdf",
      buffer: pdf("règlement signé"),
    });
    await rules.getByRole("button", { name: "Envoyer", exact: true }).click();
    await p
      .getByText("« Règlement intérieur signé » est envoyée : le guichet unique va la vérifier.")
      .waitFor();
    await rules.getByText("envoyée — en cours de vérification").waitFor();
    // The family opens what it sent.
    const href = await rules
      .getByRole("link", { name: /reglement-signe\.pdf/ })
      .getAttribute("href");
    const own = await p.request.get(href ?? "");
    expect(own.status()).toBe(200);
    expect(own.headers()["content-type"]).toBe("application/pdf");
    // Not a horizontal scroll in sight.
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    // At the desk: Pièces à vérifier, open the file, accept.
    const desk = await agentAtDesk();
    await desk.getByRole("link", { name: /Pièces à vérifier/ }).click();
    await desk.getByRole("heading", { name: "Pièces à vérifier", level: 1 }).waitFor();
    const row = desk.getByRole("row", { name: /Règlement intérieur signé/ });
    const fileHref = await row
      .getByRole("link", { name: /reglement-signe\.pdf/ })
      .getAttribute("href");
    const seen = await desk.request.get(fileHref ?? "");
    expect(seen.status()).toBe(200);
    expect((await seen.body()).subarray(0, 5).toString()).toBe("%PDF-");
    await row.getByRole("button", { name: /^Accepter : Règlement intérieur signé/ }).click();
    await desk
      .getByRole("status")
      .filter({ hasText: "Le dossier est complet : 1 inscription en attente est validée." })
      .waitFor();
    await desk.getByText("Aucune pièce à vérifier.").waitFor();

    const mail = await e2e.smtp.waitFor(
      (m) =>
        m.to.includes(BERNARD_MAIL) &&
        m.subject.startsWith("Dossier Pass'Enfance Jeunesse complet"),
    );
    expect(mail.text).toContain("votre dossier est complet");
    expect(mail.text).toContain("Jade — Accueil du matin");

    // The household's file says it too.
    await desk.goto(`/console/foyers/${householdId}`);
    await desk.getByText("Dossier complet").first().waitFor();
    const jadeCard = desk.getByRole("article", { name: /Jade Bernard/ });
    await jadeCard.getByText("Validée").waitFor();

    // And the phone.
    await p.reload();
    await p.getByText(/Dossier 2026-2027 complet/).waitFor();
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TRunning } from "./boot";
import { isUploadCall } from "./private-files";
import { loginAs, sameSite, startDemoServer, trpcCall } from "./test-support";

let running: TRunning;

beforeAll(async () => {
  running = await startDemoServer("ef-piece-files-");
});
afterAll(() => running.stop());

const bernardId = () =>
  (
    running.db.$client
      .prepare("select household_id as id from users where login = 'f00002'")
      .get() as { id: number }
  ).id;

/** A PDF of about `size` bytes: a real header, then padding. */
function pdfOf(size: number): Buffer {
  const b = Buffer.alloc(size, 0x20);
  Buffer.from("%PDF-1.4\n").copy(b);
  return b;
}

describe("GET /fichiers/pieces/:id", () => {
  it("serves a piece to its family and to agents; 401 without a session, 404 to another family", async () => {
    const bernard = await loginAs(running, "F00002", "Bernard-Albertville-2026", "parent");
    // A 2 MB scan: more than the API's usual body limit, within the upload's.
    const scan = pdfOf(2 * 1024 * 1024);
    const { pieceId } = (await trpcCall(running, bernard, "dossier.uploadPiece", {
      householdId: bernardId(),
      kind: "assurance",
      file: { fileName: "assurance <2026>.pdf", contentBase64: scan.toString("base64") },
    })) as { pieceId: number };
    const url = `${running.url}/fichiers/pieces/${pieceId}`;

    const owner = await fetch(url, { headers: { cookie: bernard } });
    expect(owner.status).toBe(200);
    expect(owner.headers.get("content-type")).toBe("application/pdf");
    expect(owner.headers.get("content-disposition")).toBe(
      "inline; filename*=UTF-8''assurance%20%3C2026%3E.pdf",
    );
    expect(owner.headers.get("x-content-type-options")).toBe("nosniff");
    expect(owner.headers.get("cache-control")).toBe("private, no-store");
    expect(owner.headers.get("content-security-policy")).toMatch(/^sandbox; default-src 'none'/);
    expect(Buffer.from(await owner.arrayBuffer()).equals(scan)).toBe(true);

    const agent = await loginAs(running, "agent", "Guichet-Albertville-2026", "staff");
    const staff = await fetch(url, { headers: { cookie: agent } });
    expect(staff.status).toBe(200);
    expect((await staff.arrayBuffer()).byteLength).toBe(scan.length);

    const anonymous = await fetch(url);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.text()).not.toContain("PDF");
    const stale = await fetch(url, {
      headers: { cookie: "ef_session=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" },
    });
    expect(stale.status).toBe(401);

    const martin = await loginAs(running, "F00001", "Martin-Albertville-2026", "parent");
    const other = await fetch(url, { headers: { cookie: martin } });
    expect(other.status).toBe(404);
    expect(await other.text()).toBe("Fichier introuvable.");
    // An unknown id answers exactly the same.
    const unknown = await fetch(`${running.url}/fichiers/pieces/99999`, {
      headers: { cookie: martin },
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toBe("Fichier introuvable.");
  });

  it("serves the demo's scanned pieces to staff", async () => {
    const agent = await loginAs(running, "agent", "Guichet-Albertville-2026", "staff");
    const piece = running.db.$client
      .prepare("select id from dossier_pieces where file_path like 'dossiers/F00002/%'")
      .get() as { id: number };
    const res = await fetch(`${running.url}/fichiers/pieces/${piece.id}`, {
      headers: { cookie: agent },
    });
    expect(res.status).toBe(200);
    expect(
      Buffer.from(await res.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
  });

  it("keeps the small body limit for calls that carry no file", async () => {
    const bernard = await loginAs(running, "F00002", "Bernard-Albertville-2026", "parent");
    const res = await fetch(`${running.url}/trpc/auth.changePassword`, {
      method: "POST",
      headers: sameSite(running, bernard),
      body: JSON.stringify({
        currentPassword: "x".repeat(2_000_000),
        newPassword: "",
        confirmPassword: "",
      }),
    });
    expect(res.status).toBe(413);
    expect(isUploadCall("/trpc/dossier.uploadPiece")).toBe(true);
    expect(isUploadCall("/trpc/household.overview,dossier.uploadPiece")).toBe(true);
    expect(isUploadCall("/trpc/auth.changePassword")).toBe(false);
    expect(isUploadCall("/trpc/uploads")).toBe(false);
  });
});

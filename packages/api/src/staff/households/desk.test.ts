import {
  auditLog,
  children,
  dossierPieces,
  dossiers,
  guardians,
  households,
  mailOutbox,
  sessions,
  users,
} from "@ef/db";
import { and, count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { errorOf, freshDb, householdId, makeCaller } from "../../../test/helpers";

const db = freshDb();
const agent = makeCaller(db, { who: "agent" }).caller;

const valid = {
  name: "Famille Durand",
  addressLine: "12 rue Gambetta",
  postalCode: "73200",
  city: "Albertville",
  resident: true,
  qf: 720,
  email: "durand@example.fr",
  phone: "06 11 22 33 44",
  guardians: [
    { firstName: "Claire", lastName: "Durand", email: "claire@example.fr", phone: "0611223344" },
  ],
  children: [{ firstName: "Tom", lastName: "Durand", birthDate: "2019-04-02", classLevel: "CE1" }],
} as const;

const countHouseholds = () => db.select({ n: count() }).from(households).get()?.n;
const copy = () =>
  structuredClone(valid) as unknown as Parameters<typeof agent.staff.households.create>[0];

function loginAs(login: string, password: string) {
  const { caller, cookies } = makeCaller(db);
  return { login: caller.auth.login({ login, password, audience: "parent" }), cookies };
}

describe("staff.households.create", () => {
  it("creates the household with the next code, its account, parents, children and dossier", async () => {
    const created = await agent.staff.households.create(copy());
    expect(created.accountCode).toBe("F00003");
    const id = householdId(db, "F00003");
    expect(id).toBe(created.householdId);
    const account = db
      .select({ login: users.login, mustChangePassword: users.mustChangePassword })
      .from(users)
      .where(eq(users.householdId, id))
      .all();
    expect(account).toEqual([{ login: "f00003", mustChangePassword: true }]);
    expect(db.select().from(guardians).where(eq(guardians.householdId, id)).all()).toHaveLength(1);
    const kids = db.select().from(children).where(eq(children.householdId, id)).all();
    expect(kids.map((k) => [k.firstName, k.birthDate, k.classLevel])).toEqual([
      ["Tom", "2019-04-02", "CE1"],
    ]);
    const dossier = db.select().from(dossiers).where(eq(dossiers.householdId, id)).get();
    expect(dossier?.status).toBe("incomplete");
    const pieces = db
      .select({ status: dossierPieces.status })
      .from(dossierPieces)
      .where(eq(dossierPieces.dossierId, dossier?.id ?? 0))
      .all();
    expect(pieces).toHaveLength(5);
    expect(pieces.every((p) => p.status === "missing")).toBe(true);
    const lines = db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.householdId, id), eq(auditLog.action, "household.create")))
      .all();
    expect(lines).toHaveLength(1);
    // Nobody can log in before credentials are issued.
    expect((await errorOf(loginAs("F00003", "!unusable-").login)).code).toBe("UNAUTHORIZED");
  });

  it.each([
    ["an empty guardian list", { guardians: [] }],
    ["a bad e-mail", { email: "pas-une-adresse" }],
    [
      "a birth date after today",
      {
        children: [
          { firstName: "Zoé", lastName: "Durand", birthDate: "2026-12-15", classLevel: null },
        ],
      },
    ],
    ["a postal code of 4 digits", { postalCode: "7320" }],
    ["a negative QF", { qf: -1 }],
  ] as const)("refuses %s with BAD_REQUEST and writes nothing", async (_label, spoil) => {
    const before = countHouseholds();
    const input = { ...copy(), ...spoil } as ReturnType<typeof copy>;
    const err = await errorOf(agent.staff.households.create(input));
    expect(err.code).toBe("BAD_REQUEST");
    expect(countHouseholds()).toBe(before);
  });
});

describe("staff.households.issueCredentials", () => {
  it("gives a temporary password that logs in once and forces a change, and mails it", async () => {
    const id = householdId(db, "F00003");
    const issued = await agent.staff.households.issueCredentials({
      householdId: id,
      sendByMail: true,
    });
    expect(issued.login).toBe("F00003");
    expect(issued.validUntil).toBe("2026-12-15T07:00:00.000Z");
    const first = loginAs("F00003", issued.temporaryPassword);
    expect(await first.login).toMatchObject({ mustChangePassword: true });

    const mail = db
      .select({ to: mailOutbox.toAddress, text: mailOutbox.textBody })
      .from(mailOutbox)
      .where(and(eq(mailOutbox.householdId, id), eq(mailOutbox.kind, "credentials")))
      .all();
    expect(mail).toHaveLength(1);
    expect(mail[0]?.to).toBe("durand@example.fr");
    expect(mail[0]?.text).toContain("F00003");
    expect(mail[0]?.text).toContain(issued.temporaryPassword);

    const audits = db
      .select({ after: auditLog.after, before: auditLog.before })
      .from(auditLog)
      .where(and(eq(auditLog.householdId, id), eq(auditLog.action, "account.issueCredentials")))
      .all();
    expect(audits).toHaveLength(1);
    expect(JSON.stringify(audits)).not.toContain(issued.temporaryPassword);

    // Re-issuing ends the first password's session, and the first password stops working.
    const again = await agent.staff.households.issueCredentials({
      householdId: id,
      sendByMail: false,
    });
    expect(again.temporaryPassword).not.toBe(issued.temporaryPassword);
    const user = db.select({ id: users.id }).from(users).where(eq(users.login, "f00003")).get();
    const open = db
      .select()
      .from(sessions)
      .where(eq(sessions.userId, user?.id ?? 0))
      .all();
    expect(open).toEqual([]);
    const me = await makeCaller(db, { token: first.cookies.token }).caller.auth.me();
    expect(me).toBeNull();
    expect((await errorOf(loginAs("F00003", issued.temporaryPassword).login)).code).toBe(
      "UNAUTHORIZED",
    );
    expect(await loginAs("F00003", again.temporaryPassword).login).toMatchObject({
      mustChangePassword: true,
    });
  });
});

describe("staff.households.setAccountDisabled", () => {
  it("ends the parent's sessions at once and refuses the login", async () => {
    const id = householdId(db, "F00003");
    const issued = await agent.staff.households.issueCredentials({
      householdId: id,
      sendByMail: false,
    });
    const parent = loginAs("F00003", issued.temporaryPassword);
    await parent.login;
    expect(parent.cookies.token).not.toBeNull();

    await agent.staff.households.setAccountDisabled({ householdId: id, disabled: true });
    expect(await makeCaller(db, { token: parent.cookies.token }).caller.auth.me()).toBeNull();
    const refused = await errorOf(loginAs("F00003", issued.temporaryPassword).login);
    expect(refused.code).toBe("FORBIDDEN");
    expect(refused.message).toContain("désactivé");

    await agent.staff.households.setAccountDisabled({ householdId: id, disabled: false });
    expect(await loginAs("F00003", issued.temporaryPassword).login).toMatchObject({
      mustChangePassword: true,
    });
  });
});

describe("staff.households.updateContact and updateQf", () => {
  it("change the household and keep before/after in the audit log", async () => {
    const id = householdId(db, "F00003");
    await agent.staff.households.updateContact({
      householdId: id,
      addressLine: "3 avenue Victor Hugo",
      postalCode: "73400",
      city: "Ugine",
      resident: false,
      email: "durand.famille@example.fr",
      phone: "04 79 00 11 22",
    });
    await agent.staff.households.updateQf({
      householdId: id,
      qf: 540,
      validUntil: "2027-08-31",
      source: "Attestation CAF du 12/11/2026",
    });
    const h = db.select().from(households).where(eq(households.id, id)).get();
    expect(h).toMatchObject({
      city: "Ugine",
      resident: false,
      qf: 540,
      qfValidUntil: "2027-08-31",
      qfSource: "Attestation CAF du 12/11/2026",
    });
    const qfLine = db
      .select({ before: auditLog.before, after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.householdId, id), eq(auditLog.action, "household.updateQf")))
      .get();
    expect(qfLine?.before).toMatchObject({ qf: 720 });
    expect(qfLine?.after).toMatchObject({ qf: 540, source: "Attestation CAF du 12/11/2026" });
    const contactLine = db
      .select({ before: auditLog.before, after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.householdId, id), eq(auditLog.action, "household.updateContact")))
      .get();
    expect(contactLine?.before).toMatchObject({ city: "Albertville", resident: true });
    expect(contactLine?.after).toMatchObject({ city: "Ugine", resident: false });
  });

  it("answers NOT_FOUND for a household that does not exist", async () => {
    const err = await errorOf(
      agent.staff.households.updateQf({
        householdId: 999_999,
        qf: 1,
        validUntil: "2027-08-31",
        source: "Attestation",
      }),
    );
    expect(err.code).toBe("NOT_FOUND");
  });
});

/**
 * pnpm bench:planning — server-side time of the month planning (a household with 3 children and 4
 * activities) and of a "Terminer" with 20 lines, in a seeded town of 20,000 households.
 * Prints medians and p99s; targets: planning p99 < 15 ms, Terminer p99 < 30 ms.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import {
  activities,
  children,
  households,
  migrate,
  openDb,
  registrations,
  reservations,
  seasons,
  users,
} from "@ef/db";
import { seedDemo, seedFamilies } from "@ef/db/seed";
import { eq, ne } from "drizzle-orm";
import { createContextInner } from "../src/context";
import { createCaller } from "../src/root";
import { createServices } from "../src/services";
import { createSession } from "../src/session-store";

const FAMILIES = Number(process.env.BENCH_FAMILIES ?? 20_000);
const NOW = new Date("2026-12-01T08:00:00+01:00");

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
  return { n: s.length, median: at(0.5), p99: at(0.99), max: s[s.length - 1] ?? 0 };
}
const ms = (x: number) => `${x.toFixed(2)} ms`;

const dir = mkdtempSync(join(tmpdir(), "ef-bench-"));
const db = openDb(join(dir, "bench.db"));
migrate(db);
let t = performance.now();
await seedDemo(db, { dataDir: dir, now: NOW });
await seedFamilies(db, FAMILIES, { now: NOW });
console.log(
  `Ville de ${FAMILIES + 2} foyers créée en ${((performance.now() - t) / 1000).toFixed(1)} s`,
);

const season = db.select({ id: seasons.id }).from(seasons).get();
if (!season) throw new Error("no season");
const code = (c: string) => {
  const a = db.select({ id: activities.id }).from(activities).where(eq(activities.code, c)).get();
  if (!a) throw new Error(c);
  return a.id;
};
const acts = ["accueil_matin", "restauration", "accueil_soir", "mercredis_elementaires"].map(code);
const nowIso = NOW.toISOString();

// The household under test: 3 children, each registered to the 4 activities.
const h = db
  .insert(households)
  .values({
    accountCode: "B00001",
    name: "Famille Banc",
    email: "banc@example.fr",
    qf: 900,
    resident: true,
    createdAt: nowIso,
  })
  .returning({ id: households.id })
  .get();
const user = db
  .insert(users)
  .values({
    login: "b00001",
    role: "parent",
    householdId: h.id,
    displayName: "Famille Banc",
    email: "banc@example.fr",
    passwordHash: "x",
    createdAt: nowIso,
  })
  .returning({ id: users.id, role: users.role })
  .get();
const kids = [2016, 2018, 2019].map(
  (y, i) =>
    db
      .insert(children)
      .values({
        householdId: h.id,
        firstName: `Enfant${i + 1}`,
        lastName: "Banc",
        birthDate: `${y}-03-01`,
        classLevel: "CE1",
        createdAt: nowIso,
      })
      .returning({ id: children.id })
      .get().id,
);
for (const k of kids) {
  for (const a of acts) {
    db.insert(registrations)
      .values({
        childId: k,
        activityId: a,
        seasonId: season.id,
        status: "validated",
        createdAt: nowIso,
      })
      .run();
  }
}
// A busy town: other children already booked on the limited Wednesdays and on many lunches.
const others = db
  .select({ id: children.id })
  .from(children)
  .where(ne(children.householdId, h.id))
  .limit(3000)
  .all();
const insert = db.$client.prepare(
  "insert or ignore into reservations (child_id, activity_id, date, status, price_cents, created_at) values (?, ?, ?, 'booked', 300, ?)",
);
db.$client.transaction(() => {
  for (const [i, c] of others.entries()) {
    for (const d of ["2027-01-05", "2027-01-07", "2027-01-08", "2027-01-11", "2027-01-12"])
      insert.run(c.id, code("restauration"), d, nowIso);
    if (i < 30) insert.run(c.id, code("mercredis_elementaires"), "2027-01-06", nowIso);
  }
})();
console.log(`Réservations en base : ${db.select().from(reservations).all().length}`);

const services = createServices();
const { token } = createSession(db, user, NOW);
const caller = createCaller(() =>
  createContextInner({
    db,
    clock: () => NOW,
    services,
    config: { publicUrl: "http://localhost:3000", production: false, dataDir: tmpdir() },
    sessionToken: token,
  }),
);

// Month planning.
const planning: number[] = [];
for (let i = 0; i < 600; i++) {
  const month = i % 2 ? "2027-01" : "2026-12";
  t = performance.now();
  await caller.planning.month({ householdId: h.id, month });
  if (i >= 50) planning.push(performance.now() - t);
}

// "Terminer" with 20 lines: book 20 days, then cancel them, alternately.
const days = ["2027-01-04", "2027-01-05", "2027-01-07", "2027-01-08", "2027-01-11"];
const changes = (want: boolean) =>
  kids
    .flatMap((k) =>
      acts
        .slice(0, 3)
        .flatMap((a) => days.map((d) => ({ childId: k, activityId: a, date: d, want }))),
    )
    .slice(0, 20);
const terminer: number[] = [];
for (let i = 0; i < 200; i++) {
  const basket = await caller.basket.get({ householdId: h.id });
  const out = await caller.basket.setDays({
    householdId: h.id,
    version: basket.version,
    changes: changes(i % 2 === 0),
  });
  if (process.env.BENCH_DEBUG)
    console.log(
      (await caller.basket.get({ householdId: h.id })).lines.map(
        (l) => `${l.childName} ${l.activityName} ${l.date} ${l.action}`,
      ),
    );
  t = performance.now();
  const done = await caller.basket.confirm({
    householdId: h.id,
    basketId: out.basketId ?? 0,
    version: out.version,
  });
  terminer.push(performance.now() - t);
  if (done.added + done.cancelled !== 20) {
    throw new Error(`Terminer did ${done.added}+${done.cancelled}, not 20 (${out.version})`);
  }
}

const p = stats(planning);
const c = stats(terminer);
console.log(
  `\nMachine : ${cpus().length} cœurs, ${cpus()[0]?.model ?? "?"}, Node ${process.version}`,
);
console.log(
  `Planning du mois (3 enfants × 4 activités) : médiane ${ms(p.median)}, p99 ${ms(p.p99)}, max ${ms(p.max)} sur ${p.n} appels — objectif p99 < 15 ms`,
);
console.log(
  `« Terminer » (20 lignes, mail compris)      : médiane ${ms(c.median)}, p99 ${ms(c.p99)}, max ${ms(c.max)} sur ${c.n} appels — objectif p99 < 30 ms`,
);
db.$client.close();
rmSync(dir, { recursive: true, force: true });

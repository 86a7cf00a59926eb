import { mkdtempSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { appRouter, createClock, createContextInner, createServices, createSession } from "@ef/api";
import { migrate, openDb, type TDb, users } from "@ef/db";
import { seedDemo } from "@ef/db/seed";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCookie } from "./cookies";
import { createTrpcHandler } from "./trpc-handler";

// The same router and context behind the lean handler and behind tRPC's standard adapter: every
// answer must be the same, status and body.
let db: TDb;
let lean: Server;
let standard: Server;
let token: string;
const errors: string[] = [];

function listen(server: Server): Promise<string> {
  return new Promise((ok) =>
    server.listen(0, "127.0.0.1", () => {
      const a = server.address();
      ok(`http://127.0.0.1:${typeof a === "object" && a ? a.port : 0}`);
    }),
  );
}

let leanUrl = "";
let standardUrl = "";

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "ef-trpc-"));
  db = openDb(join(dir, "db.sqlite"));
  migrate(db);
  const now = new Date("2026-12-01T08:00:00+01:00");
  await seedDemo(db, { dataDir: dir, now });
  const clock = createClock(now.toISOString(), false);
  const user = db.select().from(users).where(eq(users.login, "f00001")).get();
  if (!user) throw new Error("no F00001");
  token = createSession(db, user, clock()).token;
  const services = createServices();
  const options = {
    router: appRouter,
    basePath: "/trpc/",
    maxBodySize: 10_000,
    createContext: ({ req }: { req: Parameters<typeof readCookie>[0] }) =>
      createContextInner({
        db,
        clock,
        services,
        config: { publicUrl: "http://localhost", production: false, dataDir: dir },
        sessionToken: readCookie(req, "ef_session"),
      }),
    onError: ({ path, error }: { path?: string; error: { code: string } }) => {
      errors.push(`${path}:${error.code}`);
    },
  };
  const leanHandler = createTrpcHandler(options);
  const standardHandler = createHTTPHandler(options);
  lean = createServer((req, res) => leanHandler(req, res));
  standard = createServer((req, res) => standardHandler(req, res));
  leanUrl = await listen(lean);
  standardUrl = await listen(standard);
});

afterAll(() => {
  lean.close();
  standard.close();
  db.$client.close();
});

async function both(path: string, init: RequestInit = {}) {
  const cookie = `ef_session=${token}`;
  const call = async (base: string) => {
    const res = await fetch(`${base}${path}`, {
      ...init,
      headers: { cookie, ...(init.headers as Record<string, string>) },
    });
    // biome-ignore lint/suspicious/noExplicitAny: tRPC's JSON envelope, read as it comes
    return { status: res.status, body: (await res.json()) as any };
  };
  return { lean: await call(leanUrl), standard: await call(standardUrl) };
}

const input = (value: unknown) => encodeURIComponent(JSON.stringify(value));

describe("the lean tRPC handler", () => {
  it("answers a query as tRPC does", async () => {
    const r = await both("/trpc/auth.me");
    expect(r.lean.status).toBe(200);
    expect(r.lean).toEqual(r.standard);
    expect(r.lean.body.result.data.login).toBe("F00001");
  });

  it("answers a batch of queries, and a batch mixing answers and errors (207)", async () => {
    const ok = await both(`/trpc/auth.me,content.news?batch=1&input=${input({})}`);
    expect(ok.lean.status).toBe(200);
    expect(ok.lean).toEqual(ok.standard);
    const mixed = await both(
      `/trpc/auth.me,planning.month?batch=1&input=${input({ 1: { householdId: 999999, month: "2026-12" } })}`,
    );
    expect(mixed.lean.status).toBe(207);
    expect(mixed.lean).toEqual(mixed.standard);
  });

  it("shapes errors the same way: invalid input, not found, unauthorized", async () => {
    const invalid = await both(`/trpc/planning.month?input=${input({ householdId: "x" })}`);
    expect(invalid.lean.status).toBe(400);
    expect(invalid.lean).toEqual(invalid.standard);
    expect(invalid.lean.body.error.data.appCode).toBe("INVALID");
    const other = await both(
      `/trpc/planning.month?input=${input({ householdId: 999999, month: "2026-12" })}`,
    );
    expect(other.lean.status).toBe(404);
    expect(other.lean).toEqual(other.standard);
    const anonymous = await fetch(`${leanUrl}/trpc/basket.get?input=${input({ householdId: 1 })}`);
    expect(anonymous.status).toBe(401);
  });

  it("runs mutations from a JSON body, and leaves the unusual to tRPC", async () => {
    const post = (path: string, body: string) =>
      both(path, { method: "POST", headers: { "content-type": "application/json" }, body });
    const bad = await post("/trpc/basket.setDays", JSON.stringify({ householdId: 1 }));
    expect(bad.lean.status).toBe(400);
    expect(bad.lean).toEqual(bad.standard);
    const broken = await post("/trpc/basket.setDays", "{not json");
    expect(broken.lean.status).toBe(400);
    expect(broken.lean).toEqual(broken.standard);
    const tooBig = await post("/trpc/basket.setDays", JSON.stringify({ x: "a".repeat(20_000) }));
    expect(tooBig.lean.status).toBe(413);
    expect(tooBig.lean).toEqual(tooBig.standard);
    // A query by POST, a mutation by GET, an unknown path: the standard adapter answers.
    for (const [path, init] of [
      ["/trpc/auth.me", { method: "POST", headers: { "content-type": "application/json" } }],
      ["/trpc/basket.setDays", {}],
      ["/trpc/nothing.here", {}],
    ] as const) {
      const r = await both(path, init);
      expect(r.lean).toEqual(r.standard);
      expect(r.lean.status).toBeGreaterThanOrEqual(400);
    }
  });
});

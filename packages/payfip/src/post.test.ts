import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { post, postInThread } from "./post";

/**
 * A stand-in for PayFiP: answers `<status>:<body it received>` with the status the path asks for
 * (`/status/402`), after `?wait=<ms>`; `/silent` never answers.
 */
let server: Server;
let origin: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      body += chunk;
    });
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://x");
      if (url.pathname === "/silent") return;
      const status = Number(url.pathname.match(/^\/status\/(\d+)$/)?.[1] ?? 200);
      setTimeout(
        () => {
          res.writeHead(status, { "content-type": "text/plain; charset=utf-8" });
          res.end(`${status}:${req.headers["content-type"]}:${body}`);
        },
        Number(url.searchParams.get("wait") ?? 0),
      );
    });
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((ok) => server.close(() => ok()));
});

const headers = { "content-type": "text/xml; charset=utf-8" };

describe("postInThread (PayFiP's POSTs sent by a worker thread)", () => {
  it("answers each call with its own status and body, as the same POST on this thread does", async () => {
    const bodies = Array.from({ length: 40 }, (_, i) => `<idOp>${i}</idOp> é`);
    const answers = await Promise.all(
      bodies.map((b, i) =>
        postInThread(
          `${origin}/status/${i % 2 ? 200 : 500}?wait=${(i * 7) % 30}`,
          b,
          headers,
          5000,
        ),
      ),
    );
    expect(answers).toEqual(
      bodies.map((b, i) => ({
        status: i % 2 ? 200 : 500,
        text: `${i % 2 ? 200 : 500}:text/xml; charset=utf-8:${b}`,
      })),
    );
    expect(await post(`${origin}/status/201`, "x", headers, 5000)).toEqual(
      await postInThread(`${origin}/status/201`, "x", headers, 5000),
    );
  });

  it("fails with the transport's words and code when nobody listens", async () => {
    const closed = createServer();
    await new Promise<void>((ok) => closed.listen(0, "127.0.0.1", ok));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((ok) => closed.close(() => ok()));
    const error = await postInThread(`http://127.0.0.1:${port}/ws`, "x", headers, 5000).then(
      () => null,
      (e: unknown) => e as Error & { code?: string },
    );
    expect(error).toBeInstanceOf(Error);
    expect(error?.code).toBe("ECONNREFUSED");
    expect(error?.message).toContain("ECONNREFUSED");
    // The thread is still there for the next call.
    expect((await postInThread(`${origin}/status/200`, "y", headers, 5000)).status).toBe(200);
  });

  it("gives up after the timeout with « pas de réponse »", async () => {
    const started = performance.now();
    await expect(postInThread(`${origin}/silent`, "x", headers, 1000)).rejects.toThrow(
      "pas de réponse en 1 s",
    );
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
  });

  it("keeps a script alive while it waits for the answer, and lets it end after", async () => {
    const postModule = fileURLToPath(new URL("./post.ts", import.meta.url));
    const serverDir = fileURLToPath(new URL("../../../apps/server", import.meta.url));
    // Two calls one after the other: between them nothing waits, and the thread lets go.
    const script = `import { postInThread } from ${JSON.stringify(postModule)};
const first = await postInThread(${JSON.stringify(`${origin}/status/201?wait=50`)}, "un", {}, 5000);
const second = await postInThread(${JSON.stringify(`${origin}/status/202?wait=300`)}, "deux", {}, 5000);
console.log(first.text, second.text);`;
    const dir = mkdtempSync(join(tmpdir(), "post-thread-"));
    writeFileSync(join(dir, "script.mts"), script);
    const child = spawn(process.execPath, ["--import", "tsx", join(dir, "script.mts")], {
      cwd: serverDir,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (c: Buffer) => {
      out += c.toString();
    });
    child.stderr.on("data", (c: Buffer) => {
      err += c.toString();
    });
    const code = await new Promise<number | null>((ok) => child.on("exit", ok));
    rmSync(dir, { recursive: true, force: true });
    expect(err).toBe("");
    expect(out.trim()).toBe("201:undefined:un 202:undefined:deux");
    expect(code).toBe(0);
  });
});

import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

const logModule = pathToFileURL(join(import.meta.dirname, "log.ts")).href;

/**
 * Runs `body` in a node process of its own (the log writes to that process's stdout), where
 * `writes` lists what reached stdout write by write. Returns the JSON it prints last, and its stdout.
 */
function inProcess(body: string): { report: { writes: string[] }; stdout: string } {
  const dir = mkdtempSync(join(tmpdir(), "ef-log-test-"));
  const file = join(dir, "child.ts");
  writeFileSync(
    file,
    `import { createLog } from ${JSON.stringify(logModule)};
const writes: string[] = [];
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = ((chunk: string) => { writes.push(String(chunk)); return write(chunk); }) as typeof process.stdout.write;
const log = createLog();
const report = () => process.stderr.write(JSON.stringify({ writes }));
${body}
`,
  );
  const run = spawnSync(process.execPath, ["--import", "tsx", file], {
    cwd: import.meta.dirname,
    encoding: "utf8",
    timeout: 30_000,
  });
  expect(run.status).toBe(0);
  return { report: JSON.parse(run.stderr || '{"writes":[]}'), stdout: run.stdout };
}

const messages = (text: string) =>
  text
    .split("\n")
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { msg: string }).msg);

describe("the server's log", () => {
  it("writes the lines of a busy moment together, in order, within a short while", () => {
    const { report } = inProcess(`
for (let i = 0; i < 100; i++) log("info", "request", { path: "/trpc/planning.month", n: i });
const right = writes.length;
setTimeout(() => { process.stderr.write(JSON.stringify({ writes, right })); }, 200);
`);
    const all = report.writes.join("");
    expect(messages(all)).toHaveLength(100);
    // One write for the hundred lines, none while they were logged.
    expect(report.writes).toHaveLength(1);
    expect((report as unknown as { right: number }).right).toBe(0);
    const ns = all
      .split("\n")
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as { n: number }).n);
    expect(ns).toEqual([...Array(100).keys()]);
  });

  it("writes a warning or an error at once, after the lines logged before it", () => {
    const { report } = inProcess(`
log("info", "request", { path: "/a" });
log("info", "request", { path: "/b" });
log("error", "payfip.notification_error", { error: new Error("boom") });
report();
`);
    expect(report.writes).toHaveLength(1);
    expect(messages(report.writes.join(""))).toEqual([
      "request",
      "request",
      "payfip.notification_error",
    ]);
  });

  it("loses no line when the process ends before the batch is written", () => {
    const { stdout } = inProcess(`
log("info", "shutdown", { signal: "SIGTERM" });
log("info", "server.stopped", {});
`);
    expect(messages(stdout)).toEqual(["shutdown", "server.stopped"]);
  });

  it("still masks what could carry a secret", () => {
    const { stdout } = inProcess(`
log("info", "auth.login", { login: "F00001", password: "Martin-Albertville-2026", token: "abc" });
`);
    expect(stdout).not.toContain("Martin-Albertville-2026");
    expect(stdout).not.toContain('"abc"');
    expect(stdout).toContain("F00001");
  });
});

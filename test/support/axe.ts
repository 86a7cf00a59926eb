import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { Page } from "playwright-core";

/** axe-core's browser build, read once. */
const AXE_SOURCE = readFileSync(
  join(dirname(createRequire(import.meta.url).resolve("axe-core")), "axe.min.js"),
  "utf8",
);

/** WCAG 2.0, 2.1 and 2.2 levels A and AA (what the RGAA builds on), and axe's best practices. */
const RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

type TViolation = {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
};

/**
 * What axe-core finds wrong on the page as it stands, one line per element, with the rule and
 * axe's advice: an empty list when nothing is. axe is evaluated in the page through the
 * browser's debugging protocol, so the app's Content-Security-Policy stays in force.
 */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async (values) => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            context: Document,
            options: { runOnly: { type: "tag"; values: string[] } },
          ) => Promise<{ violations: TViolation[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values } });
    return result.violations;
  }, RULES);
  const path = new URL(page.url()).pathname;
  return violations.flatMap((v) =>
    v.nodes.map(
      (n) =>
        `${path} [${v.impact ?? "?"}] ${v.id} — ${v.help} — ${n.target.join(" ")}: ${(n.failureSummary ?? "").replace(/\s+/g, " ")}`,
    ),
  );
}

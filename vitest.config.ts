import { defineConfig } from "vitest/config";

/**
 * Three projects: pure/unit tests beside the code, API tests through createCaller on a copy of
 * a migrated template database, and end-to-end tests (real server, SMTP, Chromium).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: [
            "packages/core/**/*.test.ts",
            "packages/auth/**/*.test.ts",
            "packages/db/**/*.test.ts",
            "packages/mail/**/*.test.ts",
            "packages/payfip/**/*.test.ts",
            "apps/server/**/*.test.ts",
          ],
          setupFiles: ["test/support/fail-on-console-error.ts"],
        },
      },
      {
        test: {
          name: "api",
          include: ["packages/api/**/*.test.ts"],
          globalSetup: ["packages/api/test/global-setup.ts"],
          setupFiles: ["test/support/fail-on-console-error.ts"],
        },
      },
      {
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // One browser at a time: two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});

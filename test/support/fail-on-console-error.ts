import { afterEach, vi } from "vitest";

// A test that makes the code print an error fails: errors are not background noise.
const errors: unknown[][] = [];
const original = console.error;
vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
  errors.push(args);
  original(...args);
});

afterEach(() => {
  if (errors.length) {
    const first = errors[0];
    errors.length = 0;
    throw new Error(`console.error was called: ${String(first?.[0])}`);
  }
});

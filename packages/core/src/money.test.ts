import { describe, expect, it } from "vitest";
import { formatEuros } from "./money";

describe("formatEuros", () => {
  it("writes cents as French euros, the same the second time", () => {
    // Intl writes a no-break space before € and a narrow no-break space between thousands.
    expect(formatEuros(1234)).toBe("12,34\u00a0€");
    expect(formatEuros(1234)).toBe("12,34\u00a0€");
    expect(formatEuros(0)).toBe("0,00\u00a0€");
    expect(formatEuros(-350)).toBe("-3,50\u00a0€");
    expect(formatEuros(123456)).toBe("1\u202f234,56\u00a0€");
    expect(formatEuros(-350)).toBe("-3,50\u00a0€");
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CLASS_LEVEL_ORDER, classLevelAfter, schoolYearsAhead } from "./eligibility";

describe("next year's class", () => {
  it("moves a child up one class a school year; after the terminale, none", () => {
    expect(classLevelAfter("GS", 1)).toBe("CP");
    expect(classLevelAfter("CM2", 1)).toBe("6e");
    expect(classLevelAfter("CE1", 0)).toBe("CE1");
    expect(classLevelAfter("Tle", 1)).toBeNull();
    expect(classLevelAfter(null, 1)).toBeNull();
    expect(classLevelAfter("ULIS", 1)).toBe("ULIS");
  });

  it("a season is 0 school years ahead while it runs, 1 the year before it, from 1 September", () => {
    expect(schoolYearsAhead("2026-2027", "2026-12-01")).toBe(0);
    expect(schoolYearsAhead("2027-2028", "2026-12-01")).toBe(1);
    expect(schoolYearsAhead("2027-2028", "2027-08-31")).toBe(1);
    expect(schoolYearsAhead("2027-2028", "2027-09-01")).toBe(0);
    expect(schoolYearsAhead("2026-2027", "2027-09-01")).toBe(0);
  });

  it("moving up never goes back and keeps the order", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CLASS_LEVEL_ORDER),
        fc.integer({ min: 0, max: 3 }),
        (level, years) => {
          const after = classLevelAfter(level, years);
          const i = CLASS_LEVEL_ORDER.indexOf(level);
          if (after === null) expect(i + years).toBeGreaterThanOrEqual(CLASS_LEVEL_ORDER.length);
          else
            expect(CLASS_LEVEL_ORDER.indexOf(after as (typeof CLASS_LEVEL_ORDER)[number])).toBe(
              i + years,
            );
        },
      ),
    );
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ageOn, parisDay } from "./dates";

describe("parisDay", () => {
  it("gives the Paris date, not the UTC one, around midnight", () => {
    // 23:30 UTC on 31 December is already 1 January in Paris (UTC+1 in winter).
    expect(parisDay(new Date("2026-12-31T23:30:00Z"))).toBe("2027-01-01");
    // 22:30 UTC on 30 June is 00:30 on 1 July in Paris (UTC+2 in summer).
    expect(parisDay(new Date("2027-06-30T22:30:00Z"))).toBe("2027-07-01");
    expect(parisDay(new Date("2027-06-30T21:30:00Z"))).toBe("2027-06-30");
  });

  it("changes day at Paris midnight to the millisecond, asked again and again", () => {
    expect(parisDay(new Date("2026-12-31T22:59:59.999Z"))).toBe("2026-12-31");
    expect(parisDay(new Date("2026-12-31T22:59:00.000Z"))).toBe("2026-12-31");
    expect(parisDay(new Date("2026-12-31T23:00:00.000Z"))).toBe("2027-01-01");
    expect(parisDay(new Date("2026-12-31T23:00:59.999Z"))).toBe("2027-01-01");
    expect(parisDay(new Date("2026-12-31T22:59:59.999Z"))).toBe("2026-12-31");
    // Another instant of a minute already asked, then another year altogether.
    expect(parisDay(new Date("2027-07-14T10:00:30Z"))).toBe("2027-07-14");
    expect(parisDay(new Date("2027-07-14T10:00:10Z"))).toBe("2027-07-14");
    expect(parisDay(new Date("2030-07-14T10:00:10Z"))).toBe("2030-07-14");
    expect(() => parisDay(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe("ageOn", () => {
  it("counts a birthday on the day itself", () => {
    expect(ageOn("2018-05-14", "2026-05-13")).toBe(7);
    expect(ageOn("2018-05-14", "2026-05-14")).toBe(8);
    expect(ageOn("2014-03-02", "2026-12-01")).toBe(12);
  });

  it("grows by one each year, whatever the dates", () => {
    const day = fc
      .date({ min: new Date("1990-01-01"), max: new Date("2040-12-31"), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, day, (birth, on) => {
        fc.pre(birth <= on && !birth.endsWith("02-29"));
        const next = `${Number(on.slice(0, 4)) + 1}${on.slice(4)}`;
        fc.pre(!on.endsWith("02-29"));
        expect(ageOn(birth, next)).toBe(ageOn(birth, on) + 1);
        expect(ageOn(birth, on)).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});

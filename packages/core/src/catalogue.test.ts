import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  busiestDay,
  groupClash,
  placesProblem,
  tariffGridProblem,
  timesOverlap,
} from "./catalogue";

const slot = (over: Partial<Parameters<typeof groupClash>[0]> = {}) => ({
  name: "Groupe A",
  weekday: 3,
  startTime: "09:30",
  endTime: "11:00",
  location: "Gymnase du Val des Roses",
  coach: "Julien Perrier",
  ...over,
});

describe("timesOverlap", () => {
  it("sees a shared minute, not touching ends", () => {
    expect(timesOverlap(slot(), slot({ startTime: "10:59", endTime: "12:00" }))).toBe(true);
    expect(timesOverlap(slot(), slot({ startTime: "11:00", endTime: "12:00" }))).toBe(false);
  });
  it("is symmetric", () => {
    const time = fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
      .map(([h, m]) => `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`);
    fc.assert(
      fc.property(time, time, time, time, (a, b, c, d) => {
        const x = { startTime: a, endTime: b };
        const y = { startTime: c, endTime: d };
        expect(timesOverlap(x, y)).toBe(timesOverlap(y, x));
      }),
    );
  });
});

describe("groupClash", () => {
  it("refuses the same place or coach at an overlapping time on the same day", () => {
    const other = slot({ id: 1, name: "Groupe B", coach: "Sophie Gachet" });
    expect(groupClash(slot({ coach: "X" }), [other])?.why).toBe("place");
    expect(groupClash(slot({ location: "Piscine", coach: "sophie gachet" }), [other])?.why).toBe(
      "coach",
    );
    expect(groupClash(slot({ weekday: 6 }), [other])).toBeNull();
    expect(groupClash(slot({ startTime: "11:00", endTime: "12:00" }), [other])).toBeNull();
    expect(groupClash(slot({ location: "Piscine", coach: "" }), [other])).toBeNull();
  });
  it("ignores the group being edited", () => {
    expect(groupClash(slot({ id: 1 }), [slot({ id: 1 })])).toBeNull();
  });
});

describe("tariffGridProblem", () => {
  const grid = (resident: boolean) => [
    { qfMin: 0, qfMax: 500, resident },
    { qfMin: 501, qfMax: null, resident },
  ];
  it("accepts a grid that covers every QF for both residencies", () => {
    expect(tariffGridProblem([...grid(true), ...grid(false)])).toBeNull();
  });
  it("names a gap, an overlap, a missing residency and a bounded last bracket", () => {
    expect(tariffGridProblem(grid(true))).toMatch(/hors commune est vide/);
    expect(
      tariffGridProblem([
        { qfMin: 0, qfMax: 500, resident: true },
        { qfMin: 600, qfMax: null, resident: true },
        ...grid(false),
      ]),
    ).toMatch(/aucune tranche ne couvre QF 501 à 599/);
    expect(
      tariffGridProblem([
        { qfMin: 0, qfMax: 500, resident: true },
        { qfMin: 400, qfMax: null, resident: true },
        ...grid(false),
      ]),
    ).toMatch(/chevauche/);
    expect(tariffGridProblem([{ qfMin: 0, qfMax: 900, resident: true }, ...grid(false)])).toMatch(
      /sans limite haute/,
    );
  });
});

describe("places", () => {
  it("refuses fewer places than the busiest day, with the count", () => {
    const used = new Map([
      ["2026-12-09", 3],
      ["2026-12-16", 5],
    ]);
    expect(busiestDay(used)).toEqual({ day: "2026-12-16", used: 5 });
    expect(placesProblem(4, busiestDay(used))).toMatch(/5 places sont déjà prises/);
    expect(placesProblem(5, busiestDay(used))).toBeNull();
    expect(placesProblem(null, busiestDay(used))).toBeNull();
  });
  it("never accepts fewer places than taken", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 200 }), (p, u) => {
        expect(placesProblem(p, { used: u }) === null).toBe(u <= p);
      }),
    );
  });
});

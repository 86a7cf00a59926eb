import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, isoWeekday, parisDay } from "./dates";
import { canChange, changeDeadline, describeDeadline } from "./deadline";

const J2 = { days: 2, time: "12:00", skipWeekends: true };

const parisClock = new Intl.DateTimeFormat("fr-FR", {
  timeZone: "Europe/Paris",
  hour: "2-digit",
  minute: "2-digit",
});

describe("J-2 avant 12:00, week-ends non comptés", () => {
  it("a Thursday's deadline is Tuesday noon; a Monday's is the Thursday before", () => {
    expect(changeDeadline(J2, "2026-12-03").toISOString()).toBe("2026-12-01T11:00:00.000Z");
    expect(changeDeadline(J2, "2026-12-07").toISOString()).toBe("2026-12-03T11:00:00.000Z");
    expect(changeDeadline(J2, "2026-12-08").toISOString()).toBe("2026-12-04T11:00:00.000Z");
  });

  it("is noon Paris time on both sides of the daylight-saving change", () => {
    // Summer time starts on Sunday 28 March 2027.
    expect(changeDeadline(J2, "2027-03-30").toISOString()).toBe("2027-03-26T11:00:00.000Z");
    expect(changeDeadline(J2, "2027-03-31").toISOString()).toBe("2027-03-29T10:00:00.000Z");
    // Winter time returns on Sunday 25 October 2026.
    expect(changeDeadline(J2, "2026-10-27").toISOString()).toBe("2026-10-23T10:00:00.000Z");
    expect(changeDeadline(J2, "2026-10-28").toISOString()).toBe("2026-10-26T11:00:00.000Z");
  });

  it("allows a change until 11:59:59.999 and refuses it from noon", () => {
    const cut = changeDeadline(J2, "2026-12-03");
    expect(canChange(J2, "2026-12-03", new Date(cut.getTime() - 1))).toBe(true);
    expect(canChange(J2, "2026-12-03", cut)).toBe(false);
    expect(describeDeadline(J2)).toBe("J-2 avant 12:00, week-ends non comptés");
  });

  const day = fc.integer({ min: 0, max: 3 * 365 }).map((n) => addDays("2026-01-01", n));
  const rule = fc.record({
    days: fc.integer({ min: 0, max: 10 }),
    // Any minute of the day but the hour that summer time skips.
    time: fc
      .integer({ min: 0, max: 24 * 60 - 1 })
      .filter((m) => m < 120 || m >= 180)
      .map(
        (m) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`,
      ),
    skipWeekends: fc.boolean(),
  });

  it("never lets a change through at or after its cut-off, whatever the day, rule and instant", () => {
    fc.assert(
      fc.property(day, rule, fc.integer({ min: 0, max: 30 * 24 * 3600_000 }), (d, r, after) => {
        const cut = changeDeadline(r, d);
        expect(canChange(r, d, new Date(cut.getTime() + after))).toBe(false);
        expect(canChange(r, d, new Date(cut.getTime() - 1))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("falls at the rule's Paris time, `days` counted days before, never on a week-end when skipped", () => {
    fc.assert(
      fc.property(day, rule, (d, r) => {
        const cut = changeDeadline(r, d);
        expect(parisClock.format(cut)).toBe(r.time);
        const cutDay = parisDay(cut);
        expect(cutDay <= d).toBe(true);
        let counted = 0;
        for (let x = cutDay; x < d; x = addDays(x, 1)) {
          if (!r.skipWeekends || isoWeekday(x) <= 5) counted++;
        }
        expect(counted).toBe(r.days);
        if (r.skipWeekends && r.days > 0) expect(isoWeekday(cutDay)).toBeLessThanOrEqual(5);
      }),
      { numRuns: 500 },
    );
  });
});

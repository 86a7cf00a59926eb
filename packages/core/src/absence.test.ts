import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ABSENCE_DECLARATION_DAYS,
  absenceDeclarationWindow,
  absenceLastDeclarationDay,
} from "./absence";
import { addDays, parisDay, parisInstant } from "./dates";

describe("absence declaration window", () => {
  it("opens on the day itself, in the morning, Paris time", () => {
    // Thursday 3 December 2026, 00:30 in Albertville is still Wednesday in UTC.
    expect(absenceDeclarationWindow("2026-12-03", new Date("2026-12-02T23:30:00Z"))).toEqual({
      ok: true,
      lastDay: "2026-12-10",
    });
    expect(absenceDeclarationWindow("2026-12-03", new Date("2026-12-03T07:00:00Z")).ok).toBe(true);
  });

  it("refuses a day to come, even a minute before midnight the day before", () => {
    expect(absenceDeclarationWindow("2026-12-03", new Date("2026-12-02T22:59:00Z"))).toEqual({
      ok: false,
      reason: "future",
      lastDay: "2026-12-10",
    });
  });

  it("stays open until the end of the 7th day after, week-ends included", () => {
    // Friday 4 December → Friday 11 December, 23:59 Paris.
    expect(absenceLastDeclarationDay("2026-12-04")).toBe("2026-12-11");
    expect(absenceDeclarationWindow("2026-12-04", new Date("2026-12-11T22:59:00Z")).ok).toBe(true);
    expect(absenceDeclarationWindow("2026-12-04", new Date("2026-12-11T23:00:00Z"))).toEqual({
      ok: false,
      reason: "too_late",
      lastDay: "2026-12-11",
    });
  });

  it("holds across the daylight-saving change", () => {
    // Winter time returns on Sunday 25 October 2026.
    expect(absenceDeclarationWindow("2026-10-20", parisInstant("2026-10-27", "23:59")).ok).toBe(
      true,
    );
    expect(absenceDeclarationWindow("2026-10-20", parisInstant("2026-10-28", "00:00")).ok).toBe(
      false,
    );
  });

  it("is open exactly on the day and the 7 days after it", () => {
    const day = fc.integer({ min: 0, max: 3 * 365 }).map((n) => addDays("2026-01-01", n));
    fc.assert(
      fc.property(
        day,
        fc.integer({ min: -30, max: 30 }),
        fc.integer({ min: 0, max: 1439 }),
        (d, offset, minute) => {
          const hh = String(Math.floor(minute / 60)).padStart(2, "0");
          const mm = String(minute % 60).padStart(2, "0");
          const now = parisInstant(addDays(d, offset), `${hh}:${mm}`);
          const today = parisDay(now);
          const w = absenceDeclarationWindow(d, now);
          expect(w.ok).toBe(today >= d && today <= addDays(d, ABSENCE_DECLARATION_DAYS));
          if (!w.ok) expect(w.reason).toBe(today < d ? "future" : "too_late");
        },
      ),
    );
  });
});

import { describe, expect, it } from "vitest";
import { dayOffer, type TSeasonCalendar } from "./calendar";
import { formatDayFr } from "./dates";
import { eligibility } from "./eligibility";
import { priceFor } from "./pricing";

const cal: TSeasonCalendar = {
  startsOn: "2026-09-01",
  endsOn: "2027-07-03",
  schoolWeekdays: [1, 2, 4, 5],
  periods: [
    { kind: "school_holiday", label: "Noël", startsOn: "2026-12-19", endsOn: "2027-01-03" },
    { kind: "school_holiday", label: "Été", startsOn: "2027-07-03", endsOn: "2027-08-31" },
    { kind: "public_holiday", label: "Armistice", startsOn: "2026-11-11", endsOn: "2026-11-11" },
    { kind: "public_holiday", label: "Ascension", startsOn: "2027-05-06", endsOn: "2027-05-06" },
    { kind: "closure", label: "Pont de l'Ascension", startsOn: "2027-05-07", endsOn: "2027-05-07" },
  ],
};
const school = { dayKind: "school_days" as const, weekdays: [1, 2, 4, 5] };
const wednesdays = { dayKind: "wednesdays" as const, weekdays: [3] };
const holidays = { dayKind: "holidays" as const, weekdays: [1, 2, 3, 4, 5] };

describe("dayOffer", () => {
  it("offers school days on Mon/Tue/Thu/Fri outside holidays", () => {
    expect(dayOffer(cal, school, "2026-12-03")).toEqual({ offered: true });
    expect(dayOffer(cal, school, "2026-12-02")).toMatchObject({ offered: false });
    expect(dayOffer(cal, school, "2026-12-21")).toEqual({
      offered: false,
      reason: "vacances scolaires (Noël)",
    });
    expect(dayOffer(cal, school, "2026-12-05")).toMatchObject({ offered: false });
  });

  it("closes public holidays and the Ascension bridge", () => {
    expect(dayOffer(cal, wednesdays, "2026-11-11")).toEqual({
      offered: false,
      reason: "jour férié (Armistice)",
    });
    expect(dayOffer(cal, school, "2027-05-06")).toMatchObject({ offered: false });
    expect(dayOffer(cal, school, "2027-05-07")).toEqual({
      offered: false,
      reason: "fermeture (Pont de l'Ascension)",
    });
  });

  it("offers Wednesdays in term and weekdays in holidays, even past the season's last day", () => {
    expect(dayOffer(cal, wednesdays, "2026-12-09")).toEqual({ offered: true });
    expect(dayOffer(cal, wednesdays, "2026-12-23")).toMatchObject({ offered: false });
    expect(dayOffer(cal, holidays, "2026-12-21")).toEqual({ offered: true });
    expect(dayOffer(cal, holidays, "2026-12-26")).toMatchObject({ offered: false });
    expect(dayOffer(cal, holidays, "2027-07-12")).toEqual({ offered: true });
    expect(dayOffer(cal, school, "2026-08-31")).toEqual({
      offered: false,
      reason: "hors de la saison",
    });
  });
});

describe("formatDayFr", () => {
  it("names a day the seed's way", () => {
    expect(formatDayFr("2027-01-14")).toBe("jeudi 14 janvier");
    expect(formatDayFr("2026-12-01")).toBe("mardi 1er décembre");
  });
});

describe("priceFor", () => {
  const grid = [
    { qfMin: 0, qfMax: 500, resident: true, priceCents: 120 },
    { qfMin: 501, qfMax: 1200, resident: true, priceCents: 340 },
    { qfMin: 1201, qfMax: null, resident: true, priceCents: 520 },
    { qfMin: 0, qfMax: null, resident: false, priceCents: 680 },
  ];
  it("takes the household's bracket and residency; an unknown QF pays the top bracket", () => {
    expect(priceFor(grid, { qf: 950, resident: true })).toEqual({
      priceCents: 340,
      bracket: "QF 501 à 1200",
    });
    expect(priceFor(grid, { qf: 500, resident: true })?.priceCents).toBe(120);
    expect(priceFor(grid, { qf: 501, resident: true })?.priceCents).toBe(340);
    expect(priceFor(grid, { qf: null, resident: true })?.priceCents).toBe(520);
    expect(priceFor(grid, { qf: 300, resident: false })).toEqual({
      priceCents: 680,
      bracket: "QF 0 et plus, hors commune",
    });
  });
});

describe("eligibility", () => {
  const lea = { birthDate: "2018-05-14", classLevel: "CE2" };
  it("checks the age on the day", () => {
    expect(eligibility({ minAge: 6, maxAge: 11, classLevels: null }, lea, "2026-12-02")).toEqual({
      ok: true,
    });
    expect(
      eligibility({ minAge: 11, maxAge: 17, classLevels: null }, lea, "2026-12-02"),
    ).toMatchObject({ ok: false });
    expect(eligibility({ minAge: 3, maxAge: 5, classLevels: null }, lea, "2026-12-02")).toEqual({
      ok: false,
      reason: "réservé aux enfants de 5 ans au plus",
    });
    expect(
      eligibility({ minAge: null, maxAge: null, classLevels: ["CM1", "CM2"] }, lea, "2026-12-02"),
    ).toMatchObject({ ok: false });
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isoWeekday } from "./dates";
import { easterSunday, frenchPublicHolidays } from "./public-holidays";

describe("French public holidays", () => {
  it("knows Easter Sunday of known years", () => {
    expect(easterSunday(2024)).toBe("2024-03-31");
    expect(easterSunday(2027)).toBe("2027-03-28");
    expect(easterSunday(2028)).toBe("2028-04-16");
    expect(easterSunday(2038)).toBe("2038-04-25");
  });

  it("lists the eleven holidays of school year 2027-2028 in date order", () => {
    expect(frenchPublicHolidays("2027-09-01", "2028-08-31")).toEqual([
      { date: "2027-11-01", label: "Toussaint" },
      { date: "2027-11-11", label: "Armistice 1918" },
      { date: "2027-12-25", label: "Noël" },
      { date: "2028-01-01", label: "Jour de l'an" },
      { date: "2028-04-17", label: "Lundi de Pâques" },
      { date: "2028-05-01", label: "Fête du Travail" },
      { date: "2028-05-08", label: "Victoire 1945" },
      { date: "2028-05-25", label: "Ascension" },
      { date: "2028-06-05", label: "Lundi de Pentecôte" },
      { date: "2028-07-14", label: "Fête nationale" },
      { date: "2028-08-15", label: "Assomption" },
    ]);
  });

  it("Easter falls on a Sunday between 22 March and 25 April; its holidays on their weekdays", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2200 }), (year) => {
        const easter = easterSunday(year);
        expect(isoWeekday(easter)).toBe(7);
        expect(easter >= `${year}-03-22` && easter <= `${year}-04-25`).toBe(true);
        const days = frenchPublicHolidays(`${year}-01-01`, `${year}-12-31`);
        expect(days).toHaveLength(11);
        const on = (label: string) => days.find((d) => d.label === label)?.date ?? "";
        expect(isoWeekday(on("Lundi de Pâques"))).toBe(1);
        expect(isoWeekday(on("Ascension"))).toBe(4);
        expect(isoWeekday(on("Lundi de Pentecôte"))).toBe(1);
      }),
    );
  });
});

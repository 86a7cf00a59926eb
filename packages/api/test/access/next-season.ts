import { seasons } from "@ef/db";
import type { TAccessCase, TAccessFixtures } from "./case";

/** Access cases of preparing the next season: copying a catalogue, opening registrations. */
export default function cases(fx: TAccessFixtures): Record<string, TAccessCase> {
  const season = fx.db.select({ id: seasons.id }).from(seasons).get();
  if (!season) throw new Error("missing demo season");
  return {
    "admin.catalogue.copySeason": {
      audience: "admin",
      // Into a season that does not exist: answered NOT_FOUND, the shared database unchanged.
      call: (c) =>
        c.admin.catalogue.copySeason({ fromSeasonId: season.id, toSeasonId: season.id + 1000 }),
    },
    "admin.seasons.addPublicHolidays": {
      audience: "admin",
      // The demo season already has its public holidays: nothing is added.
      call: (c) => c.admin.seasons.addPublicHolidays({ seasonId: season.id }),
    },
    "admin.seasons.setRegistrationOpen": {
      audience: "admin",
      call: (c) => c.admin.seasons.setRegistrationOpen({ seasonId: season.id, open: true }),
    },
  };
}

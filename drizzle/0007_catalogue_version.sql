-- What the booking rules read of the catalogue (seasons, calendars, activity types, activities,
-- tariffs) is kept in memory by each server process; this counter, moved by triggers on any
-- change from any connection, tells them when to read it again.
CREATE TABLE `catalogue_version` (
	`id` integer PRIMARY KEY NOT NULL CHECK (`id` = 1),
	`n` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `catalogue_version` (`id`, `n`) VALUES (1, 0);
--> statement-breakpoint
CREATE TRIGGER `seasons_insert_catalogue_version` AFTER INSERT ON `seasons` BEGIN UPDATE `catalogue_version` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `seasons_update_catalogue_version` AFTER UPDATE ON `seasons` BEGIN UPDATE `catalogue_version` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `seasons_delete_catalogue_version` AFTER DELETE ON `seasons` BEGIN UPDATE `catalogue_version` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `calendar_periods_insert_catalogue_version` AFTER INSERT ON `calendar_periods` BEGIN UPDATE `catalogue_version` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `calendar_periods_update_catalogue_version` AFTER UPDATE ON `calendar_periods` BEGIN UPDATE `catalogue_version` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `calendar_periods_delete_catalogue_version` AFTER DELETE ON `calendar_periods` BEGIN UPDATE `catalogue_version` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `activity_types_insert_catalogue_version` AFTER INSERT ON `activity_types` BEGIN UPDATE `catalogue_version` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `activity_types_update_catalogue_version` AFTER UPDATE ON `activity_types` BEGIN UPDATE `catalogue_version` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `activity_types_delete_catalogue_version` AFTER DELETE ON `activity_types` BEGIN UPDATE `catalogue_version` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `activities_insert_catalogue_version` AFTER INSERT ON `activities` BEGIN UPDATE `catalogue_version` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `activities_update_catalogue_version` AFTER UPDATE ON `activities` BEGIN UPDATE `catalogue_version` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `activities_delete_catalogue_version` AFTER DELETE ON `activities` BEGIN UPDATE `catalogue_version` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `tariffs_insert_catalogue_version` AFTER INSERT ON `tariffs` BEGIN UPDATE `catalogue_version` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `tariffs_update_catalogue_version` AFTER UPDATE ON `tariffs` BEGIN UPDATE `catalogue_version` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `tariffs_delete_catalogue_version` AFTER DELETE ON `tariffs` BEGIN UPDATE `catalogue_version` SET `n` = `n` + 1 WHERE `id` = 1; END;

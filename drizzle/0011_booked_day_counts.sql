-- Booked places per activity and day, kept by triggers on `reservations` inside the same
-- transaction as the change, whoever makes it: every capacity check ("Valider", "Payer", the
-- settlement) and every month planning read one row per day here instead of counting the day's
-- reservations again. Rows may fall to 0; they are never wrong.
CREATE TABLE `booked_day_counts` (
	`activity_id` integer NOT NULL,
	`date` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY (`activity_id`, `date`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `booked_day_counts` (`activity_id`, `date`, `n`)
	SELECT `activity_id`, `date`, count(*) FROM `reservations` WHERE `status` = 'booked' GROUP BY `activity_id`, `date`;
--> statement-breakpoint
CREATE TRIGGER `reservations_insert_day_count` AFTER INSERT ON `reservations` WHEN new.`status` = 'booked' BEGIN
	INSERT INTO `booked_day_counts` (`activity_id`, `date`, `n`) VALUES (new.`activity_id`, new.`date`, 1)
		ON CONFLICT (`activity_id`, `date`) DO UPDATE SET `n` = `n` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `reservations_delete_day_count` AFTER DELETE ON `reservations` WHEN old.`status` = 'booked' BEGIN
	UPDATE `booked_day_counts` SET `n` = `n` - 1 WHERE `activity_id` = old.`activity_id` AND `date` = old.`date`;
END;
--> statement-breakpoint
CREATE TRIGGER `reservations_update_day_count` AFTER UPDATE OF `status`, `activity_id`, `date` ON `reservations`
	WHEN old.`status` = 'booked' OR new.`status` = 'booked' BEGIN
	UPDATE `booked_day_counts` SET `n` = `n` - 1
		WHERE old.`status` = 'booked' AND `activity_id` = old.`activity_id` AND `date` = old.`date`;
	INSERT INTO `booked_day_counts` (`activity_id`, `date`, `n`)
		SELECT new.`activity_id`, new.`date`, 1 WHERE new.`status` = 'booked'
		ON CONFLICT (`activity_id`, `date`) DO UPDATE SET `n` = `n` + 1;
END;

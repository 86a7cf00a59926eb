DROP INDEX `basket_registration_lines_uq`;--> statement-breakpoint
CREATE UNIQUE INDEX `basket_registration_lines_item_uq` ON `basket_registration_lines` (`basket_id`,`child_id`,`activity_id`,coalesce(`session_id`, 0));

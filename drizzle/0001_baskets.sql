CREATE TABLE `basket_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`basket_id` integer NOT NULL,
	`action` text NOT NULL,
	`child_id` integer NOT NULL,
	`activity_id` integer NOT NULL,
	`date` text NOT NULL,
	`price_cents` integer NOT NULL,
	`hold_expires_at` text,
	`hold_lost` integer DEFAULT false NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`basket_id`) REFERENCES `baskets`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`child_id`) REFERENCES `children`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`activity_id`) REFERENCES `activities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `basket_lines_day_uq` ON `basket_lines` (`basket_id`,`child_id`,`activity_id`,`date`);--> statement-breakpoint
CREATE INDEX `basket_lines_hold_idx` ON `basket_lines` (`activity_id`,`date`,`hold_expires_at`);--> statement-breakpoint
CREATE TABLE `baskets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`household_id` integer NOT NULL,
	`status` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`confirmed_at` text,
	`confirmed_by` integer,
	`confirmed_version` integer,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`confirmed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `baskets_one_open_uq` ON `baskets` (`household_id`) WHERE "baskets"."status" = 'open';--> statement-breakpoint
CREATE INDEX `baskets_household_idx` ON `baskets` (`household_id`,`status`);--> statement-breakpoint
ALTER TABLE `reservations` ADD `basket_id` integer;
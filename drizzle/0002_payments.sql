CREATE TABLE `basket_registration_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`basket_id` integer NOT NULL,
	`child_id` integer NOT NULL,
	`activity_id` integer NOT NULL,
	`group_id` integer,
	`session_id` integer,
	`price_cents` integer NOT NULL,
	`hold_expires_at` text,
	`hold_lost` integer DEFAULT false NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`basket_id`) REFERENCES `baskets`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`child_id`) REFERENCES `children`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`activity_id`) REFERENCES `activities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`group_id`) REFERENCES `activity_groups`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`session_id`) REFERENCES `activity_sessions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `basket_registration_lines_uq` ON `basket_registration_lines` (`basket_id`,`child_id`,`activity_id`);--> statement-breakpoint
CREATE INDEX `basket_registration_lines_group_idx` ON `basket_registration_lines` (`group_id`,`hold_expires_at`);--> statement-breakpoint
CREATE INDEX `basket_registration_lines_session_idx` ON `basket_registration_lines` (`session_id`,`hold_expires_at`);--> statement-breakpoint
CREATE TABLE `credits` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`household_id` integer NOT NULL,
	`amount_cents` integer NOT NULL,
	`reason` text NOT NULL,
	`payment_id` integer,
	`created_at` text NOT NULL,
	`created_by` integer,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`payment_id`) REFERENCES `payments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `credits_household_idx` ON `credits` (`household_id`);--> statement-breakpoint
CREATE TABLE `payments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`household_id` integer NOT NULL,
	`basket_id` integer,
	`basket_version` integer,
	`amount_cents` integer NOT NULL,
	`credit_cents` integer DEFAULT 0 NOT NULL,
	`refdet` text NOT NULL,
	`exer` integer NOT NULL,
	`objet` text NOT NULL,
	`mel` text NOT NULL,
	`id_op` text,
	`status` text NOT NULL,
	`resultrans` text,
	`numauto` text,
	`paid_at` text,
	`expires_at` text NOT NULL,
	`needs_refund` integer DEFAULT false NOT NULL,
	`refund_note` text,
	`created_at` text NOT NULL,
	`created_by` integer,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`basket_id`) REFERENCES `baskets`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `payments_refdet_uq` ON `payments` (`refdet`);--> statement-breakpoint
CREATE UNIQUE INDEX `payments_id_op_uq` ON `payments` (`id_op`);--> statement-breakpoint
CREATE INDEX `payments_status_idx` ON `payments` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `payments_household_idx` ON `payments` (`household_id`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `payments_one_pending_per_basket_uq` ON `payments` (`basket_id`) WHERE "payments"."status" = 'pending';--> statement-breakpoint
CREATE TABLE `waiting_list` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`household_id` integer NOT NULL,
	`child_id` integer NOT NULL,
	`activity_id` integer NOT NULL,
	`date` text,
	`group_id` integer,
	`session_id` integer,
	`status` text NOT NULL,
	`offer_expires_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`child_id`) REFERENCES `children`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`activity_id`) REFERENCES `activities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`group_id`) REFERENCES `activity_groups`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`session_id`) REFERENCES `activity_sessions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `waiting_list_day_idx` ON `waiting_list` (`activity_id`,`date`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `waiting_list_group_idx` ON `waiting_list` (`group_id`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `waiting_list_session_idx` ON `waiting_list` (`session_id`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `waiting_list_household_idx` ON `waiting_list` (`household_id`,`status`);--> statement-breakpoint
ALTER TABLE `registrations` ADD `price_cents` integer;--> statement-breakpoint
ALTER TABLE `registrations` ADD `payment_id` integer;--> statement-breakpoint
CREATE INDEX `registrations_group_idx` ON `registrations` (`group_id`,`status`);--> statement-breakpoint
CREATE INDEX `registrations_session_idx` ON `registrations` (`session_id`,`status`);--> statement-breakpoint
ALTER TABLE `reservations` ADD `payment_id` integer;
CREATE TABLE `absences` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`household_id` integer NOT NULL,
	`child_id` integer NOT NULL,
	`date` text NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`file_path` text NOT NULL,
	`file_name` text NOT NULL,
	`mime_type` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`status` text NOT NULL,
	`declared_at` text NOT NULL,
	`declared_by` integer,
	`reviewed_at` text,
	`reviewed_by` integer,
	`refusal_reason` text,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`child_id`) REFERENCES `children`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`declared_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `absences_child_date_uq` ON `absences` (`child_id`,`date`);--> statement-breakpoint
CREATE INDEX `absences_status_idx` ON `absences` (`status`,`declared_at`);--> statement-breakpoint
CREATE INDEX `absences_household_idx` ON `absences` (`household_id`,`date`);--> statement-breakpoint
CREATE TABLE `invoice_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`invoice_id` integer NOT NULL,
	`child_id` integer,
	`activity_id` integer,
	`date` text,
	`label` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`reservation_id` integer,
	`credited_reservation_id` integer,
	`absence_id` integer,
	FOREIGN KEY (`invoice_id`) REFERENCES `invoices`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`child_id`) REFERENCES `children`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`activity_id`) REFERENCES `activities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reservation_id`) REFERENCES `reservations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`credited_reservation_id`) REFERENCES `reservations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `invoice_lines_invoice_idx` ON `invoice_lines` (`invoice_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `invoice_lines_reservation_uq` ON `invoice_lines` (`reservation_id`) WHERE "invoice_lines"."reservation_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX `invoice_lines_credited_uq` ON `invoice_lines` (`credited_reservation_id`) WHERE "invoice_lines"."credited_reservation_id" is not null;--> statement-breakpoint
CREATE TABLE `invoice_settlements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`invoice_id` integer NOT NULL,
	`amount_cents` integer NOT NULL,
	`method` text NOT NULL,
	`reference` text DEFAULT '' NOT NULL,
	`payment_id` integer,
	`recorded_at` text NOT NULL,
	`recorded_by` integer,
	FOREIGN KEY (`invoice_id`) REFERENCES `invoices`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`payment_id`) REFERENCES `payments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `invoice_settlements_invoice_idx` ON `invoice_settlements` (`invoice_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `invoice_settlements_payment_uq` ON `invoice_settlements` (`payment_id`) WHERE "invoice_settlements"."payment_id" is not null;--> statement-breakpoint
CREATE TABLE `invoices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`household_id` integer NOT NULL,
	`kind` text NOT NULL,
	`year` integer NOT NULL,
	`seq` integer NOT NULL,
	`number` text NOT NULL,
	`month` text NOT NULL,
	`corrects_invoice_id` integer,
	`issued_at` text NOT NULL,
	`due_on` text NOT NULL,
	`total_cents` integer NOT NULL,
	`qf_label` text NOT NULL,
	`resident` integer NOT NULL,
	`billed_name` text NOT NULL,
	`billed_address` text NOT NULL,
	`status` text NOT NULL,
	`paid_at` text,
	`reminder_sent_at` text,
	`created_by` integer,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invoices_number_uq` ON `invoices` (`number`);--> statement-breakpoint
CREATE UNIQUE INDEX `invoices_kind_year_seq_uq` ON `invoices` (`kind`,`year`,`seq`);--> statement-breakpoint
CREATE UNIQUE INDEX `invoices_household_month_uq` ON `invoices` (`household_id`,`month`) WHERE "invoices"."kind" = 'facture';--> statement-breakpoint
CREATE INDEX `invoices_household_idx` ON `invoices` (`household_id`,`issued_at`);--> statement-breakpoint
CREATE INDEX `invoices_status_idx` ON `invoices` (`status`,`due_on`);--> statement-breakpoint
CREATE INDEX `invoices_month_idx` ON `invoices` (`month`);--> statement-breakpoint
ALTER TABLE `payments` ADD `invoice_id` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `payments_one_pending_per_invoice_uq` ON `payments` (`invoice_id`) WHERE "payments"."status" = 'pending' and "payments"."invoice_id" is not null;
ALTER TABLE `payments` ADD `refunded_at` text;--> statement-breakpoint
ALTER TABLE `payments` ADD `refunded_by` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `payments` ADD `refund_method` text;--> statement-breakpoint
ALTER TABLE `payments` ADD `refund_reference` text;
-- Who is logged in, as every request reads it (its session, its user, its household), may be kept
-- in memory by each server process; this counter, moved by triggers on any change from any
-- connection, tells them when to read it again: a session ended, an account disabled or changed,
-- a household changed are seen by the next request.
CREATE TABLE `auth_version` (
	`id` integer PRIMARY KEY NOT NULL CHECK (`id` = 1),
	`n` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `auth_version` (`id`, `n`) VALUES (1, 0);
--> statement-breakpoint
CREATE TRIGGER `sessions_insert_auth_version` AFTER INSERT ON `sessions` BEGIN UPDATE `auth_version` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `sessions_update_auth_version` AFTER UPDATE ON `sessions` BEGIN UPDATE `auth_version` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `sessions_delete_auth_version` AFTER DELETE ON `sessions` BEGIN UPDATE `auth_version` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `users_insert_auth_version` AFTER INSERT ON `users` BEGIN UPDATE `auth_version` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `users_update_auth_version` AFTER UPDATE ON `users` BEGIN UPDATE `auth_version` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `users_delete_auth_version` AFTER DELETE ON `users` BEGIN UPDATE `auth_version` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `households_insert_auth_version` AFTER INSERT ON `households` BEGIN UPDATE `auth_version` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `households_update_auth_version` AFTER UPDATE ON `households` BEGIN UPDATE `auth_version` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `households_delete_auth_version` AFTER DELETE ON `households` BEGIN UPDATE `auth_version` SET `n` = `n` + 1 WHERE `id` = 1; END;

-- Issue 13 (time and language): each person's own time zone (IANA), locale (BCP 47) and colour theme.
-- NULL means "not chosen": the organization's default applies, then the browser's (src/lib/preferences.ts).
ALTER TABLE "users" ADD COLUMN "time_zone" varchar(64);--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "locale" varchar(35);--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "theme" varchar(8);--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_theme_check" CHECK ("theme" IN ('light', 'dark'));--> statement-breakpoint
-- An organization may leave the defaults to each person's browser (NULL); organizations made from now on
-- do, until an admin chooses. Existing organizations keep what they had.
ALTER TABLE "organizations" ALTER COLUMN "default_time_zone" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ALTER COLUMN "default_time_zone" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "organizations" ALTER COLUMN "default_locale" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ALTER COLUMN "default_locale" DROP DEFAULT;

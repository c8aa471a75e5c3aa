-- Issue 13 (settings pages): the organization's default time zone and locale, the starting point for each
-- person's own (until they choose theirs, then the browser's).
ALTER TABLE "organizations" ADD COLUMN "default_time_zone" varchar(64) DEFAULT 'UTC' NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "default_locale" varchar(35) DEFAULT 'en-GB' NOT NULL;

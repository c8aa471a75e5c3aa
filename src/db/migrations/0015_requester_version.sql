-- Issue 11 attack pass. F6: a requester's view of their ticket moves only with what they can see, so
-- `public_version` / `public_updated_at` are bumped by public replies, status and content changes only,
-- while `version` / `updated_at` keep moving with every write for staff. The timeline records both, so a
-- requester's 412 lists what they missed since their own version. Existing tickets start with the versions
-- they had (both counters equal), so no ETag in anyone's hands goes backwards.
-- Tags: deleting a tag takes it off every ticket that is not closed; closed tickets are final and keep it,
-- so the tag stays as a row marked `retired_at` (no longer offered), until it is used again.
ALTER TABLE "tickets" ADD COLUMN "public_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "public_updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
UPDATE "tickets" SET "public_version" = "version", "public_updated_at" = "updated_at";--> statement-breakpoint
ALTER TABLE "ticket_activity" ADD COLUMN "ticket_public_version" integer;--> statement-breakpoint
UPDATE "ticket_activity" SET "ticket_public_version" = "ticket_version";--> statement-breakpoint
ALTER TABLE "ticket_activity" ALTER COLUMN "ticket_public_version" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "tags" ADD COLUMN "retired_at" timestamp with time zone;

-- Issue 12, outbound mail and account mails. mail_deliveries: every attempt to deliver an outbox e-mail
-- (the SMTP answer, the error, or why it was withheld at send time). password_reset_requests: the queue
-- between the reset request (answered at once, the same for every address) and the worker that looks
-- the address up. admin_invites.email: the address an invite link was sent to; acceptance requires the
-- user still has it.
CREATE TABLE "mail_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"outbox_id" uuid NOT NULL,
	"event_type" varchar(60) NOT NULL,
	"attempt" integer NOT NULL,
	"outcome" varchar(16) NOT NULL,
	"detail" varchar(500),
	"duration_ms" integer NOT NULL,
	"attempted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "mail_deliveries" ADD CONSTRAINT "mail_deliveries_outbox_id_outbox_messages_id_fk" FOREIGN KEY ("outbox_id") REFERENCES "public"."outbox_messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mail_deliveries_outbox_idx" ON "mail_deliveries" USING btree ("outbox_id");--> statement-breakpoint
CREATE INDEX "mail_deliveries_org_attempted_idx" ON "mail_deliveries" USING btree ("organization_id","attempted_at" DESC NULLS LAST);--> statement-breakpoint
CREATE TABLE "password_reset_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" varchar(254) NOT NULL,
	"ip" varchar(64),
	"user_agent" varchar(512),
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"claimed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "password_reset_requests_requested_idx" ON "password_reset_requests" USING btree ("requested_at");--> statement-breakpoint
ALTER TABLE "admin_invites" ADD COLUMN "email" varchar(254);--> statement-breakpoint
UPDATE "admin_invites" i SET "email" = lower(u."email") FROM "users" u WHERE u."id" = i."user_id";--> statement-breakpoint
-- An invite whose user is gone cannot exist (cascade); any row left without an address can never be accepted.
UPDATE "admin_invites" SET "email" = '' WHERE "email" IS NULL;--> statement-breakpoint
ALTER TABLE "admin_invites" ALTER COLUMN "email" SET NOT NULL;

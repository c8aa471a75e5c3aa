-- Issue 12, the e-mail channel (inbound): mailboxes (IMAP credentials encrypted by the app), the
-- organization's acceptance rule, raw inbound mail (one row per organization and Message-ID: a duplicate
-- delivery is an ON CONFLICT no-op), mails held for review, and the via_email marks that keep mail-made
-- content from requesters who have not proven they own their address (the "Ticket Trick").
CREATE TYPE "public"."mail_acceptance" AS ENUM('anyone', 'known_domains', 'existing_users');--> statement-breakpoint
CREATE TABLE "mailboxes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"address" varchar(254) NOT NULL,
	"imap_host" varchar(253),
	"imap_port" integer,
	"imap_tls" boolean DEFAULT true NOT NULL,
	"imap_user" varchar(254),
	"imap_password_enc" text,
	"imap_folder" varchar(200) DEFAULT 'INBOX' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"imap_uid_validity" bigint,
	"imap_last_uid" bigint,
	"last_poll_at" timestamp with time zone,
	"last_poll_ok" boolean,
	"last_poll_message" varchar(500),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mailboxes_id_org_unique" UNIQUE("id","organization_id")
);
--> statement-breakpoint
ALTER TABLE "mailboxes" ADD CONSTRAINT "mailboxes_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "mailboxes_address_unique" ON "mailboxes" USING btree (lower("address"));--> statement-breakpoint
CREATE INDEX "mailboxes_org_idx" ON "mailboxes" USING btree ("organization_id");--> statement-breakpoint
CREATE TABLE "mail_settings" (
	"organization_id" uuid PRIMARY KEY NOT NULL,
	"acceptance" "mail_acceptance" DEFAULT 'anyone' NOT NULL,
	"known_domains" text[] DEFAULT '{}'::text[] NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "mail_settings" ADD CONSTRAINT "mail_settings_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE TABLE "inbound_mails" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"mailbox_id" uuid,
	"source" varchar(8) NOT NULL,
	"message_id" varchar(998) NOT NULL,
	"from_address" varchar(254),
	"subject" varchar(300),
	"envelope_from" varchar(254),
	"envelope_to" text[],
	"remote_ip" varchar(64),
	"helo" varchar(255),
	"raw" bytea,
	"size_bytes" integer NOT NULL,
	"sha256" varchar(64) NOT NULL,
	"status" varchar(16) DEFAULT 'pending' NOT NULL,
	"outcome" varchar(500),
	"ticket_id" uuid,
	"comment_id" uuid,
	"attempts" integer DEFAULT 0 NOT NULL,
	"leased_until" timestamp with time zone,
	"auth_results" jsonb,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone,
	"raw_pruned_at" timestamp with time zone,
	CONSTRAINT "inbound_mails_org_message_unique" UNIQUE("organization_id","message_id"),
	CONSTRAINT "inbound_mails_id_org_unique" UNIQUE("id","organization_id")
);
--> statement-breakpoint
ALTER TABLE "inbound_mails" ADD CONSTRAINT "inbound_mails_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_mails" ADD CONSTRAINT "inbound_mails_mailbox_id_mailboxes_id_fk" FOREIGN KEY ("mailbox_id") REFERENCES "public"."mailboxes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inbound_mails_pending_idx" ON "inbound_mails" USING btree ("received_at") WHERE "inbound_mails"."status" in ('pending', 'processing');--> statement-breakpoint
CREATE INDEX "inbound_mails_sender_idx" ON "inbound_mails" USING btree ("organization_id",lower("from_address"),"received_at");--> statement-breakpoint
CREATE INDEX "inbound_mails_retention_idx" ON "inbound_mails" USING btree ("received_at") WHERE "inbound_mails"."raw_pruned_at" is null;--> statement-breakpoint
CREATE TABLE "held_mails" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"inbound_mail_id" uuid NOT NULL,
	"reason" varchar(40) NOT NULL,
	"reason_text" varchar(500) NOT NULL,
	"from_address" varchar(254),
	"subject" varchar(300),
	"status" varchar(16) DEFAULT 'held' NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "held_mails_inbound_unique" UNIQUE("inbound_mail_id")
);
--> statement-breakpoint
ALTER TABLE "held_mails" ADD CONSTRAINT "held_mails_inbound_fk" FOREIGN KEY ("inbound_mail_id","organization_id") REFERENCES "public"."inbound_mails"("id","organization_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "held_mails" ADD CONSTRAINT "held_mails_decider_fk" FOREIGN KEY ("decided_by","organization_id") REFERENCES "public"."users"("id","organization_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "held_mails_org_status_idx" ON "held_mails" USING btree ("organization_id","status","created_at" DESC NULLS LAST);--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "via_email" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "comments" ADD COLUMN "via_email" boolean DEFAULT false NOT NULL;

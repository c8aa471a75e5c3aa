-- Mailbox domains proven by DNS (issue 12 follow-up, attack pass b: first-come mailbox claims). An
-- organization publishes a TXT record at _helpdesk-verification.<domain> holding a value only it can know
-- (HMAC of its id and the domain); the SMTP listener routes a mailbox address only when its organization
-- has verified that domain or a parent of it. One row per organization and domain it tried to verify;
-- verified_at set while the record holds. At most one organization holds a domain verified (the partial
-- unique index; parent/child overlaps are refused by the verification itself under an advisory lock).
CREATE TABLE "mail_domains" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"domain" varchar(253) NOT NULL,
	"verified_at" timestamp with time zone,
	"last_checked_at" timestamp with time zone,
	"last_check_message" varchar(500),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mail_domains_org_domain_unique" UNIQUE("organization_id","domain"),
	CONSTRAINT "mail_domains_ascii_lower" CHECK ("domain" = lower("domain") AND "domain" ~ '^[a-z0-9.-]+$')
);--> statement-breakpoint
ALTER TABLE "mail_domains" ADD CONSTRAINT "mail_domains_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "mail_domains_verified_unique" ON "mail_domains" USING btree ("domain") WHERE "verified_at" IS NOT NULL;--> statement-breakpoint
-- A mailbox address is no longer a first-come claim across tenants: two organizations may list the same
-- address, and the one that proved the domain receives its mail. Unique per organization only.
DROP INDEX "mailboxes_address_unique";--> statement-breakpoint
CREATE UNIQUE INDEX "mailboxes_org_address_unique" ON "mailboxes" USING btree ("organization_id", lower("address"));--> statement-breakpoint
CREATE INDEX "mailboxes_address_idx" ON "mailboxes" USING btree (lower("address"));

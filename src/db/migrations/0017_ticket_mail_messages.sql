-- Issue 12, the e-mail channel: the Message-IDs of a ticket's mails in both directions. Outbound replies
-- thread by them (In-Reply-To/References); inbound mail finds its ticket by them and is ingested once per
-- Message-ID per organization. The composite keys keep a row, its ticket and its comment in one tenant.
ALTER TABLE "comments" ADD CONSTRAINT "comments_id_org_unique" UNIQUE("id","organization_id");--> statement-breakpoint
CREATE TABLE "ticket_mail_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"comment_id" uuid,
	"message_id" varchar(998) NOT NULL,
	"direction" varchar(8) NOT NULL,
	"outbox_message_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ticket_mail_messages_org_message_unique" UNIQUE("organization_id","message_id"),
	CONSTRAINT "ticket_mail_messages_direction_check" CHECK ("direction" IN ('inbound', 'outbound'))
);
--> statement-breakpoint
ALTER TABLE "ticket_mail_messages" ADD CONSTRAINT "ticket_mail_messages_ticket_fk" FOREIGN KEY ("ticket_id","organization_id") REFERENCES "public"."tickets"("id","organization_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_mail_messages" ADD CONSTRAINT "ticket_mail_messages_comment_fk" FOREIGN KEY ("comment_id","organization_id") REFERENCES "public"."comments"("id","organization_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_mail_messages" ADD CONSTRAINT "ticket_mail_messages_outbox_message_id_outbox_messages_id_fk" FOREIGN KEY ("outbox_message_id") REFERENCES "public"."outbox_messages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ticket_mail_messages_ticket_idx" ON "ticket_mail_messages" USING btree ("ticket_id","created_at","id");--> statement-breakpoint
CREATE INDEX "ticket_mail_messages_comment_idx" ON "ticket_mail_messages" USING btree ("comment_id");

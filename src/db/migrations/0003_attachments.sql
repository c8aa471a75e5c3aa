CREATE TYPE "public"."attachment_status" AS ENUM('pending_scan', 'clean', 'infected', 'failed');--> statement-breakpoint
CREATE TABLE "attachment_download_tokens" (
	"token_hash" varchar(64) PRIMARY KEY NOT NULL,
	"attachment_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"comment_id" uuid,
	"uploader_id" text NOT NULL,
	"filename" varchar(160) NOT NULL,
	"mime_type" varchar(80) NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" varchar(64) NOT NULL,
	"storage_key" varchar(80) NOT NULL,
	"status" "attachment_status" DEFAULT 'pending_scan' NOT NULL,
	"scan_result" varchar(200),
	"scanned_at" timestamp with time zone,
	"scan_attempts" integer DEFAULT 0 NOT NULL,
	"internal" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attachments_storage_key_unique" UNIQUE("storage_key"),
	CONSTRAINT "attachments_id_org_unique" UNIQUE("id","organization_id")
);
--> statement-breakpoint
ALTER TABLE "attachment_download_tokens" ADD CONSTRAINT "attachment_tokens_attachment_fk" FOREIGN KEY ("attachment_id","organization_id") REFERENCES "public"."attachments"("id","organization_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachment_download_tokens" ADD CONSTRAINT "attachment_tokens_user_fk" FOREIGN KEY ("user_id","organization_id") REFERENCES "public"."users"("id","organization_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_ticket_fk" FOREIGN KEY ("ticket_id","organization_id") REFERENCES "public"."tickets"("id","organization_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_uploader_fk" FOREIGN KEY ("uploader_id","organization_id") REFERENCES "public"."users"("id","organization_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_comment_fk" FOREIGN KEY ("comment_id") REFERENCES "public"."comments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attachment_tokens_expires_idx" ON "attachment_download_tokens" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "attachments_ticket_created_idx" ON "attachments" USING btree ("ticket_id","created_at");--> statement-breakpoint
CREATE INDEX "attachments_pending_idx" ON "attachments" USING btree ("created_at") WHERE "attachments"."status" = 'pending_scan';
CREATE TABLE "sla_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"kind" varchar(20) NOT NULL,
	"type" varchar(10) NOT NULL,
	"clock_started_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sla_events_once" UNIQUE("ticket_id","kind","clock_started_at","type")
);
--> statement-breakpoint
CREATE TABLE "sla_settings" (
	"organization_id" uuid PRIMARY KEY NOT NULL,
	"time_zone" varchar(64) DEFAULT 'UTC' NOT NULL,
	"always_open" boolean DEFAULT true NOT NULL,
	"weekly_hours" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"holidays" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"warning_lead_minutes" integer DEFAULT 60 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ticket_sla" (
	"ticket_id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"paused_ms" bigint DEFAULT 0 NOT NULL,
	"paused_since" timestamp with time zone,
	"next_reply_started_at" timestamp with time zone,
	"next_reply_pause_base_ms" bigint DEFAULT 0 NOT NULL,
	"next_reply_due_at" timestamp with time zone,
	"first_response_breached_at" timestamp with time zone,
	"next_reply_breached_at" timestamp with time zone,
	"resolution_breached_at" timestamp with time zone,
	"next_due_at" timestamp with time zone,
	"next_check_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"ticket_id" uuid,
	"type" varchar(40) NOT NULL,
	"title" varchar(300) NOT NULL,
	"body" varchar(1000) DEFAULT '' NOT NULL,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"channel" varchar(16) NOT NULL,
	"event_type" varchar(60) NOT NULL,
	"payload" jsonb NOT NULL,
	"status" varchar(16) DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"outbox_id" uuid NOT NULL,
	"event_type" varchar(60) NOT NULL,
	"attempt" integer NOT NULL,
	"status_code" integer,
	"error" varchar(500),
	"duration_ms" integer NOT NULL,
	"attempted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_endpoints" (
	"organization_id" uuid PRIMARY KEY NOT NULL,
	"url" varchar(2048) NOT NULL,
	"secret" varchar(200) NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sla_policies" ADD COLUMN "next_reply_minutes" integer;--> statement-breakpoint
ALTER TABLE "sla_events" ADD CONSTRAINT "sla_events_ticket_id_ticket_sla_ticket_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."ticket_sla"("ticket_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_settings" ADD CONSTRAINT "sla_settings_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_sla" ADD CONSTRAINT "ticket_sla_ticket_fk" FOREIGN KEY ("ticket_id","organization_id") REFERENCES "public"."tickets"("id","organization_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_fk" FOREIGN KEY ("user_id","organization_id") REFERENCES "public"."users"("id","organization_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD CONSTRAINT "outbox_messages_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_outbox_id_outbox_messages_id_fk" FOREIGN KEY ("outbox_id") REFERENCES "public"."outbox_messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "webhook_endpoints_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ticket_sla_next_check_idx" ON "ticket_sla" USING btree ("next_check_at") WHERE "ticket_sla"."next_check_at" is not null;--> statement-breakpoint
CREATE INDEX "ticket_sla_org_due_idx" ON "ticket_sla" USING btree ("organization_id",coalesce("next_due_at", 'infinity'::timestamptz),"ticket_id");--> statement-breakpoint
CREATE INDEX "notifications_user_created_idx" ON "notifications" USING btree ("user_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "notifications_user_unread_idx" ON "notifications" USING btree ("user_id") WHERE "notifications"."read_at" is null;--> statement-breakpoint
CREATE INDEX "outbox_pending_idx" ON "outbox_messages" USING btree ("next_attempt_at") WHERE "outbox_messages"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "outbox_org_created_idx" ON "outbox_messages" USING btree ("organization_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "webhook_deliveries_org_attempted_idx" ON "webhook_deliveries" USING btree ("organization_id","attempted_at" DESC NULLS LAST);--> statement-breakpoint
-- Tickets that exist before the SLA engine get a clock from what they already hold: started when
-- created, paused when finished or waiting (as their policy says), due at the earliest unmet deadline.
INSERT INTO "ticket_sla" ("ticket_id", "organization_id", "started_at", "paused_since", "next_due_at", "next_check_at")
SELECT t."id", t."organization_id", t."created_at", p.paused_since, d.due, d.due - interval '60 minutes'
FROM "tickets" t
LEFT JOIN "sla_policies" sp ON sp."organization_id" = t."organization_id" AND sp."priority" = t."priority"
CROSS JOIN LATERAL (
  SELECT CASE WHEN t."status" IN ('resolved', 'closed') OR (t."status" IN ('pending', 'on_hold') AND coalesce(sp."pause_when_pending", true))
    THEN t."updated_at" END AS paused_since
) p
CROSS JOIN LATERAL (
  SELECT CASE WHEN p.paused_since IS NULL THEN least(
    CASE WHEN t."first_responded_at" IS NULL THEN t."first_response_due_at" END,
    CASE WHEN t."resolved_at" IS NULL THEN t."resolution_due_at" END) END AS due
) d
ON CONFLICT DO NOTHING;

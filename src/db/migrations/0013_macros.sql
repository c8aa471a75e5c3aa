-- Issue 11: macros / canned replies. owner_id NULL = shared with the organization (admins manage them),
-- otherwise personal to one staff member. The body is a template with a fixed set of placeholders filled
-- as plain text; `changes` holds the ticket fields applying the macro sets (applied by the normal PATCH).
CREATE TABLE "macros" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"owner_id" text,
	"name" varchar(100) NOT NULL,
	"body_md" text NOT NULL,
	"changes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "macros_owner_name_unique" UNIQUE NULLS NOT DISTINCT("organization_id","owner_id","name")
);
--> statement-breakpoint
ALTER TABLE "macros" ADD CONSTRAINT "macros_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "macros" ADD CONSTRAINT "macros_owner_fk" FOREIGN KEY ("owner_id","organization_id") REFERENCES "public"."users"("id","organization_id") ON DELETE cascade ON UPDATE no action;

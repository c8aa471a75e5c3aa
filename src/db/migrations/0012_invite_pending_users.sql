-- Issue 9 item 13 (S17): e-mail addresses were unique across all organizations, so inviting an address
-- taken in another organization could not create a row, and every door that shows rows (the user list,
-- a repeat invite, the user id, the invite page) told the inviting admin the address was taken.
-- From here on an address is unique per organization (any row, case-insensitive), and across the whole
-- system only among users who can sign in: a pending invitee (no password yet) holds no sign-in address.
-- Better Auth reads and writes its `email` field through the generated sign_in_email column, so a
-- pending invitee is never found by sign-in and the one account that can sign in always is.
ALTER TABLE "users" ADD COLUMN "invite_pending" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Invitees who have not set a password yet are pending (the only users created without one).
UPDATE "users" SET "invite_pending" = true
  WHERE EXISTS (SELECT 1 FROM "admin_invites" i WHERE i."user_id" = "users"."id")
    AND NOT EXISTS (SELECT 1 FROM "accounts" a WHERE a."user_id" = "users"."id" AND a."provider_id" = 'credential');--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "sign_in_email" varchar(254) GENERATED ALWAYS AS (CASE WHEN "invite_pending" THEN NULL ELSE lower("email") END) STORED;--> statement-breakpoint
ALTER TABLE "users" DROP CONSTRAINT "users_email_unique";--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_sign_in_email_unique" UNIQUE("sign_in_email");--> statement-breakpoint
CREATE UNIQUE INDEX "users_org_email_unique" ON "users" USING btree ("organization_id",lower("email"));

-- Issue 9 item 9 (S1, OWASP device cookies): device cookies were stateless (account hash . nonce . HMAC),
-- so whoever knew a password once could mint any number of them (5 guesses each per window), and they
-- outlived a password change. From here on a device cookie is a row: issued at a completed sign-in,
-- bound to the user and to the user's credential version at that moment, holding its own count of
-- failed checks, at most DEVICE_COOKIES_PER_USER live per user (src/auth/device-cookie.ts).
--
-- users.credential_version is bumped by the database itself whenever what a device cookie vouched for
-- changes — the password (any path: change, reset, setPassword, seed, a removed credential), MFA turned
-- off (the user's own disable or an admin's reset), deactivation, the sign-in address — so no code path
-- can forget it. A cookie of an older version grants nothing.
ALTER TABLE "users" ADD COLUMN "credential_version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE TABLE "device_cookies" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"organization_id" uuid NOT NULL,
	"secret_hash" varchar(64) NOT NULL,
	"credential_version" integer NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_used_at" timestamp with time zone,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "device_cookies_failures_check" CHECK ("failures" >= 0)
);
--> statement-breakpoint
ALTER TABLE "device_cookies" ADD CONSTRAINT "device_cookies_user_fk" FOREIGN KEY ("user_id","organization_id") REFERENCES "public"."users"("id","organization_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "device_cookies_user_created_idx" ON "device_cookies" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE FUNCTION users_bump_credential_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (OLD.active AND NOT NEW.active)
     OR (OLD.two_factor_enabled AND NOT NEW.two_factor_enabled)
     OR (OLD.invite_pending IS DISTINCT FROM NEW.invite_pending)
     OR (lower(OLD.email) IS DISTINCT FROM lower(NEW.email)) THEN
    NEW.credential_version := OLD.credential_version + 1;
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER users_credential_version BEFORE UPDATE ON "users"
  FOR EACH ROW EXECUTE FUNCTION users_bump_credential_version();--> statement-breakpoint
CREATE FUNCTION accounts_bump_credential_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    UPDATE "users" SET "credential_version" = "credential_version" + 1 WHERE "id" = OLD.user_id;
    RETURN OLD;
  END IF;
  IF TG_OP = 'INSERT' OR OLD.password IS DISTINCT FROM NEW.password THEN
    UPDATE "users" SET "credential_version" = "credential_version" + 1 WHERE "id" = NEW.user_id;
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER accounts_credential_version AFTER INSERT OR DELETE OR UPDATE OF "password" ON "accounts"
  FOR EACH ROW EXECUTE FUNCTION accounts_bump_credential_version();

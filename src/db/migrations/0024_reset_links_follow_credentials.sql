-- Issue 12 attack pass (B3): a password reset link outlived what it was issued against. A link sent
-- before the user changed their password still reset it; a link of a user deactivated and later
-- reactivated worked again. A reset link is a credential: like a device cookie (migration 0017) it is
-- bound to users.credential_version, which the database bumps on a password change (any door), a
-- deactivation, an MFA reset, an address change and the end of a pending invite. When the version moves,
-- every outstanding reset link of the user is deleted, whoever or whatever moved it. (Not "UPDATE OF
-- credential_version": the BEFORE trigger of migration 0017 moves it inside updates that do not name it.)
CREATE FUNCTION users_end_reset_links() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  DELETE FROM "verifications" WHERE "value" = NEW.id::text AND "identifier" LIKE 'reset-password-sha256:%';
  RETURN NULL;
END $$;--> statement-breakpoint
REVOKE ALL ON FUNCTION users_end_reset_links() FROM PUBLIC;--> statement-breakpoint
CREATE TRIGGER users_end_reset_links AFTER UPDATE ON "users"
  FOR EACH ROW WHEN (NEW.credential_version IS DISTINCT FROM OLD.credential_version)
  EXECUTE FUNCTION users_end_reset_links();

-- Attack pass 2 (issue 14, S12, S17): nothing new is written in an erased person's name. A comment, ticket,
-- file, rating, saved view or macro of theirs whose request was signed in before the erasure waited for the
-- erasure's row lock on them (the foreign key's FOR KEY SHARE) and was then written after it committed,
-- with their words and name, under the anonymised placeholder. This trigger takes the same lock first and,
-- locking, reads the row as the erasure left it: an erased person refuses the insert (SQLSTATE HDE01, which
-- the API answers with 409).
CREATE OR REPLACE FUNCTION refuse_erased_person() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v_person text := to_jsonb(NEW) ->> TG_ARGV[0];
  v_erased timestamptz;
BEGIN
  IF v_person IS NULL THEN
    RETURN NEW;
  END IF;
  SELECT u."erased_at" INTO v_erased FROM "users" u
   WHERE u."id" = v_person AND u."organization_id" = NEW."organization_id"
     FOR KEY SHARE;
  IF v_erased IS NOT NULL THEN
    RAISE EXCEPTION 'this person has been erased' USING ERRCODE = 'HDE01';
  END IF;
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER "comments_not_by_erased" BEFORE INSERT ON "comments" FOR EACH ROW EXECUTE FUNCTION refuse_erased_person('author_id');--> statement-breakpoint
CREATE TRIGGER "tickets_not_for_erased" BEFORE INSERT ON "tickets" FOR EACH ROW EXECUTE FUNCTION refuse_erased_person('requester_id');--> statement-breakpoint
CREATE TRIGGER "attachments_not_by_erased" BEFORE INSERT ON "attachments" FOR EACH ROW EXECUTE FUNCTION refuse_erased_person('uploader_id');--> statement-breakpoint
CREATE TRIGGER "satisfaction_ratings_not_by_erased" BEFORE INSERT ON "satisfaction_ratings" FOR EACH ROW EXECUTE FUNCTION refuse_erased_person('requester_id');--> statement-breakpoint
CREATE TRIGGER "saved_views_not_by_erased" BEFORE INSERT ON "saved_views" FOR EACH ROW EXECUTE FUNCTION refuse_erased_person('owner_id');--> statement-breakpoint
CREATE TRIGGER "macros_not_by_erased" BEFORE INSERT ON "macros" FOR EACH ROW EXECUTE FUNCTION refuse_erased_person('owner_id');

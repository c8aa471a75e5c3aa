-- Issue 11 attack pass (F6 on the live stream): a requester must not learn from the stream that staff
-- worked on their ticket. `ticket.updated` follows every write of the row (staff are told of each); a
-- second kind, `ticket.public_updated`, is written only when the requester's version moves (a public
-- reply, a status or content change: `public_version`, migration 0015). The app sends requesters the
-- second, under the name `ticket.updated`, and staff the first, so a note, a priority, an assignment or a
-- tag change reaches a requester's stream as nothing at all, not even an event to count.
CREATE CONSTRAINT TRIGGER "live_ticket_public_updated" AFTER UPDATE ON "tickets" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (OLD.public_version IS DISTINCT FROM NEW.public_version AND coalesce(current_setting('helpdesk.live_events', true), '') <> 'off')
  EXECUTE FUNCTION live_event_capture('ticket.public_updated');

-- Issue 13 (settings pages): an organization chooses which events its webhook receives. NULL keeps the
-- behaviour until now, every event; a list limits deliveries to the events named in it.
ALTER TABLE "webhook_endpoints" ADD COLUMN "events" text[];

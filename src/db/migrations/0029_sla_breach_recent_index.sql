-- Issue 14: /api/metrics counts the SLA breaches of the last hour on every scrape; this partial index keeps
-- that a range read of the newest breach rows instead of a scan of every warning and breach ever recorded.
CREATE INDEX IF NOT EXISTS "sla_events_breach_created_idx" ON "sla_events" USING btree ("created_at") WHERE "type" = 'breach';

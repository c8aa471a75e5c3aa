// Comments, set-based from the tickets already inserted: most non-open tickets get 1-3 replies that
// alternate between the assignee and the requester; about one in eight staff replies is an internal note.
import type pg from "pg";

const BODIES = [
  "Thanks for reporting this. Could you send a screenshot of the message you see?",
  "I have restarted the service on our side. Can you try again and let us know?",
  "Still the same for me, unfortunately.",
  "That fixed it, thank you!",
  "Escalating to the **infrastructure** team; they will follow up.",
  "We found the cause: a configuration change from last week. Rolling it back now.\n\n- affected: a few users\n- workaround: sign out and in again",
  "Can you confirm which device and version you are on?",
  "Closing this as resolved. Reply to reopen if it comes back.",
];

export async function seedComments(client: pg.PoolClient): Promise<number> {
  const { rowCount } = await client.query(
    `insert into comments (organization_id, ticket_id, author_id, body_md, internal, created_at)
     select t.organization_id, t.id,
            case when k % 2 = 1 then coalesce(t.assignee_id, t.requester_id) else t.requester_id end,
            ($1::text[])[1 + (abs(hashtext(t.id::text || k)) % cardinality($1::text[]))],
            k % 2 = 1 and t.assignee_id is not null and abs(hashtext(t.id::text || 'n' || k)) % 8 = 0,
            t.created_at + k * interval '47 minutes' + (abs(hashtext(t.id::text)) % 600) * interval '1 minute'
     from tickets t
     cross join lateral generate_series(1, case when t.status = 'open' then abs(hashtext(t.id::text)) % 2 else abs(hashtext(t.id::text)) % 4 end) as k`,
    [BODIES],
  );
  return rowCount ?? 0;
}

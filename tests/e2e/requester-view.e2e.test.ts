// Issue 11 attack pass (F6), the ticket page over real HTTP: the HTML a requester gets — and the React
// Server Components payload inside it, which the browser receives whether or not it is shown — carries no
// assignee, team, priority, SLA or tag, and its version is the requester's own. Staff-only work (an internal
// note, a priority change, a reassignment, tags) leaves the requester's page byte for byte as it was.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { callJson } from "../support/api";
import { createOrg, signIn, type TestOrg } from "../support/factory";
import { createTicketAs } from "../support/tickets";

let org: TestOrg;
const c: Record<"agent" | "requester", string> = {} as never;
const TAG = `tag${randomBytes(4).toString("hex")}`;
const NOTE = `NOTE-${randomBytes(4).toString("hex")}`;

beforeAll(async () => {
  org = await createOrg("e2e-reqview");
  [c.agent, c.requester] = await Promise.all([signIn(org.agent), signIn(org.requester)]);
});

const patch = (id: string, body: object) => callJson("PATCH", `/api/tickets/${id}`, { cookie: c.agent, body });
const comment = (id: string, body: object) => callJson("POST", `/api/tickets/${id}/comments`, { cookie: c.agent, body });
const nameOf = (u: { email: string }) => `${u.email.split("@")[0]} ${u.email.split("@")[1]!.replace(/\.test$/, "")}`;

async function ticketPage(id: string, cookie: string) {
  const res = await fetch(`${inject("baseUrl")}/app/tickets/${id}`, { headers: { cookie }, redirect: "manual" });
  expect(res.status).toBe(200);
  return res.text();
}

/**
 * The page minus what differs between two renders of the same data: the per-request CSP nonce, the words
 * of relative times ("just now") — their machine-readable dateTime stays and is compared — and, in the
 * React Server Components payload, the order and numbering of its rows: the server streams each row when
 * its data is ready (the bell's count may come before or after the ticket), so the rows are compared as a
 * sorted list with their ids and references to each other taken out. Every literal in them still counts.
 */
const comparable = (html: string) => {
  const rsc = [...html.matchAll(/self\.__next_f\.push\(\[1,("(?:[^"\\]|\\.)*")\]\)/g)]
    .map((m) => JSON.parse(m[1]!) as string)
    .join("")
    .split("\n")
    .map((row) =>
      row
        .replace(/^[0-9a-f]+:/, "")
        .replace(/"\$[A-Za-z@]?[0-9a-f]+"/g, '"$ref"')
        .replace(/"nonce":"[^"]*"/g, '"nonce":""')
        .replace(/("dateTime":"[^"]*","title":"[^"]*","children":)"[^"]*"/g, '$1""'),
    )
    .sort();
  expect(rsc.length, "the RSC payload was found and split into rows").toBeGreaterThan(10);
  const page = html
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, "")
    .replace(/nonce="[^"]*"/g, 'nonce=""')
    .replace(/(<time\b[^>]*>)[^<]*(<\/time>)/g, "$1$2");
  return JSON.stringify({ page, rsc });
};

/** The version the page's writer sends as If-Match (a TicketSession prop in the RSC payload). */
const pageVersion = (html: string) => Number(/\\?"version\\?":(\d+)/.exec(html)?.[1]);

describe("the requester's ticket page shows none of the staff's work (F6)", () => {
  it("no assignee, team, priority, SLA or tag in the HTML or RSC payload; its version is the requester's", async () => {
    const t = await createTicketAs(c.requester, { title: "Page doors", descriptionMd: "x" });
    await patch(t.id, { priority: "urgent", assigneeId: org.agent2.id, teamId: org.teamId, tags: [TAG] });
    await comment(t.id, { bodyMd: NOTE, internal: true });
    await comment(t.id, { bodyMd: "We are on it" });

    const html = await ticketPage(t.id, c.requester);
    expect(html).toContain("We are on it");
    for (const leak of [org.agent2.id, nameOf(org.agent2), org.teamId, TAG, NOTE, "Urgent", "First response due", "Resolution due", "Assignee"]) {
      expect(html, leak).not.toContain(leak);
    }
    const mine = await callJson("GET", `/api/tickets/${t.id}`, { cookie: c.requester });
    const staff = await callJson("GET", `/api/tickets/${t.id}`, { cookie: c.agent });
    expect(pageVersion(html)).toBe(mine.body.version);
    expect(mine.body.version).toBeLessThan(staff.body.version);

    // The staff page of the same ticket does show the triage: the requester's page leaves it out on purpose.
    const staffHtml = await ticketPage(t.id, c.agent);
    for (const shown of [nameOf(org.agent2), "Urgent", TAG, NOTE]) expect(staffHtml, shown).toContain(shown);
    expect(pageVersion(staffHtml)).toBe(staff.body.version);
  });

  it("an internal note, a priority change, a reassignment and tags leave the requester's page byte for byte", async () => {
    const t = await createTicketAs(c.requester, { title: "Quiet page", descriptionMd: "x" });
    await comment(t.id, { bodyMd: "First answer" });
    const before = comparable(await ticketPage(t.id, c.requester));
    await comment(t.id, { bodyMd: NOTE, internal: true });
    await patch(t.id, { priority: "high" });
    await patch(t.id, { assigneeId: org.agent2.id, teamId: org.teamId });
    await patch(t.id, { addTags: [TAG] });
    expect(comparable(await ticketPage(t.id, c.requester))).toBe(before);
    // A public reply does change it.
    await comment(t.id, { bodyMd: "Second answer" });
    expect(comparable(await ticketPage(t.id, c.requester))).not.toBe(before);
  });
});

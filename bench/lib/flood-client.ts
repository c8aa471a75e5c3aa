// The anonymous flood of `npm run bench:flood`, run as its own process so that its load generator does
// not share an event loop with the signed-in client whose latency is measured.
// Usage: node --import tsx bench/lib/flood-client.ts <url> <connections> <seconds> <one|many>
// "one": every request from the socket's address; "many": a new address per request in X-Forwarded-For
// (the app is started with one trusted proxy hop), i.e. a flood from many clients.
import autocannon from "autocannon";

const [url, connections, seconds, mode] = process.argv.slice(2);
if (!url || !connections || !seconds || (mode !== "one" && mode !== "many")) {
  console.error("usage: flood-client.ts <url> <connections> <seconds> <one|many>");
  process.exit(2);
}

let n = 0;
/** 198.18.0.0/15 (benchmarking range): 131,072 distinct addresses before one repeats. */
const nextAddress = () => {
  n = (n + 1) % 131_072;
  return `198.${18 + (n >> 16)}.${(n >> 8) & 255}.${n & 255}`;
};

const result = await autocannon({
  url,
  connections: Number(connections),
  duration: Number(seconds),
  timeout: 30,
  requests: mode === "many" ? [{ setupRequest: (req) => ({ ...req, headers: { ...req.headers, "x-forwarded-for": nextAddress() } }) }] : undefined,
});
const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, v]) => [code, v.count]));
process.stdout.write(
  `${JSON.stringify({ requests: result.requests.total, reqPerSec: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.timeouts, statusCodes })}\n`,
);

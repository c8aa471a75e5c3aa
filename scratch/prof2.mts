import { performance } from "node:perf_hooks";
import sanitizeHtml from "sanitize-html";
import TurndownService from "turndown";
const row = "<tr><td><b>Order</b> 12345</td><td><a href=\"https://shop.example/o/12345\">details</a></td><td style=\"color:red\">late</td></tr>";
const big = `<html><body><table>${row.repeat(Math.ceil(1048576 / row.length))}</table></body></html>`;
for (const n of [50_000, 100_000, 200_000]) {
  let t = performance.now(); const clean = sanitizeHtml(big.slice(0, n), { allowedTags: ["p","table","tr","td","b","a","div","span"], allowedAttributes: { a: ["href"] } }); const ts = performance.now() - t;
  t = performance.now(); new TurndownService().turndown(clean.slice(0, 60000)); const tt = performance.now() - t;
  console.log(n, "sanitize", ts.toFixed(0), "turndown", tt.toFixed(0));
}

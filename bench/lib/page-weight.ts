// First-load JavaScript of a page (issue 15): every script the served HTML loads, fetched from the
// running app and gzip-sized the way a server would send it, with a guess at what each chunk holds
// (production chunks carry no module paths, so known package markers are searched for instead).
import { gzipSync } from "node:zlib";

/** Markers that show a package (or a piece of ours) is inside a chunk. */
const MARKERS: [string, RegExp][] = [
  ["react-dom", /react-dom|__reactContainer|reactFiber/],
  ["next router/runtime", /__next_f|next-router|__NEXT_DATA__|nextjs|next\/dist/],
  ["react-markdown + remark/rehype/micromark", /micromark|mdast|rehype|remark/],
  ["better-auth client", /better-auth|better-call|nanostores/],
  ["zod", /ZodError|\$ZodType|zod/],
  ["two-factor (qrcode, totp)", /qrcode|totp/i],
  ["password strength (zxcvbn)", /zxcvbn/],
  ["our composer / markdown editor", /Composer|markdown-body/],
];

export interface ChunkWeight {
  src: string;
  bytes: number;
  gzip: number;
  holds: string[];
}

export interface PageWeight {
  scripts: ChunkWeight[];
  totalGzip: number;
  totalBytes: number;
}

/**
 * `<script src>` of the page, in order, without duplicates. `nomodule` scripts (Next's polyfills) are left
 * out: browsers that run modules neither run nor download them.
 */
export function scriptSources(html: string): string[] {
  const out = new Set<string>();
  for (const m of html.matchAll(/<script\b([^>]*)>/g)) {
    const attrs = m[1]!;
    const src = /\bsrc="([^"]+)"/.exec(attrs)?.[1];
    if (src && !/\bnomodule\b/i.test(attrs)) out.add(src.replace(/&amp;/g, "&"));
  }
  return [...out];
}

const cache = new Map<string, Promise<ChunkWeight>>();

function weigh(baseUrl: string, src: string): Promise<ChunkWeight> {
  let w = cache.get(src);
  if (!w) {
    w = (async () => {
      const res = await fetch(new URL(src, baseUrl));
      const body = Buffer.from(await res.arrayBuffer());
      const text = body.toString("utf8");
      return { src, bytes: body.length, gzip: gzipSync(body).length, holds: MARKERS.filter(([, re]) => re.test(text)).map(([name]) => name) };
    })();
    cache.set(src, w);
  }
  return w;
}

export async function pageWeight(baseUrl: string, html: string): Promise<PageWeight> {
  const scripts = await Promise.all(scriptSources(html).map((src) => weigh(baseUrl, src)));
  return { scripts, totalGzip: scripts.reduce((a, s) => a + s.gzip, 0), totalBytes: scripts.reduce((a, s) => a + s.bytes, 0) };
}

// The mixed workload of the multi-instance run (issue 14), through the load balancer: signed-in agents
// list, search, read, create tickets, comment and upload. What a careful client does on failure:
//   - an error it may retry (no answer, 429, 500, 502, 503, 504) is retried with backoff, up to ~20 s;
//   - a write whose fate is unknown (no answer, 500, 502, 503, 504: it may have committed) is first looked up
//     by its unique marker on the primary (the read-your-writes cookie) and sent again only if absent;
//   - anything else, or a retryable error that outlives the retries, is a LOST request.
// After every created ticket the creator lists it by its marker at once: a missing ticket is a stale read
// (the replica must never serve a caller who just wrote).
import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";

const RECENT_WRITE = "hd_recent_write";

export interface WorkloadStats {
  requests: number;
  ok: number;
  retries: number;
  retryableErrors: Record<string, number>;
  lost: { op: string; status: string }[];
  staleReads: number;
  writesChecked: number;
  createdTickets: { id: string; marker: string; client: number }[];
  comments: { ticketId: string; marker: string }[];
  uploads: number;
  byOp: Record<string, number>;
}

export function emptyStats(): WorkloadStats {
  return {
    requests: 0,
    ok: 0,
    retries: 0,
    retryableErrors: {},
    lost: [],
    staleReads: 0,
    writesChecked: 0,
    createdTickets: [],
    comments: [],
    uploads: 0,
    byOp: {},
  };
}

class CookieJar {
  private readonly cookies = new Map<string, { value: string; expires: number }>();

  take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq).trim();
      const maxAge = attrs.map((a) => a.trim()).find((a) => a.toLowerCase().startsWith("max-age="));
      const seconds = maxAge ? Number(maxAge.split("=")[1]) : null;
      if (seconds !== null && seconds <= 0) this.cookies.delete(name);
      else this.cookies.set(name, { value: pair!.slice(eq + 1), expires: seconds === null ? Number.POSITIVE_INFINITY : Date.now() + seconds * 1000 });
    }
  }

  header(extra: Record<string, string> = {}): string {
    const now = Date.now();
    const parts = [...this.cookies].filter(([, c]) => c.expires > now).map(([n, c]) => `${n}=${c.value}`);
    for (const [n, v] of Object.entries(extra)) parts.push(`${n}=${v}`);
    return parts.join("; ");
  }
}

type Outcome = { res: Response | null; error: string | null };
const RETRYABLE = new Set([429, 500, 502, 503, 504]);
/**
 * Statuses after which a write may or may not have committed: no answer, 500, 502, 504, and 503 too (the
 * app's 503 for a database connection cut while committing; HAProxy's own 503 never reached an instance,
 * but the client cannot tell them apart, so it looks either way).
 */
const UNKNOWN_FATE = (o: Outcome) => o.res === null || [500, 502, 503, 504].includes(o.res.status);

export class Client {
  private readonly jar = new CookieJar();
  /** Ticket ids this client saw in its lists: what it opens next (its own organization's). */
  readonly seen: string[] = [];

  constructor(
    readonly index: number,
    private readonly baseUrl: string,
    private readonly stats: WorkloadStats,
  ) {}

  private async send(method: string, path: string, body?: unknown, opts: { primary?: boolean; form?: FormData } = {}): Promise<Outcome> {
    const headers: Record<string, string> = { cookie: this.jar.header(opts.primary ? { [RECENT_WRITE]: "1" } : {}), origin: this.baseUrl };
    let payload: BodyInit | undefined;
    if (opts.form) payload = opts.form;
    else if (body !== undefined) {
      headers["content-type"] = "application/json";
      payload = JSON.stringify(body);
    }
    try {
      const res = await fetch(`${this.baseUrl}${path}`, { method, headers, body: payload, signal: AbortSignal.timeout(30_000) });
      this.jar.take(res);
      return { res, error: null };
    } catch (e) {
      return { res: null, error: (e as Error).cause ? String((e as { cause: { code?: string } }).cause.code ?? (e as Error).message) : (e as Error).message };
    }
  }

  /**
   * One logical request with the retry policy above. `exists` (writes) looks the write up before a resend.
   * Returns the final response, or null when lost.
   */
  async request(
    op: string,
    method: string,
    path: string,
    body?: unknown,
    opts: { exists?: () => Promise<boolean>; form?: () => FormData } = {},
  ): Promise<Response | null> {
    this.stats.requests++;
    this.stats.byOp[op] = (this.stats.byOp[op] ?? 0) + 1;
    let delay = 200;
    for (let attempt = 0; attempt < 14; attempt++) {
      if (attempt > 0) this.stats.retries++;
      const outcome = await this.send(method, path, body, { form: opts.form?.() });
      const status = outcome.res ? outcome.res.status : `network:${outcome.error}`;
      if (outcome.res && !RETRYABLE.has(outcome.res.status)) {
        if (outcome.res.ok) {
          this.stats.ok++;
          return outcome.res;
        }
        this.stats.lost.push({ op, status: String(status) });
        return null;
      }
      this.stats.retryableErrors[String(status)] = (this.stats.retryableErrors[String(status)] ?? 0) + 1;
      await outcome.res?.body?.cancel().catch(() => undefined);
      if (opts.exists && UNKNOWN_FATE(outcome)) {
        // It may have committed: look before sending it again (never a second copy).
        await sleep(delay);
        const found = await this.lookup(opts.exists);
        this.stats.writesChecked++;
        if (found === true) {
          this.stats.ok++;
          return null;
        }
      }
      const retryAfter = Number(outcome.res?.headers.get("retry-after") ?? 0) * 1000;
      await sleep(Math.max(delay, Math.min(retryAfter, 5000)));
      delay = Math.min(delay * 2, 2000);
    }
    this.stats.lost.push({ op, status: "retries exhausted" });
    return null;
  }

  /** A lookup that itself rides out the outage (it is a read: retried freely). */
  private async lookup(exists: () => Promise<boolean>): Promise<boolean | null> {
    for (let i = 0; i < 20; i++) {
      try {
        return await exists();
      } catch {
        await sleep(500);
      }
    }
    return null;
  }

  async signIn(email: string, password: string): Promise<void> {
    const res = await this.send("POST", "/api/auth/sign-in/email", { email, password });
    if (!res.res?.ok) throw new Error(`sign-in of ${email} failed: ${res.res?.status ?? res.error} ${await res.res?.text()}`);
  }

  /** GET on the primary (the read-your-writes cookie), throwing on any failure: for lookups. */
  async readPrimary<T>(path: string): Promise<T> {
    const o = await this.send("GET", path, undefined, { primary: true });
    if (!o.res?.ok) throw new Error(`lookup ${path}: ${o.res?.status ?? o.error}`);
    return (await o.res.json()) as T;
  }

  private async findTicket(marker: string): Promise<{ id: string } | undefined> {
    const page = await this.readPrimary<{ items: { id: string; title: string }[] }>(`/api/tickets?q=${marker}&sort=created&limit=5`);
    return page.items.find((t) => t.title.includes(marker));
  }

  async createTicket(): Promise<void> {
    const marker = `m${randomBytes(6).toString("hex")}`;
    const title = `Cluster run ${marker}`;
    const res = await this.request(
      "create",
      "POST",
      "/api/tickets",
      { title, descriptionMd: `Made by client ${this.index} during the fault run.` },
      { exists: async () => !!(await this.findTicket(marker)) },
    );
    let id: string | undefined;
    if (res) id = ((await res.json()) as { id: string }).id;
    else id = (await this.findTicket(marker).catch(() => undefined))?.id;
    if (!id) return;
    this.stats.createdTickets.push({ id, marker, client: this.index });
    // Read-your-writes: the list right after the write must show it (the cookie keeps this read on the primary).
    const list = await this.request("list_after_write", "GET", `/api/tickets?q=${marker}&sort=created&limit=5`);
    if (list) {
      const items = ((await list.json()) as { items: { id: string }[] }).items;
      if (!items.some((t) => t.id === id)) this.stats.staleReads++;
    }
  }

  async comment(ticketId: string): Promise<void> {
    const marker = `c${randomBytes(6).toString("hex")}`;
    const exists = async () => {
      const page = await this.readPrimary<{ items: { bodyMd: string }[] }>(`/api/tickets/${ticketId}/comments?limit=100`);
      return page.items.some((c) => c.bodyMd.includes(marker));
    };
    const res = await this.request("comment", "POST", `/api/tickets/${ticketId}/comments`, { bodyMd: `Note ${marker}`, internal: true }, { exists });
    if (res || (await exists().catch(() => false))) this.stats.comments.push({ ticketId, marker });
  }

  async upload(ticketId: string): Promise<void> {
    const name = `note-${randomBytes(4).toString("hex")}.txt`;
    const form = () => {
      const f = new FormData();
      f.append("file", new Blob([`attachment ${name} from the cluster run\n`], { type: "text/plain" }), name);
      return f;
    };
    const exists = async () => {
      const page = await this.readPrimary<{ items?: { filename?: string; name?: string }[] } | { filename?: string; name?: string }[]>(
        `/api/tickets/${ticketId}/attachments`,
      );
      const items = Array.isArray(page) ? page : (page.items ?? []);
      return items.some((a) => a.filename === name || a.name === name);
    };
    const res = await this.request("upload", "POST", `/api/tickets/${ticketId}/attachments`, undefined, { form, exists });
    if (res) this.stats.uploads++;
  }

  private async remember(res: Response | null): Promise<void> {
    if (!res) return;
    const page = (await res.json().catch(() => ({ items: [] }))) as { items: { id: string }[] };
    for (const t of page.items.slice(0, 5)) if (!this.seen.includes(t.id)) this.seen.push(t.id);
    if (this.seen.length > 50) this.seen.splice(0, this.seen.length - 50);
  }

  async list(): Promise<void> {
    await this.remember(await this.request("list", "GET", "/api/tickets?limit=20"));
  }

  async search(word: string): Promise<void> {
    await this.remember(await this.request("search", "GET", `/api/tickets?q=${encodeURIComponent(word)}&limit=20`));
  }

  async readTicket(id: string): Promise<void> {
    const res = await this.request("read", "GET", `/api/tickets/${id}`);
    await res?.body?.cancel().catch(() => undefined);
  }
}

/** Runs `client` until `until()`: a reader lists and searches; a writer also creates, comments and uploads. */
export async function drive(client: Client, role: "reader" | "writer", until: () => boolean, stats: WorkloadStats, pauseMs: number): Promise<void> {
  const words = ["printer", "invoice", "password", "vpn", "laptop", "cluster"];
  let n = 0;
  while (!until()) {
    n++;
    const own = stats.createdTickets.filter((t) => t.client === client.index);
    const pick = Math.random();
    if (role === "reader" || own.length === 0) {
      if (role === "writer" && own.length === 0) await client.createTicket();
      else if (pick < 0.5) await client.list();
      else if (pick < 0.85) await client.search(words[n % words.length]!);
      else if (client.seen.length > 0) await client.readTicket(client.seen[n % client.seen.length]!);
      else await client.list();
    } else if (pick < 0.35) await client.createTicket();
    else if (pick < 0.6) await client.comment(own[n % own.length]!.id);
    else if (pick < 0.68) await client.upload(own[n % own.length]!.id);
    else if (pick < 0.85) await client.list();
    else await client.readTicket(own[n % own.length]!.id);
    await sleep(pauseMs);
  }
}

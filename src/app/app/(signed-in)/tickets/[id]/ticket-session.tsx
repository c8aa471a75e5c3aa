"use client";

// The ticket page's one writer (issue 11). The page holds the version it rendered; every write (a field
// change, a reply, "Assign to me", a macro) goes through write(), which sends it as If-Match, one write at
// a time so the page never trips over its own previous change. A 412 is never resent silently: it opens
// the stale warning (who changed what since), and only "Send anyway" resends, with the version the
// warning showed. Other pieces plug in through the hooks below: the composer registers a handle that
// shortcuts and macro pickers use (useComposer), and anything may set ticket fields (useTicketSession).
import { useRouter } from "next/navigation";
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from "react";
import { sendJson, type ApiError } from "@/components/api/send-json";
import { noteRefresh } from "@/components/live/refresh-clock";
import type { Directory } from "@/components/tickets/activity-text";
import type { TActivityDto } from "@/domain/activity/activity-dto";
import type { TTicketPriority, TTicketStatus } from "@/db/schema/enums";

export type WriteOrigin = "composer" | "fields";

export interface StaleState {
  origin: WriteOrigin;
  /** What the caller missed, as the server says this caller may see it (requesters: status only). */
  changes: TActivityDto[];
  currentVersion: number;
  /** Resends the refused write against `currentVersion`. */
  resend: () => Promise<void>;
}

export type WriteOutcome = { ok: true } | { ok: false; stale: true } | { ok: false; stale: false; error: ApiError };

export interface WriteRequest<T> {
  origin: WriteOrigin;
  method: "PATCH" | "POST";
  url: string;
  body: unknown;
  /** Runs after the write succeeded (also after "Send anyway"), before the page re-renders. */
  onSuccess?: (data: T) => unknown;
  /**
   * A plain reply changes no field: when the caller missed nothing it may see (an internal note, for a
   * requester), it is resent at once instead of warning about an invisible change.
   */
  resendWhenNothingVisible?: boolean;
}

export type TicketFieldChange = Partial<{ status: TTicketStatus; priority: TTicketPriority; assigneeId: string | null; teamId: string | null; tags: string[] }>;

/** What plugs into the composer from outside (shortcuts, a macro picker): set its text and mode, focus it. */
export interface ComposerHandle {
  setBody(text: string): void;
  insertText(text: string): void;
  setMode(mode: "reply" | "note"): void;
  /** The status the next Send sets with the reply, in the same request (a macro's status); null: none. */
  setSendStatus(status: TTicketStatus | null): void;
  focus(): void;
}

interface Session {
  ticketId: string;
  userId: string;
  /** The version the server last rendered (changes when the page re-renders). */
  renderedVersion: number;
  /** The newest version this page has rendered or written itself: a live event at or below it is old news. */
  knownVersion(): number;
  directory: Directory;
  stale: StaleState | null;
  write<T>(request: WriteRequest<T>): Promise<WriteOutcome>;
  /** PATCHes ticket fields with the same collision handling (triage selects, "Assign to me", macros). */
  patchFields(fields: TicketFieldChange): Promise<WriteOutcome>;
  /** Shows the ticket as it is now and forgets the refused write. */
  reload(): void;
  composer: ComposerHandle | null;
  registerComposer(handle: ComposerHandle | null): void;
}

const SessionContext = createContext<Session | null>(null);

export function useTicketSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useTicketSession outside <TicketSession>");
  return session;
}

/** The composer's handle, or null while there is none (a closed ticket). */
export function useComposer(): ComposerHandle | null {
  return useTicketSession().composer;
}

export const etagOf = (version: number) => `"${version}"`;
const versionOf = (etag: string | null | undefined) => {
  const m = etag ? /^"(\d+)"$/.exec(etag) : null;
  return m ? Number(m[1]) : null;
};

function staleDetails(error: ApiError): { version: number; changes: TActivityDto[] } | null {
  const current = error.body?.current as { ticket?: { version?: unknown }; changes?: unknown } | undefined;
  const version = current?.ticket?.version;
  if (typeof version !== "number") return null;
  return { version, changes: Array.isArray(current?.changes) ? (current.changes as TActivityDto[]) : [] };
}

export function TicketSession({
  ticketId,
  userId,
  version,
  directory,
  children,
}: {
  ticketId: string;
  userId: string;
  version: number;
  directory: Directory;
  children: ReactNode;
}) {
  const router = useRouter();
  // The newest version this page has shown or written; a re-render of the server page never lowers it.
  const known = useRef(version);
  if (version > known.current) known.current = version;
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const [stale, setStale] = useState<StaleState | null>(null);
  const [composer, setComposer] = useState<ComposerHandle | null>(null);

  const send = useCallback(
    async <T,>(request: WriteRequest<T>, asVersion: number, retried: boolean): Promise<WriteOutcome> => {
      const result = await sendJson<T>(request.method, request.url, request.body, { ifMatch: etagOf(asVersion) });
      if (result.ok) {
        const written = versionOf(result.etag);
        if (written !== null && written > known.current) known.current = written;
        setStale(null);
        await request.onSuccess?.(result.data);
        noteRefresh();
        router.refresh();
        return { ok: true };
      }
      const details = result.error.code === "stale" ? staleDetails(result.error) : null;
      if (!details) return { ok: false, stale: false, error: result.error };
      if (request.resendWhenNothingVisible && !retried && details.changes.length === 0) return send(request, details.version, true);
      setStale({
        origin: request.origin,
        changes: details.changes,
        currentVersion: details.version,
        resend: async () => {
          await send(request, details.version, true);
        },
      });
      return { ok: false, stale: true };
    },
    [router],
  );

  const write = useCallback(
    <T,>(request: WriteRequest<T>): Promise<WriteOutcome> => {
      // One at a time: the second of two quick changes must carry the version the first one produced.
      const next = queue.current.then(() => send(request, known.current, false));
      queue.current = next.catch(() => undefined);
      return next;
    },
    [send],
  );

  const patchFields = useCallback(
    (fields: TicketFieldChange) => write({ origin: "fields", method: "PATCH", url: `/api/tickets/${ticketId}`, body: fields }),
    [write, ticketId],
  );

  const reload = useCallback(() => {
    if (stale && stale.currentVersion > known.current) known.current = stale.currentVersion;
    setStale(null);
    noteRefresh();
    router.refresh();
  }, [router, stale]);

  const session = useMemo<Session>(
    () => ({
      ticketId,
      userId,
      renderedVersion: version,
      knownVersion: () => known.current,
      directory,
      stale,
      write,
      patchFields,
      reload,
      composer,
      registerComposer: setComposer,
    }),
    [ticketId, userId, version, directory, stale, write, patchFields, reload, composer],
  );
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

"use client";

// The ticket page, live (issue 11). Changes to this ticket (fields, replies, notes for staff, timeline,
// files) re-render the page from the server as the caller sees it; the page's writer (ticket-session.tsx)
// then builds on the version it shows, and a write made before the news arrived still gets the stale
// warning. Presence: the page says it is open ("viewing") and, while the composer is in use,
// "replying"; it shows who else is here as the server allows this caller to be told.
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import { sendJson } from "@/components/api/send-json";
import { useLiveEvent, type LiveKind } from "@/components/live/live-events";
import { useLiveRefresh } from "@/components/live/use-live-refresh";
import { TICKET_ACTION_MESSAGES } from "@/components/messages/ticket-actions";
import { useMessages } from "@/components/messages/use-messages";
import { useTicketSession } from "./ticket-session";

type State = "viewing" | "replying";
type Someone = { name: string; state: State; until: number };

/** How often an open page repeats its presence (the server shows one for 45 s). */
const REPEAT_MS = 20_000;
/** "Replying" falls back to "viewing" after this long without typing. */
const IDLE_MS = 15_000;

interface Presence {
  others: [string, Someone][];
  /** The composer is (or is no longer) being written in. */
  setComposing(active: boolean): void;
}
const PresenceContext = createContext<Presence | null>(null);

/**
 * Whether a live event tells this page something it does not show yet. Every change of the ticket's row
 * bumps its version (replies and notes included, which arrive with a ticket.updated), so those are news
 * only above the version the page knows — its own writes never are, and never cost a second refresh
 * that would cancel the writer's own. SLA timeline entries and files do not move the version.
 */
// biome-ignore lint/suspicious/noExplicitAny: payloads are the API's DTOs
function isNews(ticketId: string, known: number, kind: LiveKind, data: any): boolean {
  switch (kind) {
    case "ticket.updated":
      return data?.ticket?.id === ticketId && data.ticket.version > known;
    case "activity.created":
      return data?.ticketId === ticketId && (data.activity?.field === "sla" || data.activity?.version > known);
    case "attachment.created":
    case "attachment.updated":
      return data?.attachment?.ticketId === ticketId;
    default:
      return false;
  }
}

export function TicketLive({ ticketId, children }: { ticketId: string; children: ReactNode }) {
  const { knownVersion } = useTicketSession();
  useLiveRefresh(
    ["ticket.updated", "activity.created", "attachment.created", "attachment.updated"],
    (kind, data) => isNews(ticketId, knownVersion(), kind, data),
    { minIntervalMs: 2000 },
  );

  const [others, setOthers] = useState<Map<string, Someone>>(new Map());
  const mine = useRef<State>("viewing");
  const idle = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const lastAnnounced = useRef(0);

  const announce = useCallback(
    (state: State | "left") => {
      lastAnnounced.current = Date.now();
      void sendJson("POST", `/api/tickets/${ticketId}/presence`, { state }, { keepalive: state === "left" });
    },
    [ticketId],
  );

  useEffect(() => {
    announce("viewing");
    const repeat = setInterval(() => announce(mine.current), REPEAT_MS);
    const expire = setInterval(() => setOthers((m) => new Map([...m].filter(([, p]) => p.until > Date.now()))), 5_000);
    const leave = () => announce("left");
    window.addEventListener("pagehide", leave);
    return () => {
      clearInterval(repeat);
      clearInterval(expire);
      clearTimeout(idle.current);
      window.removeEventListener("pagehide", leave);
      leave();
    };
  }, [announce]);

  // Opening the ticket marks the caller's notifications about it read (issue 11), and so does one that
  // arrives while it is open and in view; the bell follows through the stream's notification.read.
  const markRead = useCallback(() => void sendJson("POST", "/api/notifications/read-all", { ticketId }), [ticketId]);
  useEffect(markRead, [markRead]);
  useLiveEvent(["notification.created"], (_kind, data) => {
    if (data?.notification?.ticketId === ticketId && !data.notification.read && document.visibilityState === "visible") markRead();
  });

  // A stream only carries presence for tickets its user has said they are on: say it again whenever the
  // stream (re)opens, or the first 20 seconds of a fresh stream would show nobody.
  useLiveEvent(["ready"], () => announce(mine.current));

  useLiveEvent(["presence"], (_kind, data) => {
    if (data?.ticketId !== ticketId || typeof data.userId !== "string") return;
    let newcomer = false;
    setOthers((m) => {
      const next = new Map(m);
      if (data.state === "left") next.delete(data.userId);
      else {
        newcomer = !m.has(data.userId);
        next.set(data.userId, {
          name: String(data.name),
          state: data.state === "replying" ? "replying" : "viewing",
          until: Date.now() + data.expiresInSec * 1000,
        });
      }
      return next;
    });
    // Someone just arrived: tell them we are here too, instead of leaving them to wait for our next repeat.
    if (newcomer && Date.now() - lastAnnounced.current > 3_000) announce(mine.current);
  });

  const setComposing = useCallback(
    (active: boolean) => {
      clearTimeout(idle.current);
      const next: State = active ? "replying" : "viewing";
      if (active) {
        idle.current = setTimeout(() => {
          mine.current = "viewing";
          announce("viewing");
        }, IDLE_MS);
      }
      if (next === mine.current) return;
      mine.current = next;
      announce(next);
    },
    [announce],
  );

  return <PresenceContext.Provider value={{ others: [...others], setComposing }}>{children}</PresenceContext.Provider>;
}

/** What the composer tells the page about itself (a no-op outside a live ticket page). */
export function useComposingSignal(): (active: boolean) => void {
  return useContext(PresenceContext)?.setComposing ?? noop;
}
const noop = () => undefined;

/** "Sam is viewing · Alex is replying": who else has this ticket open. */
export function PresenceLine() {
  const t = useMessages(TICKET_ACTION_MESSAGES);
  const presence = useContext(PresenceContext);
  const people = presence?.others ?? [];
  return (
    <p className="presence-line" role="status" aria-live="polite">
      {people.map(([id, p], i) => (
        <span key={id} className={`presence presence-${p.state}`}>
          {i > 0 && " · "}
          {t(`presence.${p.state}`, { name: p.name })}
        </span>
      ))}
    </p>
  );
}

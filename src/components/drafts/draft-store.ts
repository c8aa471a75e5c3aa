// Where composer drafts live in the browser (issue 11, F7), and when they are forgotten. A draft may hold an
// internal note, so it must not outlive the session of the person who wrote it, however that session ends:
//   - keyed by organization and user: nobody else's page ever reads it;
//   - every signed-in page load keeps only the signed-in user's drafts (another user signing in on this
//     browser, in this tab or another, finds none of the previous user's words in storage);
//   - the sign-in and invite pages forget all drafts: whoever lands there has no session (expired,
//     revoked elsewhere, signed out), and the next person at this browser may be someone else;
//   - sign-out and any 401 answer (the session ended under the page) forget them too, and the page then
//     stops storing what is typed;
//   - each draft expires DRAFT_TTL_MS after it was last typed in, whatever happens to the session.
// localStorage rather than sessionStorage: a draft must survive a reload and be there in a second tab of the
// same ticket; sessionStorage would also outlive a sign-out in that tab. The owner marker lets other tabs of
// this browser notice that the person changed (DraftOwnerProvider reloads them).
import { now } from "@/lib/clock";

export type ComposerMode = "reply" | "note";
export interface DraftOwner {
  orgId: string;
  userId: string;
}

/** Long enough to finish a reply after a weekend, short enough that a forgotten note does not linger. */
export const DRAFT_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** Every draft key of every format we ever wrote starts with this (v1 keys had no organization or expiry). */
const ANY_DRAFT = "helpdesk.draft.";
const PREFIX = "helpdesk.draft.v2:";
/** "orgId:userId" of whoever's drafts this browser keeps; "" after a sign-out. */
export const OWNER_KEY = "helpdesk.drafts-owner";

const ownerTag = (o: DraftOwner) => `${o.orgId}:${o.userId}`;
export const draftKey = (owner: DraftOwner, ticketId: string, mode: ComposerMode) => `${PREFIX}${ownerTag(owner)}:${ticketId}:${mode}`;

/** Set once this page learned that its session ended: nothing typed afterwards is stored. */
let sessionEnded = false;

function storage(): Storage | null {
  try {
    return typeof window === "undefined" ? null : window.localStorage;
  } catch {
    return null; // storage disabled: drafts simply do not persist
  }
}

interface Stored {
  text: string;
  /** When it was last typed in (ms since the epoch). */
  at: number;
}

function parse(raw: string | null): Stored | null {
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as Partial<Stored>;
    return typeof v.text === "string" && typeof v.at === "number" ? { text: v.text, at: v.at } : null;
  } catch {
    return null;
  }
}

const fresh = (d: Stored | null, at: number) => d !== null && at - d.at < DRAFT_TTL_MS && d.at <= at + 60_000;

export function readDraft(owner: DraftOwner, ticketId: string, mode: ComposerMode): string {
  const store = storage();
  if (!store) return "";
  const key = draftKey(owner, ticketId, mode);
  const draft = parse(store.getItem(key));
  if (fresh(draft, now().getTime())) return draft!.text;
  store.removeItem(key);
  return "";
}

export function writeDraft(owner: DraftOwner, ticketId: string, mode: ComposerMode, text: string): void {
  const store = storage();
  if (!store || sessionEnded) return;
  const key = draftKey(owner, ticketId, mode);
  try {
    if (text) store.setItem(key, JSON.stringify({ text, at: now().getTime() } satisfies Stored));
    else store.removeItem(key);
  } catch {
    // quota: the draft stays in the page only
  }
}

function removeDraftsWhere(drop: (key: string) => boolean): void {
  const store = storage();
  if (!store) return;
  for (let i = store.length - 1; i >= 0; i--) {
    const key = store.key(i);
    if (key?.startsWith(ANY_DRAFT) && drop(key)) store.removeItem(key);
  }
}

/**
 * On every signed-in page: this browser keeps only `owner`'s drafts, and only unexpired ones. Any other
 * user's (and every old-format) draft goes. Returns whether the browser's owner changed.
 */
export function keepOnlyDraftsOf(owner: DraftOwner): boolean {
  // A signed-in page (after a sign-in in this tab, too): what is typed is stored again.
  sessionEnded = false;
  const store = storage();
  if (!store) return false;
  const mine = `${PREFIX}${ownerTag(owner)}:`;
  const at = now().getTime();
  removeDraftsWhere((key) => !key.startsWith(mine) || !fresh(parse(store.getItem(key)), at));
  const changed = store.getItem(OWNER_KEY) !== ownerTag(owner);
  try {
    if (changed) store.setItem(OWNER_KEY, ownerTag(owner));
  } catch {
    // quota: other tabs are not told; their own next page load purges
  }
  return changed;
}

/** The session is over (sign-out, a 401, the sign-in page): forget every draft of this browser. */
export function forgetAllDrafts(opts: { sessionEnded?: boolean } = {}): void {
  if (opts.sessionEnded) sessionEnded = true;
  const store = storage();
  if (!store) return;
  removeDraftsWhere(() => true);
  try {
    if (store.getItem(OWNER_KEY)) store.setItem(OWNER_KEY, "");
  } catch {
    // nothing to tell other tabs
  }
}

/** Whose drafts another tab says this browser now keeps ("" after a sign-out), from a storage event. */
export const ownerChangeOf = (e: StorageEvent, owner: DraftOwner): boolean => e.key === null || (e.key === OWNER_KEY && e.newValue !== ownerTag(owner));

/** Tests only: a fresh page. */
export function resetDraftStoreForTests(): void {
  sessionEnded = false;
}

// F7: drafts do not outlive their author's session. Another user's page load, the sign-in page, a 401 and
// seven days each leave nothing of a draft in storage; a reload by the same user keeps it.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fixedClock, setClock } from "@/lib/clock";
import {
  DRAFT_TTL_MS,
  draftKey,
  forgetAllDrafts,
  keepOnlyDraftsOf,
  OWNER_KEY,
  ownerChangeOf,
  readDraft,
  resetDraftStoreForTests,
  writeDraft,
} from "./draft-store";

class MemoryStorage implements Storage {
  private map = new Map<string, string>();
  get length() {
    return this.map.size;
  }
  clear() {
    this.map.clear();
  }
  getItem(key: string) {
    return this.map.get(key) ?? null;
  }
  key(i: number) {
    return [...this.map.keys()][i] ?? null;
  }
  removeItem(key: string) {
    this.map.delete(key);
  }
  setItem(key: string, value: string) {
    this.map.set(key, String(value));
  }
  dump() {
    return [...this.map.entries()].map(([k, v]) => `${k}=${v}`).join("\n");
  }
}

const alice = { orgId: "org-1", userId: "alice" };
const bob = { orgId: "org-1", userId: "bob" };
const aliceElsewhere = { orgId: "org-2", userId: "alice" };
const SECRET = "INTERNAL: the customer's card was flagged";
let store: MemoryStorage;
let clock: ReturnType<typeof fixedClock>;
let restoreClock: () => void;

beforeEach(() => {
  store = new MemoryStorage();
  (globalThis as { window?: unknown }).window = { localStorage: store };
  clock = fixedClock(new Date("2026-11-30T09:00:00Z"));
  restoreClock = setClock(clock);
  resetDraftStoreForTests();
});
afterEach(() => {
  restoreClock();
  delete (globalThis as { window?: unknown }).window;
});

describe("drafts belong to one user of one organization (F7)", () => {
  it("the same user's reload finds the draft; it is stored under their organization and id", () => {
    keepOnlyDraftsOf(alice);
    writeDraft(alice, "t1", "note", SECRET);
    expect(store.getItem(draftKey(alice, "t1", "note"))).toContain(SECRET);
    keepOnlyDraftsOf(alice); // the reload
    expect(readDraft(alice, "t1", "note")).toBe(SECRET);
  });

  for (const [who, next] of [
    ["another user of the organization", bob],
    ["the same user id in another organization", aliceElsewhere],
  ] as const) {
    it(`${who} signing in on this browser: the first page load leaves none of the draft in storage`, () => {
      keepOnlyDraftsOf(alice);
      writeDraft(alice, "t1", "note", SECRET);
      writeDraft(alice, "t2", "reply", "half a reply");
      expect(keepOnlyDraftsOf(next)).toBe(true);
      expect(store.dump()).not.toContain(SECRET);
      expect(store.dump()).not.toContain("half a reply");
      expect(readDraft(next, "t1", "note")).toBe("");
      expect(store.getItem(OWNER_KEY)).toBe(`${next.orgId}:${next.userId}`);
    });
  }

  it("drafts of the old format (no organization, no expiry) are dropped on the next page load", () => {
    store.setItem("helpdesk.draft.v1:alice:t1:note", SECRET);
    keepOnlyDraftsOf(alice);
    expect(store.dump()).not.toContain(SECRET);
  });

  it("a corrupt or hand-edited entry is dropped, never shown", () => {
    store.setItem(draftKey(alice, "t1", "note"), "not json");
    store.setItem(draftKey(alice, "t1", "reply"), JSON.stringify({ text: 42 }));
    keepOnlyDraftsOf(alice);
    expect(store.length).toBe(1); // only the owner marker
  });
});

describe("drafts end with the session (F7)", () => {
  it("the sign-in page (expired or revoked session) forgets every draft and tells other tabs", () => {
    keepOnlyDraftsOf(alice);
    writeDraft(alice, "t1", "note", SECRET);
    forgetAllDrafts();
    expect(store.dump()).not.toContain(SECRET);
    expect(store.getItem(OWNER_KEY)).toBe("");
  });

  it("after a 401 (sign-out, the session ended under the page) nothing typed is stored any more", () => {
    keepOnlyDraftsOf(alice);
    writeDraft(alice, "t1", "note", SECRET);
    forgetAllDrafts({ sessionEnded: true });
    writeDraft(alice, "t1", "note", `${SECRET} and more`);
    expect(store.dump()).not.toContain(SECRET);
    // Signing in again (a signed-in page) stores drafts again.
    keepOnlyDraftsOf(alice);
    writeDraft(alice, "t1", "note", "new draft");
    expect(readDraft(alice, "t1", "note")).toBe("new draft");
  });

  it(`a draft expires ${DRAFT_TTL_MS / 86_400_000} days after it was last typed in, whoever opens the page`, () => {
    keepOnlyDraftsOf(alice);
    writeDraft(alice, "t1", "note", SECRET);
    clock.advance(DRAFT_TTL_MS - 1000);
    expect(readDraft(alice, "t1", "note")).toBe(SECRET);
    writeDraft(alice, "t1", "reply", "typed later");
    clock.advance(2000);
    expect(readDraft(alice, "t1", "note")).toBe("");
    keepOnlyDraftsOf(alice);
    expect(store.dump()).not.toContain(SECRET);
    expect(readDraft(alice, "t1", "reply")).toBe("typed later");
  });

  it("a draft dated in the future (a clock set back, a planted entry) is not trusted", () => {
    store.setItem(draftKey(alice, "t1", "note"), JSON.stringify({ text: SECRET, at: Date.parse("2027-01-01T00:00:00Z") }));
    expect(readDraft(alice, "t1", "note")).toBe("");
    expect(store.dump()).not.toContain(SECRET);
  });

  it("other tabs reload when the browser's owner changes or signs out, not for their own user's page loads", () => {
    const event = (key: string | null, newValue: string | null) => ({ key, newValue }) as StorageEvent;
    expect(ownerChangeOf(event(OWNER_KEY, "org-1:bob"), alice)).toBe(true);
    expect(ownerChangeOf(event(OWNER_KEY, ""), alice)).toBe(true);
    expect(ownerChangeOf(event(null, null), alice)).toBe(true);
    expect(ownerChangeOf(event(OWNER_KEY, "org-1:alice"), alice)).toBe(false);
    expect(ownerChangeOf(event(draftKey(alice, "t1", "note"), null), alice)).toBe(false);
  });
});

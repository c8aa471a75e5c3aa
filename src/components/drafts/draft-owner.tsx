"use client";

// Whose drafts this browser keeps (F7). Around every signed-in page: on load it drops every draft that is
// not the signed-in user's (or has expired), and when another tab of this browser signs in as someone else
// or signs out, this tab reloads — its page, and the draft in its composer, belonged to the person before.
import { createContext, useContext, useEffect, useMemo, type ReactNode } from "react";
import { forgetAllDrafts, keepOnlyDraftsOf, ownerChangeOf, type DraftOwner } from "./draft-store";

const OwnerContext = createContext<DraftOwner | null>(null);

/** The signed-in user drafts belong to; null outside a signed-in page (nothing is then stored). */
export const useDraftOwner = () => useContext(OwnerContext);

export function DraftOwnerProvider({ orgId, userId, children }: { orgId: string; userId: string; children: ReactNode }) {
  const owner = useMemo(() => ({ orgId, userId }), [orgId, userId]);
  useEffect(() => {
    keepOnlyDraftsOf(owner);
    const onStorage = (e: StorageEvent) => {
      if (ownerChangeOf(e, owner)) window.location.reload();
    };
    window.addEventListener("storage", onStorage);
    return () => window.removeEventListener("storage", onStorage);
  }, [owner]);
  return <OwnerContext.Provider value={owner}>{children}</OwnerContext.Provider>;
}

/** On pages reached without a session (sign-in, an invite link): whatever drafts are here belong to no one now. */
export function ForgetDrafts() {
  useEffect(() => forgetAllDrafts(), []);
  return null;
}

"use client";

import { ErrorPanel } from "@/components/feedback/error-panel";

// Inside the signed-in area, so the header (and Sign out) stay usable when a page fails.
export default function SignedInError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorPanel error={error} retry={retry} />;
}

"use client";

import { ErrorPanel } from "@/components/feedback/error-panel";

// Catches errors below the root layout (sign-in and the signed-in area's own layout).
export default function RootError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorPanel error={error} retry={retry} />;
}

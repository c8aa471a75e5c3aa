"use client";

import { useEffect, useRef, useState } from "react";

const FIRST_BATCH = 50;

/**
 * Tag names for autocomplete (GET /api/tags, staff). One request when a tag field is first used brings the
 * organization's first 50 tags, filtered here as the user types; only when there are more than that does
 * typing ask the server again (debounced), so autocomplete barely touches the read budget (S8).
 */
export function useTagSuggestions(typed: string, active: boolean): string[] {
  const [known, setKnown] = useState<string[] | null>(null);
  const [complete, setComplete] = useState(false);
  const [remote, setRemote] = useState<string[]>([]);
  const loading = useRef(false);

  useEffect(() => {
    if (!active || known !== null || loading.current) return;
    loading.current = true;
    void fetchTags("").then((names) => {
      setKnown(names ?? []);
      setComplete(names !== null && names.length < FIRST_BATCH);
    });
  }, [active, known]);

  const prefix = normalise(typed);
  useEffect(() => {
    if (!active || complete || known === null || prefix === "") return;
    const timer = setTimeout(() => void fetchTags(prefix).then((names) => setRemote(names ?? [])), 300);
    return () => clearTimeout(timer);
  }, [active, complete, known, prefix]);

  const pool = complete ? (known ?? []) : [...new Set([...(known ?? []), ...remote])];
  return pool.filter((n) => n.includes(prefix)).sort((a, b) => Number(b.startsWith(prefix)) - Number(a.startsWith(prefix)) || a.localeCompare(b));
}

/** The server's normalisation, enough to match suggestions (the server applies the real rule on save). */
export function normalise(raw: string): string {
  return raw.normalize("NFKC").trim().toLowerCase().replace(/\s+/g, "-");
}

async function fetchTags(q: string): Promise<string[] | null> {
  try {
    const res = await fetch(`/api/tags?limit=${FIRST_BATCH}${q ? `&q=${encodeURIComponent(q)}` : ""}`, {
      credentials: "same-origin",
      headers: { accept: "application/json" },
    });
    if (!res.ok) return null;
    const body = (await res.json()) as { items?: { name: string }[] };
    return (body.items ?? []).map((t) => t.name);
  } catch {
    return null;
  }
}

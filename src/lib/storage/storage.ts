// Attachment bytes live behind this one interface (DESIGN.md "attachments"). Three areas, never mixed:
// `held` (received, not yet scanned: never served), `clean` (scanned, servable through the app only) and
// `quarantine` (infected or unverifiable; kept for investigation, never served); `exports` holds data
// exports (S18), served only through a signed URL. Keys are random and
// chosen by the app; nothing here is reachable without it (no public directory, a private bucket).
import { randomBytes } from "node:crypto";

export type StorageArea = "held" | "clean" | "quarantine" | "exports";
export const STORAGE_AREAS: readonly StorageArea[] = ["held", "clean", "quarantine", "exports"];

export interface ObjectStorage {
  readonly kind: "local" | "s3";
  put(area: StorageArea, key: string, data: Uint8Array): Promise<void>;
  /** null when the object does not exist. */
  get(area: StorageArea, key: string): Promise<Buffer | null>;
  exists(area: StorageArea, key: string): Promise<boolean>;
  /** Moves an object between areas (copy then delete). */
  move(from: StorageArea, to: StorageArea, key: string): Promise<void>;
  delete(area: StorageArea, key: string): Promise<void>;
  /** Every key in an area (backups, S23); never a half-written object. */
  list(area: StorageArea): AsyncIterable<string>;
}

/** 128 random bits, URL- and path-safe: the only name an object ever has in storage. */
export function newStorageKey(): string {
  return randomBytes(16).toString("hex");
}

const KEY = /^[0-9a-f]{32}$/;

export function isStorageKey(key: string): boolean {
  return KEY.test(key);
}

/** Keys come from our own rows, but a path must never be built from anything else. */
export function assertStorageKey(key: string): void {
  if (!isStorageKey(key)) throw new Error("invalid storage key");
}

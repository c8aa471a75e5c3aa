// Picks the storage adapter from the configuration: S3-compatible when S3_BUCKET is set, local disk otherwise.
import { env, type TEnv } from "@/lib/env";
import { createLocalStorage } from "./local-storage";
import { createS3Storage } from "./s3-storage";
import type { ObjectStorage } from "./storage";

export * from "./storage";

export function storageFromEnv(
  e: Pick<TEnv, "STORAGE_DIR" | "S3_BUCKET" | "S3_REGION" | "S3_ENDPOINT" | "S3_ACCESS_KEY_ID" | "S3_SECRET_ACCESS_KEY" | "S3_FORCE_PATH_STYLE">,
): ObjectStorage {
  if (e.S3_BUCKET) {
    return createS3Storage({
      bucket: e.S3_BUCKET,
      region: e.S3_REGION,
      endpoint: e.S3_ENDPOINT,
      accessKeyId: e.S3_ACCESS_KEY_ID,
      secretAccessKey: e.S3_SECRET_ACCESS_KEY,
      forcePathStyle: e.S3_FORCE_PATH_STYLE === "true",
    });
  }
  return createLocalStorage(e.STORAGE_DIR);
}

let current: ObjectStorage | undefined;

export function storage(): ObjectStorage {
  current ??= storageFromEnv(env());
  return current;
}
